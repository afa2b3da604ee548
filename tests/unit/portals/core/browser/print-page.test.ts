import { showsNumber } from '../../../../../portals/core/browser/print-page';

/**
 * Review of issue 33: a page is printed as an invoice only when it shows the row's number. A
 * short number like "12" is inside almost any page's text (a date, an amount, another invoice's
 * number), so it must be there as a whole word.
 */
describe('an invoice page shows its number as a whole word', () => {
	test.each([
		['Invoice 12', 'Invoice 12\nTotal 40,00 €'],
		['Invoice #12.', 'This is invoice #12.'],
		['in a table cell', 'Number\t12\tDate'],
		['a number with dashes', 'Invoice INV-2026-12 of March'],
	])('%s counts', (_what, text) => {
		const expected = text.includes('INV-') ? 'INV-2026-12' : '12';
		expect(showsNumber(text, expected)).toBe(true);
	});

	test.each([
		['another invoice whose number ends in it', 'Invoice INV-2026-12', '2026-12'],
		['a longer number', 'Invoice 120', '12'],
		['a date', 'Issued 2026-03-12', '12'],
		['an amount', 'Total 40.12 EUR', '12'],
		['an amount with a comma', 'Total 12,50 €', '12'],
		['a sign-in page', 'Sign in\nPassword\nForgot password?', '12'],
		['an empty number', 'Invoice 12', ' '],
	])('%s does not', (_what, text, expected) => {
		expect(showsNumber(text, expected)).toBe(false);
	});

	test('a number with characters special in patterns is read literally', () => {
		expect(showsNumber('Invoice (A+B) 12', '(A+B) 12')).toBe(true);
		expect(showsNumber('Invoice AAB 12', '(A+B) 12')).toBe(false);
	});
});
