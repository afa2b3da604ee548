import { DateTime } from 'luxon';

/**
 * Named parsers for what portals print. Dates come in the portal's own format and language;
 * amounts with the portal's decimal convention ("1,234.56" or "1.234,56") and a currency sign.
 */
export function parseDate(text: string, format: string, locale = 'en'): string | undefined {
	const parsed = DateTime.fromFormat(text.trim().replace(/\s+/g, ' '), format, {
		locale,
		zone: 'utc',
	});
	return parsed.isValid ? parsed.toISODate()! : undefined;
}

const CURRENCY_SIGNS: Record<string, string> = {
	'€': 'EUR',
	$: 'USD',
	'£': 'GBP',
	CHF: 'CHF',
	kr: 'SEK',
};

export type DecimalStyle = 'dot' | 'comma';

export function parseAmount(
	text: string,
	decimal: DecimalStyle = 'dot',
): { amount: number; currency?: string } | undefined {
	const cleaned = text.replace(/\u00a0/g, ' ').trim();
	let currency = cleaned.match(/\b[A-Z]{3}\b/)?.[0];
	if (!currency) {
		for (const [sign, code] of Object.entries(CURRENCY_SIGNS))
			if (cleaned.includes(sign)) currency = code;
	}
	const number = cleaned.match(/-?\d[\d.,' ]*/)?.[0].replace(/[ ']/g, '');
	if (!number) return undefined;
	const normalised =
		decimal === 'comma' ? number.replace(/\./g, '').replace(',', '.') : number.replace(/,/g, '');
	const amount = Number(normalised);
	const negative = /^\s*-|\(\s*[^)]*\)|-\s*$/.test(cleaned) && amount > 0;
	return Number.isFinite(amount) ? { amount: negative ? -amount : amount, currency } : undefined;
}
