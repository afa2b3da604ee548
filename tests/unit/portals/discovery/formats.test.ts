import { parseDate } from '../../../../portals/adapter-kit/parsers';
import { amountFormatOf } from '../../../../portals/discovery/documents/amounts';
import { dateFormatOf } from '../../../../portals/discovery/documents/dates';
import { typeMapOf } from '../../../../portals/discovery/documents/types';

describe('dates: the format is read from the values and every sample parses', () => {
	test.each([
		[['01-10-2026', '15-09-2026'], 'nl', { date: 'dd-MM-yyyy' }, '2026-10-01'],
		[['01.10.2026', '02.09.2026'], 'de', { date: 'dd.MM.yyyy' }, '2026-10-01'],
		[['10/01/2026', '09/13/2026'], 'en', { date: 'MM/dd/yyyy' }, '2026-10-01'],
		[['13/01/2026', '01/02/2026'], 'en-us', { date: 'dd/MM/yyyy' }, '2026-01-13'],
		[['2026-10-01', '2026-09-01'], 'fr', { date: 'yyyy-MM-dd' }, '2026-10-01'],
		[['3 Oct 2026', '15 Sep 2026'], 'en', { date: 'd LLL yyyy', locale: 'en' }, '2026-10-03'],
		[['Oct 1, 2026', 'Sep 12, 2026'], 'en', { date: 'MMM d, yyyy', locale: 'en' }, '2026-10-01'],
		[
			['3. Oktober 2026', '15. September 2026'],
			'de',
			{ date: 'd. LLLL yyyy', locale: 'de' },
			'2026-10-03',
		],
		[
			['3 octobre 2026', '15 septembre 2026'],
			'fr',
			{ date: 'd LLLL yyyy', locale: 'fr' },
			'2026-10-03',
		],
		[['3 oktober 2026'], 'nl', { date: 'd LLLL yyyy', locale: 'nl' }, '2026-10-03'],
		[['3 de octubre de 2026'], 'es', { date: "d 'de' LLLL 'de' yyyy", locale: 'es' }, '2026-10-03'],
		[['3 ottobre 2026'], 'it', { date: 'd LLLL yyyy', locale: 'it' }, '2026-10-03'],
	])('%j (page language %s)', (values, lang, format, first) => {
		const found = dateFormatOf(values, lang);
		expect(found).toEqual(format);
		expect(parseDate(values[0], found!.date, found!.locale)).toBe(first);
	});

	test('a padded-looking day without a leading zero stays d: "5 Nov" must parse later', () => {
		expect(dateFormatOf(['15 Oct 2026', '16 Sep 2026'], 'en')).toEqual({
			date: 'd LLL yyyy',
			locale: 'en',
		});
	});

	test('numbers, amounts and words are not dates', () => {
		expect(dateFormatOf(['INV-2026-0012'], 'en')).toBeUndefined();
		expect(dateFormatOf(['€ 12.50'], 'en')).toBeUndefined();
		expect(dateFormatOf(['Invoice'], 'en')).toBeUndefined();
	});
});

test('amounts: the decimal mark from the values, else the page language', () => {
	expect(amountFormatOf(['€ 1.234,56', '€ 12,50'], 'nl')).toEqual({
		locale: 'nl',
		currency: 'EUR',
	});
	expect(amountFormatOf(['€ 1.234,56'], 'en')).toEqual({ locale: 'de', currency: 'EUR' });
	expect(amountFormatOf(['€1,234.56', '€52.56'], 'en')).toEqual({ locale: 'en', currency: 'EUR' });
	expect(amountFormatOf(['12.50 CHF'], 'de')).toEqual({ locale: 'en', currency: 'CHF' });
	expect(amountFormatOf(['01-10-2026'], 'nl')).toBeUndefined();
	expect(amountFormatOf(['INV-2026-0012'], 'en')).toBeUndefined();
	expect(amountFormatOf(['Paid'], 'en')).toBeUndefined();
});

test('types: a column of few known words becomes a map, a description column does not', () => {
	const map = typeMapOf(['Factuur', 'Creditnota', 'Factuur', 'Factuur'], 'Soort', 'nl')!;
	expect(map).toMatchObject({
		Factuur: 'invoice',
		Creditnota: 'credit_note',
		Herinnering: 'reminder',
	});
	expect(
		typeMapOf(
			[
				'Invoice October 2026',
				'Invoice September 2026',
				'Invoice August 2026',
				'Credit note July 2026',
			],
			'Description',
			'en',
		),
	).toBeUndefined();
	expect(typeMapOf(['Paid', 'Open', 'Paid'], 'Status', 'en')).toBeUndefined();
});
