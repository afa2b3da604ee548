import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import type { RunResult } from '../../../portals/core/outcomes/result';
import { sha256, type RealApp } from '../../../testbeds/real-apps';

/**
 * What a user would check after a real app's first run: the five uploaded PDFs, by their
 * numbers, each byte for byte; then they count as delivered (the node's ledger) for Only New.
 */
export function expectFiveInvoices(
	app: RealApp,
	result: Pick<RunResult, 'documents'>,
	ledger: LedgerData,
): void {
	expect(result.documents.map((d) => d.number).sort()).toEqual([
		'2026-001',
		'2026-002',
		'2026-003',
		'2026-004',
		'2026-005',
	]);
	expect(result.documents.map((d) => d.sha256).sort()).toEqual(
		app.files.map((f) => sha256(f.bytes)).sort(),
	);
	for (const doc of result.documents) {
		expect(sha256(doc.data)).toBe(doc.sha256);
		new DeliveryLedger(ledger).record(doc, doc.sha256);
	}
}
