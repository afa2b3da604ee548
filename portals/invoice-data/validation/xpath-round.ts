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

/** Enough digits for any double written out exactly (at most 767 significant digits). */
const Exact = Decimal.clone({ precision: 1100 });

/**
 * The exact value of a double, as Saxon's xs:decimal(double) gives it (Java's BigDecimal of the
 * double, not its shortest string): 149.995 as a double is 149.99500000000000454…
 */
export function exactDouble(x: number): Decimal {
	if (Number.isInteger(x)) return new Exact(x);
	const view = new DataView(new ArrayBuffer(8));
	view.setFloat64(0, x);
	const bits = view.getBigUint64(0);
	const sign = bits >> 63n ? '-' : '';
	const biased = Number((bits >> 52n) & 0x7ffn);
	const fraction = bits & 0xfffffffffffffn;
	const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
	const exponent = (biased === 0 ? 1 : biased) - 1075;
	// mantissa × 2^exponent, exponent < 0 here: mantissa × 5^-exponent / 10^-exponent.
	const digits = (mantissa * 5n ** BigInt(-exponent)).toString().padStart(-exponent + 1, '0');
	const point = digits.length + exponent;
	return new Exact(`${sign}${digits.slice(0, point)}.${digits.slice(point)}`);
}

/**
 * XPath's sum() over elements without a type (CII's BR-CO-10 and BR-CO-14 sum raw amounts): each
 * is read as a double and added in document order, in double arithmetic.
 */
export function doubleSum(amounts: (number | string | undefined)[]): number {
	return amounts.reduce<number>((s, a) => (a === undefined ? s : s + Number(a)), 0);
}

/** XPath's round(x) on a double: halves towards positive infinity, as JavaScript's Math.round. */
export const roundDoubleCents = (x: number): number => Math.round(x * 10 * 10) / 100;

/** round(xs:decimal(double) * 100) div 100, exactly as the XPath computes it. */
export function roundExactDoubleCents(x: number): Decimal {
	const cents = exactDouble(x).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_CEIL);
	return new Decimal(cents.toString()).div(100);
}
