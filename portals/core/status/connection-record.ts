import type { StageCounts } from '../contract/counts';
import type { ReasonCode } from '../outcomes/reasons';
import type { ChallengeMethod } from '../contract/two-factor';
import type { ConnectionStatus } from '../contract/statuses';

/** The last known state of one connection. No secrets: safe to show and to store unencrypted. */
export interface ConnectionRecord {
	portal: string;
	connection: string;
	/** For people: the credential's name and the portal's (the overview's rows). */
	label?: string;
	/** The n8n credential behind it: the overview drops connections whose credential was deleted. */
	credentialId?: string;
	status: ConnectionStatus;
	reason?: ReasonCode;
	message: string;
	remedy: string;
	method?: ChallengeMethod;
	lastRunAt: string;
	lastSuccessAt?: string;
	lastCounts?: StageCounts;
	/** Start times of the last few runs that were not started by a person: the connection's cadence. */
	scheduledRuns?: string[];
	/** Documents downloaded per UTC day (YYYY-MM-DD), the last 30 days only. */
	deliveredByDay?: Record<string, number>;
	/** Which node wrote it: the action node or the trigger. */
	source: string;
}

/** Who a record is about; the store keeps the label and credential for the overview. */
export interface ConnectionIdentity {
	key: string;
	label?: string;
	credentialId?: string;
}
