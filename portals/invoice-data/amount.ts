import Decimal from 'decimal.js';

/**
 * Amounts are read and compared as exact decimals (decimal.js) and only turned into JSON numbers
 * at the end: `0.1 + 0.2` must equal `0.3` when twins or totals are compared.
 */
export type Amount = Decimal;

/** An XML decimal (`1234.50`, `-3`, ` 19 `) as an exact decimal; undefined when absent or not a number. */
export function parseAmount(text: string | undefined): Amount | undefined {
	if (text === undefined) return undefined;
	const trimmed = text.trim();
	// The XML Schema decimal lexical form only: no exponent, no thousands separators.
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return undefined;
	return new Decimal(trimmed);
}

/** The JSON number for an amount read from the XML (undefined stays undefined). */
export function amountNumber(text: string | undefined): number | undefined {
	return parseAmount(text)?.toNumber();
}

/** Two JSON amounts equal as decimals (both absent counts as equal). */
export function sameAmount(a: number | undefined, b: number | undefined): boolean {
	if (a === undefined || b === undefined) return a === b;
	return new Decimal(a).equals(new Decimal(b));
}
