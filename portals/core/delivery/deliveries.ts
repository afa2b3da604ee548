import type { DownloadedDocument, PortalDocument } from '../contract/documents';
import { DeliveryLedger, type LedgerData } from './ledger';

/**
 * What a run skips as delivered before (Only New): the connection's ledger by id, then by file
 * hash (a bill the portal re-lists under a new id). Both undefined: every document is selected.
 */
export interface DeliveredBefore {
	isDelivered?: (doc: PortalDocument) => boolean;
	/** Second dedup key: a file with this hash was delivered before (under another id). */
	isDeliveredFile?: (sha256: string) => boolean;
}

export function deliveredBefore(ledger: LedgerData, onlyNew: boolean): DeliveredBefore {
	if (!onlyNew) return {};
	const known = new DeliveryLedger(ledger);
	return { isDelivered: (doc) => known.has(doc), isDeliveredFile: (hash) => known.hasFile(hash) };
}

/**
 * Records a run's documents as delivered in `ledger` (the copy of the state that is saved once
 * they were output) and prunes it, so the state stays small.
 */
export function recordDelivered(
	ledger: LedgerData,
	documents: Pick<DownloadedDocument, 'accountId' | 'id' | 'sha256'>[],
	now: number,
): void {
	const delivered = new DeliveryLedger(ledger);
	for (const doc of documents) delivered.record(doc, doc.sha256, now);
	delivered.prune(now);
}

/** A run's two records (connection-run.ts): without this run's documents, and with them. */
export interface TwoRecords<TState> {
	/** The new state, without the documents of this run: save it at once. */
	state: TState;
	/** The new state with this run's documents recorded as delivered: save it once they were output. */
	delivered: TState;
}

/**
 * "State now, delivered once output": a run's session, lockout and schedule must not be lost even
 * if the items are never built, while a document counts as delivered only once its item exists
 * (delivered means output: a run that fails after downloading delivers it again next time).
 * `save` puts a record where the caller keeps it (n8n: the workflow's static data).
 */
export function twoPhaseSave<TState>(run: TwoRecords<TState>, save: (state: TState) => void) {
	return {
		/** The state without this run's documents, at once. */
		stateNow: (): void => save(run.state),
		/** Once the documents were output: the state with them, plus what the caller adds (a schedule). */
		deliveredOnceOutput: (extra: Partial<TState> = {}): void =>
			save({ ...run.delivered, ...extra }),
	};
}
