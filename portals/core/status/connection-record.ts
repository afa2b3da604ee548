import type { StageCounts } from '../collection/filters';
import type { ChallengeMethod, ReasonCode } from '../outcomes/reasons';
import type { ConnectionStatus } from '../outcomes/statuses';

/** The last known state of one connection. No secrets: safe to show and to store unencrypted. */
export interface ConnectionRecord {
	portal: string;
	connection: string;
	status: ConnectionStatus;
	reason?: ReasonCode;
	message: string;
	remedy: string;
	method?: ChallengeMethod;
	lastRunAt: string;
	lastSuccessAt?: string;
	lastCounts?: StageCounts;
	/** Which node wrote it: the action node or the trigger. */
	source: string;
}
