import type { InvoiceFields } from '../invoice-data';
import { finding, show } from './finding';
import type { RuleFacts } from './rule-facts';
import type { Finding } from './validation-types';
import {
	dec,
	doubleSum,
	roundCents,
	roundDoubleCents,
	roundExactDoubleCents,
	sumOf,
} from './xpath-round';

export const TOTAL_RULES = ['BR-CO-10', 'BR-CO-13', 'BR-CO-14', 'BR-CO-15', 'BR-CO-16'];

/**
 * The arithmetic of the document totals (BR-CO-10, -13, -14, -15, -16), each as the official
 * artefacts compute it for the syntax: CII and UBL round differently in places (UBL compares
 * BT-109 with BT-106 unrounded when there are no allowances or charges, CII rounds), and a
 * verdict must equal the official one. An absent amount that a rule needs fails it, as there.
 */
export function totalRules(invoice: InvoiceFields, facts: RuleFacts): Finding[] {
	const t = invoice.totals;
	const out: Finding[] = [];
	if (facts.hasTotals) {
		const lineNet = dec(t.lineNet);
		// CII sums the raw line amounts as doubles, then rounds their exact value; UBL sums decimals.
		const sum =
			facts.syntax === 'CII'
				? roundExactDoubleCents(doubleSum(invoice.lines.map((l) => l.netAmount)))
				: roundCents(sumOf(facts.lineNets ?? []));
		if (!lineNet?.equals(sum)) {
			out.push(finding('BR-CO-10', 'totals.lineNet', `Given ${show(lineNet)}, lines ${sum}.`));
		}
		if (!taxExclusiveAgrees(invoice, facts)) {
			out.push(finding('BR-CO-13', 'totals.taxExclusive', figures(t.taxExclusive)));
		}
		if (!payableAgrees(invoice, facts)) {
			out.push(finding('BR-CO-16', 'totals.payable', figures(t.payable)));
		}
	}
	out.push(...vatTotalRule(invoice, facts));
	if (!taxInclusiveAgrees(invoice, facts)) {
		out.push(finding('BR-CO-15', 'totals.taxInclusive', figures(t.taxInclusive)));
	}
	return out;
}

const figures = (n: number | undefined) => `Given ${n ?? 'none'}.`;

/** BR-CO-13: BT-109 = BT-106 - BT-107 + BT-108 (an absent allowance or charge total is zero). */
function taxExclusiveAgrees({ totals: t }: InvoiceFields, facts: RuleFacts): boolean {
	const [taxExclusive, lineNet] = [dec(t.taxExclusive), dec(t.lineNet)];
	if (!taxExclusive || !lineNet) return false;
	// UBL compares unrounded when there is neither total; every other case is rounded to cents.
	if (facts.syntax === 'UBL' && t.allowances === undefined && t.charges === undefined) {
		return taxExclusive.equals(lineNet);
	}
	const computed = lineNet.minus(t.allowances ?? 0).plus(t.charges ?? 0);
	return taxExclusive.equals(roundCents(computed));
}

/** BR-CO-16: BT-115 = BT-112 - BT-113 + BT-114. */
function payableAgrees({ totals: t }: InvoiceFields, facts: RuleFacts): boolean {
	const [payable, inclusive] = [dec(t.payable), dec(t.taxInclusive)];
	if (!payable || !inclusive) return false;
	if (facts.syntax === 'CII') {
		return payable.equals(inclusive.minus(t.prepaid ?? 0).plus(t.rounding ?? 0));
	}
	// UBL: with neither paid amount nor rounding, unrounded; otherwise each side rounded to cents.
	if (t.prepaid === undefined && t.rounding === undefined) return payable.equals(inclusive);
	const due = t.prepaid === undefined ? inclusive : roundCents(inclusive.minus(t.prepaid));
	const paid = t.rounding === undefined ? payable : roundCents(payable.minus(t.rounding));
	return paid.equals(due);
}

/**
 * BR-CO-15: BT-112 = BT-109 + BT-110, with exactly one VAT total in the invoice currency. CII
 * also accepts BT-112 = BT-109 outright (an invoice without VAT); neither checks an invoice
 * without a currency code (BR-05 does).
 */
function taxInclusiveAgrees({ totals: t, currency }: InvoiceFields, facts: RuleFacts): boolean {
	if (currency === undefined) return true;
	const [inclusive, exclusive] = [dec(t.taxInclusive), dec(t.taxExclusive)];
	if (!inclusive || !exclusive) return false;
	const inCurrency = facts.vatTotals.filter((v) => v.currency === currency);
	const vat = inCurrency.length === 1 ? dec(inCurrency[0].amount) : undefined;
	const sumAgrees = vat !== undefined && inclusive.equals(roundCents(exclusive.plus(vat)));
	return sumAgrees || (facts.syntax === 'CII' && inclusive.equals(exclusive));
}

/**
 * BR-CO-14: a VAT total equals the breakdown's VAT added up. CII checks the total in the invoice
 * currency against its breakdown; UBL checks every TaxTotal that has subtotals against them.
 */
function vatTotalRule(invoice: InvoiceFields, facts: RuleFacts): Finding[] {
	if (facts.syntax === 'CII') {
		// CII's BR-CO-14 is double arithmetic throughout: raw amounts summed, rounded, compared.
		const sum = roundDoubleCents(doubleSum(invoice.vatBreakdown.map((b) => b.tax)));
		return (
			facts.vatTotals
				.filter((v) => v.currency !== undefined && v.currency === invoice.currency)
				// Saxon-HE, the reference, holds the doubles 0 and -0 unequal (Java's Double.equals),
				// so a VAT total of 0.00 against a breakdown rounding to -0 fails there: Object.is.
				.filter((v) => v.amount === undefined || !Object.is(Number(v.amount), sum))
				.map((v) => finding('BR-CO-14', 'totals.vat', `Given ${v.amount}, breakdown ${sum}.`))
		);
	}
	return facts.vatTotals.flatMap((v) => {
		if (v.subtotalTaxes.length === 0) return [];
		const sum = roundCents(sumOf(v.subtotalTaxes));
		if (dec(v.amount)?.equals(sum)) return [];
		const where = v.currency === invoice.currency ? 'totals.vat' : 'totals.vatInTaxCurrency';
		return [finding('BR-CO-14', where, `Given ${v.amount ?? 'none'}, breakdown ${sum}.`)];
	});
}
