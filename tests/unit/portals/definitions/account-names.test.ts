import { nameFromLabel, withAccountName } from '../../../../portals/definitions/account-names';
import type { PortalDocument } from '../../../../portals/core/contract/documents';

/**
 * Issue 33: a sub-account's link, button or option shows its id and its name together; the
 * document's accountName is the name alone, and nothing when the label is only the id.
 */
test.each([
	['CUST-1001 – Mobile +31 6 1234 5678', 'CUST-1001', 'Mobile +31 6 1234 5678'],
	['Fibre, Keizersgracht 1 (CUST-1002)', 'CUST-1002', 'Fibre, Keizersgracht 1'],
	['CUST-1002 (Fibre, Keizersgracht 1)', 'CUST-1002', 'Fibre, Keizersgracht 1'],
	['  Vertrag 42:   Strom  ', '42', 'Vertrag 42: Strom'],
	['Line 0301234 – 0301234', '0301234', 'Line 0301234'],
	['Office', 'O-7', 'Office'],
	['42 Main Street', '4', '42 Main Street'],
])('label %j of %s → %j', (label, id, name) => {
	expect(nameFromLabel(label, id)).toBe(name);
});

test('a label that is only the id gives no name', () => {
	expect(nameFromLabel(' CUST-1001 ', 'CUST-1001')).toBeUndefined();
	expect(nameFromLabel('#CUST-1001 –', 'CUST-1001')).toBeUndefined();
});

test("an item that names another account itself does not get the listed account's name", () => {
	const doc = (accountId: string) => ({ accountId }) as PortalDocument;
	const docs = withAccountName([doc('A'), doc('B')], 'A', 'Household');
	expect(docs.map((d) => d.accountName)).toEqual(['Household', undefined]);
});
