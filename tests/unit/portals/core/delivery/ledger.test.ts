import { DeliveryLedger, type LedgerData } from '../../../../../portals/core/delivery/ledger';

/**
 * Version 0.1.0 wrote the ids of definitions without sub-accounts as ":<id>". Those ledger
 * entries still mean the same documents, so upgrading delivers nothing twice; the old form never
 * stands in for a document that has a sub-account.
 */
test("an old ':<id>' entry is the same document as '<id>' without a sub-account, and only then", () => {
	const data: LedgerData = { entries: {} };
	new DeliveryLedger(data).record({ accountId: '', id: ':F-1' }, 'a'.repeat(64));
	const ledger = new DeliveryLedger(data);
	expect(ledger.has({ accountId: '', id: 'F-1' })).toBe(true);
	expect(ledger.has({ accountId: '', id: 'F-2' })).toBe(false);
	expect(ledger.has({ accountId: 'CUST-1', id: 'F-1' })).toBe(false);
	expect(ledger.has({ accountId: 'CUST-1', id: 'CUST-1:F-1' })).toBe(false);
});
