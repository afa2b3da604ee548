import type { PortalDocument } from '../contract/documents';

/** What is remembered of one delivered document: enough to recognise it, nothing of its content. */
export interface LedgerEntry {
	sha256: string;
	/** Epoch ms. */
	deliveredAt: number;
}

/** Plain JSON, so that it can live in n8n's static data (saved with the workflow). */
export interface LedgerData {
	entries: Record<string, LedgerEntry>;
}

export const DEFAULT_LEDGER_MAX_AGE_DAYS = 400;
export const DEFAULT_LEDGER_MAX_ENTRIES = 20_000;

/**
 * What one connection already delivered (its record holds one ledger). Keys are the sub-account
 * and the portal's document id; the file hash is a second key, so a
 * document the portal re-lists under a new id is not delivered twice. Deleting delivered files
 * changes nothing here. Entries are pruned by age and count so the state stays small.
 */
export class DeliveryLedger {
	private readonly hashes: Set<string>;

	constructor(private readonly data: LedgerData) {
		data.entries ??= {};
		this.hashes = new Set(Object.values(data.entries).map((entry) => entry.sha256));
	}

	static key(doc: Pick<PortalDocument, 'accountId' | 'id'>): string {
		return `${doc.accountId}|${doc.id}`;
	}

	has(doc: Pick<PortalDocument, 'accountId' | 'id'>): boolean {
		if (DeliveryLedger.key(doc) in this.data.entries) return true;
		// Definitions without sub-accounts used to write their ids as ":<own id>" (version 0.1.0).
		// The file hash alone would keep those documents from being delivered twice, but every run
		// would download them all again to find that out, and "only new" listings would never stop
		// early: so the old key counts as the same document.
		return !doc.accountId && `|:${doc.id}` in this.data.entries;
	}

	hasFile(sha256: string): boolean {
		return this.hashes.has(sha256);
	}

	/** Call only once the document was handed on (output): delivered means delivered. */
	record(doc: Pick<PortalDocument, 'accountId' | 'id'>, sha256: string, now = Date.now()): void {
		this.data.entries[DeliveryLedger.key(doc)] = { sha256, deliveredAt: now };
		this.hashes.add(sha256);
	}

	prune(
		now = Date.now(),
		maxAgeDays = DEFAULT_LEDGER_MAX_AGE_DAYS,
		maxEntries = DEFAULT_LEDGER_MAX_ENTRIES,
	): number {
		const cutoff = now - maxAgeDays * 86_400_000;
		const entries = Object.entries(this.data.entries).sort(
			(a, b) => b[1].deliveredAt - a[1].deliveredAt,
		);
		let removed = 0;
		entries.forEach(([key, entry], index) => {
			if (entry.deliveredAt < cutoff || index >= maxEntries) {
				delete this.data.entries[key];
				removed += 1;
			}
		});
		return removed;
	}
}
