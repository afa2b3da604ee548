import type Decimal from 'decimal.js';
import type { InvoiceFields, VatBreakdown } from '../invoice-data';
import { finding } from './finding';
import type { RuleFacts } from './rule-facts';
import { CATEGORY_RULES } from './rule-table';
import type { Finding } from './validation-types';
import { dec, exactDouble, roundCents, sumOf } from './xpath-round';

/**
 * BR-S-08 and its equivalents per VAT category: a breakdown's taxable amount (BT-116) against
 * its category's lines, charges and allowances. The official artefacts differ by category and
 * syntax, and a verdict must equal theirs:
 * - CII rounds each of the three sums to cents; S, O exact, Z, E, AE, K, G within one unit;
 * - UBL sums unrounded; S, L, M within one unit (S also needs a line, allowance or charge at
 *   its rate), Z, E, AE, K, G, O exact and only when the invoice has lines;
 * - S, L, M go rate by rate; the others over the whole category.
 * CII's rules for L and M can never fail (their rate is looked for on the wrong element), so we
 * check those two on UBL only.
 */
export const CII_CATEGORY_CODES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'];
export const UBL_CATEGORY_CODES = Object.keys(CATEGORY_RULES);

const BY_RATE = ['S', 'L', 'M'];
/** CII's context for S and Z is any tax with that code; for the others, VAT only. */
const CII_ANY_TAX_TYPE = ['S', 'Z'];

export function categoryRules(invoice: InvoiceFields, facts: RuleFacts): Finding[] {
	const codes = facts.syntax === 'CII' ? CII_CATEGORY_CODES : UBL_CATEGORY_CODES;
	return invoice.vatBreakdown.flatMap((entry, i) => {
		const code = entry.category;
		if (code === undefined || !codes.includes(code)) return [];
		const isVat = facts.breakdownIsVat[i] ?? false;
		if (!isVat && !(facts.syntax === 'CII' && CII_ANY_TAX_TYPE.includes(code))) return [];
		if (agrees(invoice, facts, entry, code)) return [];
		const sums = sumsFor(invoice, facts, code, BY_RATE.includes(code) ? entry.rate : undefined);
		return [
			finding(
				CATEGORY_RULES[code].rule,
				`vatBreakdown[${i}]`,
				`Given ${entry.taxable ?? 'none'}${entry.rate === undefined ? '' : ` at ${entry.rate}%`}, lines ${sums.lines}, charges ${sums.charges}, allowances ${sums.allowances}.`,
			),
		];
	});
}

function agrees(invoice: InvoiceFields, facts: RuleFacts, entry: VatBreakdown, code: string) {
	const byRate = BY_RATE.includes(code);
	// "For each rate" over a breakdown without a rate checks nothing, as there.
	if (byRate && entry.rate === undefined) return true;
	const taxable = dec(entry.taxable);
	if (!taxable) return false;
	const sums = sumsFor(invoice, facts, code, byRate ? entry.rate : undefined);
	const expected = sums.lines.plus(sums.charges).minus(sums.allowances);
	if (facts.syntax === 'CII') {
		// The raw BT-116 meets a decimal: XPath compares (and subtracts) them as doubles.
		// (A decimal has no -0: `+ 0` makes decimal.js's -0 the 0 it is to XPath.)
		const [basis, sum] = [taxable.toNumber(), expected.toNumber() + 0];
		return code === 'S' || code === 'O' ? basis === sum : basis - 1 < sum && basis + 1 > sum;
	}
	// UBL: xs:decimal(TaxableAmount ± 1), the ± done in doubles, against the decimal sum.
	const [low, high] = [-1, 1].map((d) => exactDouble(taxable.toNumber() + d));
	const withinOne = low.lessThan(expected) && high.greaterThan(expected);
	if (code === 'S') return sums.any && withinOne;
	if (invoice.lines.length === 0) return false;
	return byRate ? withinOne : taxable.equals(expected);
}

/** The category's (and rate's) line net amounts, charges and allowances, summed as the rules do. */
function sumsFor(invoice: InvoiceFields, facts: RuleFacts, code: string, rate?: number) {
	const matches = (category?: string, r?: number) =>
		category === code && (rate === undefined || (r !== undefined && dec(r)!.equals(rate)));
	const lines = invoice.lines.filter((l) => matches(l.vatCategory, l.vatRate));
	const documentLevel = invoice.allowancesCharges
		.slice(0, facts.documentAllowanceCharges)
		.filter((ac) => matches(ac.vatCategory, ac.vatRate));
	// CII rounds each sum to cents; UBL leaves them as they are.
	const total = (amounts: (number | undefined)[]): Decimal =>
		facts.syntax === 'CII' ? roundCents(sumOf(amounts)) : sumOf(amounts);
	return {
		lines: total(lines.map((l) => l.netAmount)),
		charges: total(documentLevel.filter((ac) => ac.charge).map((ac) => ac.amount)),
		allowances: total(documentLevel.filter((ac) => !ac.charge).map((ac) => ac.amount)),
		any: lines.length > 0 || documentLevel.length > 0,
	};
}
