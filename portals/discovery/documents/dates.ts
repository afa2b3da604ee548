import { parseDate } from '../../adapter-kit/parsers';
import { monthLocales } from '../words/month-names';

/** A date column's luxon format and language, proven on every sample. */
export interface DateFormat {
	date: string;
	locale?: string;
	/** Takes the date out of a date and time ("08:40, 28 November 2026"), as fields.ts applies it. */
	regex?: string;
}

/** A time of day before or after the date, with the comma or "at" between them. */
const WITH_TIME =
	'^(?:\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[aApP]\\.?[mM]\\.?)?,?\\s+)?(.+?)(?:,?\\s+(?:at\\s+|um\\s+|à\\s+|om\\s+|alle\\s+|a las\\s+)?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*[aApP]\\.?[mM]\\.?)?(?:\\s*[A-Z]{2,4})?)?$';

// Written dates, most specific first; luxon reads MMM/LLL and MMMM/LLLL alike when parsing.
const WRITTEN = [
	'd LLL yyyy',
	'd LLLL yyyy',
	'd. LLLL yyyy',
	'd. LLL yyyy',
	'MMM d, yyyy',
	'MMMM d, yyyy',
	"d 'de' LLLL 'de' yyyy",
	'd-LLL-yyyy',
	'LLL yyyy d',
	'EEE d LLL yyyy',
	'EEEE d LLLL yyyy',
	'EEEE, d. LLLL yyyy',
];

/**
 * The format of a column of dates, or undefined when the values are not all dates. Numeric
 * dates decide day and month order from the values themselves (a first part above 12 is a
 * day); when every value is ambiguous, American pages (lang en-US) put the month first and
 * everyone else the day. Written dates try the languages whose month names appear, then the
 * page's own. Every sample must parse with parsers.ts parseDate, as the run will.
 */
export function dateFormatOf(samples: string[], pageLang: string): DateFormat | undefined {
	const values = samples.map((s) => s.trim().replace(/\s+/g, ' ')).filter(Boolean);
	const plain = plainDateFormatOf(values, pageLang);
	if (plain || !values.some((v) => /\d:\d\d/.test(v))) return plain;
	// Dates with a time of day: the date part, taken out the way the run will take it out.
	const regex = new RegExp(WITH_TIME);
	const dates = values.map((v) => v.match(regex)?.[1]?.trim() ?? '');
	if (dates.some((d) => !d || /\d:\d\d/.test(d))) return undefined;
	const format = plainDateFormatOf(dates, pageLang);
	return format ? { ...format, regex: WITH_TIME } : undefined;
}

function plainDateFormatOf(values: string[], pageLang: string): DateFormat | undefined {
	if (!values.length || values.some((v) => v.length > 40 || !/\d/.test(v))) return undefined;
	const all = (format: string, locale?: string) =>
		values.every((v) => parseDate(v, format, locale) !== undefined);
	const numeric = values.every((v) => /^\d{1,4}([-./])\d{1,2}\1\d{1,4}$/.test(v));
	if (numeric) {
		const sep = values[0].match(/[-./]/)![0];
		const parts = values.map((v) => v.split(sep));
		const yearFirst = parts.every((p) => p[0].length === 4);
		// Two-digit tokens only when the portal visibly pads (a leading zero): "15" alone does
		// not say whether "5" would be written "05", and dd would refuse "5".
		const pad = (i: number, token: string) =>
			parts.every((p) => p[i].length === 2) && parts.some((p) => p[i].startsWith('0'))
				? token + token
				: token;
		const y = parts.every((p) => p[yearFirst ? 0 : 2].length === 2) ? 'yy' : 'yyyy';
		if (yearFirst) {
			const format = ['yyyy', pad(1, 'M'), pad(2, 'd')].join(sep);
			return all(format) ? { date: format } : undefined;
		}
		const dayFirst = parts.some((p) => Number(p[0]) > 12)
			? true
			: parts.some((p) => Number(p[1]) > 12)
				? false
				: pageLang !== 'en-us';
		const format = (dayFirst ? [pad(0, 'd'), pad(1, 'M'), y] : [pad(0, 'M'), pad(1, 'd'), y]).join(
			sep,
		);
		return all(format) ? { date: format } : undefined;
	}
	const lang = pageLang.split('-')[0];
	// "oktober" is German and Dutch: the page's own language first when its months match.
	const named = monthLocales(values.join(' '));
	const locales = [...new Set([...named.filter((l) => l === lang), ...named, lang || 'en', 'en'])];
	for (const locale of locales)
		for (const written of WRITTEN) {
			const padded = written.replace(/^d /, 'dd ');
			if (all(padded, locale) && values.some((v) => /^0\d/.test(v)))
				return { date: padded, locale };
			if (all(written, locale)) return { date: written, locale };
		}
	return undefined;
}
