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
 * What the package keeps in n8n's static data (saved with the workflow, so it survives restarts
 * and moves with the execution between processes). The delivery ledger and the sealed sessions
 * belong to the connection, not to a node: they live in the workflow's global static data, so
 * that a trigger and a Submit Code that continues the trigger's login (the trigger-based code
 * template) share one ledger and one session, and a document is never delivered twice or a
 * login repeated between them. Schedule state, scans and rejected logins stay per node.
 * n8n saves a trigger's static data when the trigger emits, an action node's after a
 * production execution.
 */
export class NodeState {
	private readonly shared: IDataObject;

	constructor(
		private readonly staticData: IDataObject,
		globalData: IDataObject = staticData,
	) {
		this.shared = (globalData.invoicePortals ??= {}) as IDataObject;
		this.shared.ledger ??= { entries: {} };
		this.shared.sessions ??= {};
		if (this.shared !== staticData) adoptNodeLevelState(staticData, this.shared);
	}

	/** Random per node, keys login fingerprints so they say nothing outside this node's state. */
	salt(): string {
		return (this.staticData.salt ??= newTriggerState().salt) as string;
	}

	ledger(connection: string): DeliveryLedger {
		return new DeliveryLedger(this.shared.ledger as unknown as LedgerData, connection);
	}

	session(connection: string): string | undefined {
		return (this.shared.sessions as Record<string, string>)[connection];
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
		putOrRemove((this.staticData.scans ??= {}) as Record<string, string>, connection, filtersHash);
	}

	/** A login the portal rejected, by execution: n8n's Retry On Fail must not try it again. */
	rejectedLogin(connection: string): RejectedLogin | undefined {
		return (this.staticData.rejected as Record<string, RejectedLogin> | undefined)?.[connection];
	}

	setRejectedLogin(connection: string, rejected: RejectedLogin | undefined): void {
		putOrRemove((this.staticData.rejected ??= {}) as Record<string, RejectedLogin>, connection, rejected);
	}

	setSession(connection: string, sealed: string | undefined): void {
		putOrRemove(this.shared.sessions as Record<string, string>, connection, sealed);
	}
}

/** Stores a connection's value, or removes its entry (static data should not collect empty keys). */
function putOrRemove<T>(bag: Record<string, T>, connection: string, value: T | undefined): void {
	if (value) bag[connection] = value;
	else delete bag[connection];
}

/** Ledgers and sessions that earlier versions kept per node move to the shared place, once. */
function adoptNodeLevelState(node: IDataObject, shared: IDataObject): void {
	const ledger = node.ledger as LedgerData | undefined;
	if (ledger) {
		const entries = (shared.ledger as LedgerData).entries;
		for (const [key, entry] of Object.entries(ledger.entries ?? {})) entries[key] ??= entry;
		delete node.ledger;
	}
	const sessions = node.sessions as Record<string, string> | undefined;
	if (sessions) {
		Object.assign(shared.sessions as Record<string, string>, { ...sessions, ...(shared.sessions as Record<string, string>) });
		delete node.sessions;
	}
}
