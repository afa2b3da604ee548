import type { IDataObject } from 'n8n-workflow';
import { DeliveryLedger, type LedgerData } from '../../portals/core/ledger';
import type { ReasonCode } from '../../portals/core/reasons';
import { newTriggerState, type TriggerState } from '../../portals/core/trigger-state';

export interface RejectedLogin {
	executionId: string;
	/** Keyed hash of user name and password (trigger-state's loginFingerprint): never the secret. */
	fingerprint: string;
	reason: ReasonCode;
	message: string;
}

/**
 * What one node keeps in n8n's static data (saved with the workflow, so it survives restarts
 * and moves with the execution between processes): the delivery ledger, sealed sessions and,
 * for the trigger, its schedule state. n8n saves a trigger's static data when the trigger emits.
 */
export class NodeState {
	constructor(private readonly staticData: IDataObject) {
		staticData.ledger ??= { entries: {} };
		staticData.sessions ??= {};
	}

	/** Random per node, keys login fingerprints so they say nothing outside this node's state. */
	salt(): string {
		return (this.staticData.salt ??= newTriggerState().salt) as string;
	}

	ledger(connection: string): DeliveryLedger {
		return new DeliveryLedger(this.staticData.ledger as unknown as LedgerData, connection);
	}

	session(connection: string): string | undefined {
		return (this.staticData.sessions as Record<string, string>)[connection];
	}

	trigger(connection: string): TriggerState {
		const all = (this.staticData.trigger ??= {}) as Record<string, TriggerState>;
		return (all[connection] ??= newTriggerState());
	}

	setTrigger(connection: string, state: TriggerState): void {
		(this.staticData.trigger as Record<string, TriggerState>)[connection] = state;
	}

	/**
	 * The filters (as a hash) of the last download that went through every listed page and
	 * delivered everything it selected. While they stay the same, a later Only New download may
	 * stop at a page of known documents: what lies beyond was seen then.
	 */
	completeScan(connection: string): string | undefined {
		return (this.staticData.scans as Record<string, string> | undefined)?.[connection];
	}

	setCompleteScan(connection: string, filtersHash: string | undefined): void {
		const scans = (this.staticData.scans ??= {}) as Record<string, string>;
		if (filtersHash) scans[connection] = filtersHash;
		else delete scans[connection];
	}

	/** A login the portal rejected, by execution: n8n's Retry On Fail must not try it again. */
	rejectedLogin(connection: string): RejectedLogin | undefined {
		return (this.staticData.rejected as Record<string, RejectedLogin> | undefined)?.[connection];
	}

	setRejectedLogin(connection: string, rejected: RejectedLogin | undefined): void {
		const all = (this.staticData.rejected ??= {}) as Record<string, RejectedLogin>;
		if (rejected) all[connection] = rejected;
		else delete all[connection];
	}

	setSession(connection: string, sealed: string | undefined): void {
		const sessions = this.staticData.sessions as Record<string, string>;
		if (sealed) sessions[connection] = sealed;
		else delete sessions[connection];
	}
}
