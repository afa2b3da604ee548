import type { XmlElement } from '../xml/xml-element';
import { all, descendants } from './element-paths';
import { finding } from './finding';
import type { Finding } from './validation-types';

/**
 * BR-S-10 and its equivalents: a VAT breakdown (BG-23) of categories E, AE, K, G and O must say
 * why there is no VAT (an exemption reason or its code, BT-120, BT-121); one of S or Z must not.
 */
export const EXEMPTION_RULES: Record<string, { rule: string; reason: boolean }> = {
	S: { rule: 'BR-S-10', reason: false },
	Z: { rule: 'BR-Z-10', reason: false },
	E: { rule: 'BR-E-10', reason: true },
	AE: { rule: 'BR-AE-10', reason: true },
	K: { rule: 'BR-IC-10', reason: true },
	G: { rule: 'BR-G-10', reason: true },
	O: { rule: 'BR-O-10', reason: true },
};

const upperTrim = (e: XmlElement) => e.text.replace(/\s+/g, ' ').trim().toUpperCase();
const exists = (node: XmlElement, ...names: string[]) =>
	node.children.some((c) => names.includes(c.name));

/**
 * As the official artefacts select the breakdowns: CII every header ApplicableTradeTax (S and Z
 * whatever its tax type, the others of type VAT only); UBL every TaxSubtotal of every TaxTotal,
 * of tax scheme VAT. `where` is the JSON's vatBreakdown entry (UBL: a TaxTotal in another
 * currency than the invoice's is named by its currency).
 */
export function exemptionRules(root: XmlElement, syntax: 'CII' | 'UBL'): Finding[] {
	return syntax === 'CII' ? cii(root) : ubl(root);
}

function cii(root: XmlElement): Finding[] {
	const taxes = descendants(root, 'ApplicableHeaderTradeSettlement').flatMap((s) =>
		all(s, 'ApplicableTradeTax'),
	);
	return taxes.flatMap((tax, i) =>
		all(tax, 'CategoryCode').flatMap((code) => {
			const entry = EXEMPTION_RULES[code.text];
			if (!entry) return [];
			const vat = all(tax, 'TypeCode').some((t) => t.text.toUpperCase() === 'VAT');
			if (!vat && code.text !== 'S' && code.text !== 'Z') return [];
			const given = exists(tax, 'ExemptionReason', 'ExemptionReasonCode');
			return given === entry.reason ? [] : [finding(entry.rule, `vatBreakdown[${i}]`)];
		}),
	);
}

function ubl(root: XmlElement): Finding[] {
	const currency = all(root, 'DocumentCurrencyCode')[0]?.text;
	return all(root, 'TaxTotal').flatMap((total) => {
		const amountCurrency = all(total, 'TaxAmount')[0]?.attrs.currencyID;
		return all(total, 'TaxSubtotal').flatMap((subtotal, i) =>
			all(subtotal, 'TaxCategory').flatMap((category) => {
				const id = all(category, 'ID')[0];
				const entry = id && EXEMPTION_RULES[id.text.replace(/\s+/g, ' ').trim()];
				if (!entry || !all(category, 'TaxScheme/ID').some((s) => upperTrim(s) === 'VAT')) return [];
				const given = exists(category, 'TaxExemptionReason', 'TaxExemptionReasonCode');
				if (given === entry.reason) return [];
				const where =
					amountCurrency === currency
						? `vatBreakdown[${i}]`
						: `the VAT breakdown in ${amountCurrency}`;
				return [finding(entry.rule, where)];
			}),
		);
	});
}
