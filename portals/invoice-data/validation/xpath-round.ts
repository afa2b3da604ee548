import Decimal from 'decimal.js';
import { parseAmount } from '../amount';

/**
 * The official rules round sums to cents as XPath does, `round(x * 10 * 10) div 100`: XPath's
 * round() takes halves towards positive infinity (round(-2.5) is -2), which is decimal.js's
 * ROUND_HALF_CEIL, not the banker's or away-from-zero rounding.
 */
export function roundCents(x: Decimal): Decimal {
	return x.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_CEIL).div(100);
}

/**
 * An amount as an exact decimal: a JSON number (it prints back as the decimal that was read) or
 * an XML text; undefined when absent or not a decimal.
 */
export function dec(value: number | string | undefined): Decimal | undefined {
	if (typeof value === 'number') return new Decimal(value);
	return parseAmount(value);
}

/** The exact sum of the amounts given, absent ones left out as XPath's sum() leaves them. */
export function sumOf(amounts: (number | string | undefined)[]): Decimal {
	return amounts.reduce<Decimal>((s, a) => s.plus(dec(a) ?? 0), new Decimal(0));
}
