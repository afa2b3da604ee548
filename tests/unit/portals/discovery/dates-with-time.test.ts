import { dateFormatOf } from '../../../../portals/discovery/documents/dates';
import { fieldValue } from '../../../../portals/definitions/fields';
import { parseDate } from '../../../../portals/adapter-kit/parsers';

/** File lists of web applications print the date with a time of day (MediaWiki's list of files). */
test.each([
	[['08:40, 28 November 2026', '17:05, 3 October 2026'], 'en', '2026-11-28'],
	[['28.11.2026 08:40', '03.10.2026 17:05'], 'de', '2026-11-28'],
	[['2026/11/28 08:40', '2026/10/03 17:05'], 'en', '2026-11-28'],
	[['Nov 28, 2026 at 8:40 AM', 'Oct 3, 2026 at 5:05 PM'], 'en', '2026-11-28'],
])('%j: the date part is found and parses as the run will read it', (values, lang, first) => {
	const format = dateFormatOf(values, lang)!;
	expect(format).toBeDefined();
	const raw = fieldValue({ regex: format.regex }, values[0]);
	expect(parseDate(raw!, format.date, format.locale)).toBe(first);
});

test('a column of times alone is no date column', () => {
	expect(dateFormatOf(['08:40', '17:05'], 'en')).toBeUndefined();
});
