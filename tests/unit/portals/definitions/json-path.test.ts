import { fieldText, fillPlaceholders, jsonAt } from '../../../../portals/definitions/json-path';

/** The dot paths of documents.api (issue 33): into objects and arrays, and into addresses. */
const answer = { data: { invoices: [{ id: 7, total: { amount: 1234.5 }, links: ['/a', '/b'] }] } };

test('a dot path reads objects and array indexes; "" is the answer itself; a wrong path is undefined', () => {
	expect(jsonAt(answer, 'data.invoices.0.total.amount')).toBe(1234.5);
	expect(jsonAt(answer, 'data.invoices.0.links.1')).toBe('/b');
	expect(jsonAt(answer, '')).toBe(answer);
	expect(jsonAt(answer, 'data.missing.deeper')).toBeUndefined();
	expect(jsonAt(answer, 'data.invoices.0.id.x')).toBeUndefined();
});

test("numbers become text in the field's locale notation, so the amount reader reads them", () => {
	expect(fieldText(1234.5)).toBe('1234.5');
	expect(fieldText(1234.5, 'de')).toBe('1234,5');
	expect(fieldText({ a: 1 })).toBeUndefined();
});

test('placeholders: named values and item paths, encoded for an address, plain for a query value', () => {
	const item = answer.data.invoices[0];
	expect(fillPlaceholders('/api/invoices/{id}/pdf', {}, item)).toBe('/api/invoices/7/pdf');
	expect(fillPlaceholders('/api/{cursor}', { cursor: 'a b/c' })).toBe('/api/a%20b%2Fc');
	expect(fillPlaceholders('{cursor}', { cursor: 'a b/c' }, undefined, false)).toBe('a b/c');
});
