import { Info } from 'luxon';

/** An amount as printed: always with cents, so quantities, years and ids are not taken. */
const AMOUNT =
	/(?<![\d.,])(-\s?)?(\d{1,3}(?:([.,' \u00a0\u202f])\d{3})*|\d+)([.,])(\d{2})(?![\d.,]\d)(\s?-)?/g;

export interface FoundAmount {
	value: number;
	/** Where it starts in the text. */
	at: number;
	text: string;
}

/** The amounts in a text ("1.234,56", "1,234.56", "1 234,56", "-12.00", "12,00-"), in order. */
export function amountsIn(text: string): FoundAmount[] {
	const found: FoundAmount[] = [];
	for (const m of text.matchAll(AMOUNT)) {
		const [whole, minus, int, group, mark, cents, trailingMinus] = m;
		// "1.234" with a dot group and a dot mark is not one number, nor "1,234,56".
		if (group && group === mark) continue;
		const digits = int.replace(/[.,' \u00a0\u202f]/g, '');
		const value = Number(`${digits}.${cents}`) * (minus || trailingMinus ? -1 : 1);
		if (Number.isFinite(value)) found.push({ value, at: m.index ?? 0, text: whole.trim() });
	}
	return found;
}

/** The six languages read (as discovery's month names: portals/discovery/words/month-names.ts). */
const DATE_LOCALES = ['en', 'de', 'fr', 'nl', 'es', 'it'];

const MONTHS = new Map<string, number>();
for (const locale of DATE_LOCALES) {
	const lists = [
		Info.months('long', { locale }),
		Info.months('short', { locale }),
		Info.monthsFormat('long', { locale }),
		Info.monthsFormat('short', { locale }),
	];
	for (const list of lists) {
		list.forEach((name, i) => {
			const key = name.toLowerCase().replace(/\.$/, '');
			if (key.length >= 3 && !MONTHS.has(key)) MONTHS.set(key, i + 1);
		});
	}
}

export interface FoundDate {
	/** YYYY-MM-DD */
	value: string;
	at: number;
	text: string;
}

const NUMERIC_DATE = /(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])/g;
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const WRITTEN_DATE =
	/(?<![\p{L}\d])(\d{1,2})\.?\s*(?:de\s+)?(\p{L}{3,})\.?,?\s+(?:de\s+)?(\d{4})(?!\d)/gu;
const WRITTEN_US = /(?<![\p{L}])(\p{L}{3,})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)/gu;

/**
 * The dates in a text: numeric day first ("05.03.2018", "13/11/2017", "5-3-18"), month first only
 * when the day cannot be first or the text is American (`monthFirst`), ISO ("2018-03-05"), and
 * written in the six languages ("5. März 2018", "13 novembre 2017", "March 5, 2018").
 */
export function datesIn(text: string, monthFirst = false): FoundDate[] {
	const found: FoundDate[] = [];
	for (const m of text.matchAll(NUMERIC_DATE)) {
		const [whole, a, , b, y] = m;
		const year = y.length === 2 ? 2000 + Number(y) : Number(y);
		let [day, month] = [Number(a), Number(b)];
		if ((monthFirst && day <= 12) || month > 12) [day, month] = [month, day];
		push(found, year, month, day, m.index ?? 0, whole);
	}
	for (const m of text.matchAll(ISO_DATE)) {
		push(found, Number(m[1]), Number(m[2]), Number(m[3]), m.index ?? 0, m[0]);
	}
	for (const m of text.matchAll(WRITTEN_DATE)) {
		const month = MONTHS.get(m[2].toLowerCase());
		if (month) push(found, Number(m[3]), month, Number(m[1]), m.index ?? 0, m[0]);
	}
	for (const m of text.matchAll(WRITTEN_US)) {
		const month = MONTHS.get(m[1].toLowerCase());
		if (month) push(found, Number(m[3]), month, Number(m[2]), m.index ?? 0, m[0]);
	}
	return found.sort((a, b) => a.at - b.at);
}

function push(found: FoundDate[], y: number, m: number, d: number, at: number, text: string) {
	if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return;
	const date = new Date(Date.UTC(y, m - 1, d));
	if (date.getUTCDate() !== d) return;
	found.push({ value: date.toISOString().slice(0, 10), at, text: text.trim() });
}
