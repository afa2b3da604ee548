import { parseAmount } from '../../adapter-kit/parsers';

/** An amount column's locale (its decimal mark), proven on every sample. */
export interface AmountFormat {
	locale: string;
	/** The currency the values carry (a sign or ISO code), when they all agree. */
	currency?: string;
}

const CURRENCY = /(€|\$|£|¥|\bCHF\b|\bkr\b|\b[A-Z]{3}\b)/;

const decimalMark = (locale: string) =>
	new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;

/**
 * The format of a column of amounts, or undefined when the values are not amounts. A value is
 * an amount when it has a currency sign or code, or two decimals; the decimal mark is the
 * separator before the last two digits ("1.234,56" comma, "1,234.56" dot), else the page's
 * language decides. The locale written is the page's own when it uses that mark (fields.ts reads
 * the mark from the locale), else de or en.
 */
export function amountFormatOf(samples: string[], pageLang: string): AmountFormat | undefined {
	const values = samples.map((s) => s.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
	if (!values.length) return undefined;
	const shaped = values.every(
		(v) =>
			/^[^\d]{0,4}-?\s?\d[\d.,' ]*[^\d]{0,4}$/.test(v) &&
			(CURRENCY.test(v) || /\d[.,]\d{2}\b/.test(v)) &&
			!/[a-z]{4,}/i.test(v),
	);
	if (!shaped) return undefined;
	const marks = values.map((v) => v.match(/\d([.,])\d{2}(?!\d)/)?.[1]).filter(Boolean);
	const lang = pageLang.split('-')[0] || 'en';
	const comma = marks.length
		? marks.filter((m) => m === ',').length > marks.length / 2
		: decimalMark(lang) === ',';
	const locale = (decimalMark(lang) === ',') === comma ? lang : comma ? 'de' : 'en';
	const parsed = values.map((v) => parseAmount(v, comma ? 'comma' : 'dot'));
	if (parsed.some((p) => !p)) return undefined;
	const currencies = new Set(parsed.map((p) => p!.currency));
	return { locale, currency: currencies.size === 1 ? [...currencies][0] : undefined };
}
