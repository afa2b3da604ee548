import type { InvoiceFields } from '../invoice-data';
import type { XmlElement } from '../xml/xml-element';
import { ALLOWANCE_RULES, allowanceRules } from './allowance-rules';
import { CII_CATEGORY_CODES, UBL_CATEGORY_CODES, categoryRules } from './category-rules';
import { ciiFacts } from './cii-facts';
import { DOCUMENT_RULES, documentRules } from './document-rules';
import { EXEMPTION_RULES, exemptionRules } from './exemption-rules';
import { finding } from './finding';
import { LINE_RULES, lineRules } from './line-rules';
import { PAYEE_RULES, payeeRules } from './payee-rules';
import { CATEGORY_RULES } from './rule-table';
import { REPRESENTATIVE_RULES, representativeRules } from './representative-rules';
import { TOTAL_RULES, totalRules } from './total-rules';
import { ublFacts } from './ubl-facts';
import type { Validation } from './validation-types';

/** BR-01 … BR-16: the mandatory elements. */
export const MANDATORY_RULES = Array.from(
	{ length: 16 },
	(_, i) => `BR-${String(i + 1).padStart(2, '0')}`,
);

/** Where each mandatory rule points in the JSON. */
const MANDATORY_WHERE: Record<string, string> = {
	'BR-01': 'source.guidelineId',
	'BR-02': 'number',
	'BR-03': 'issueDate',
	'BR-04': 'type.code',
	'BR-05': 'currency',
	'BR-06': 'seller.name',
	'BR-07': 'buyer.name',
	'BR-08': 'seller.address',
	'BR-09': 'seller.address.country',
	'BR-10': 'buyer.address',
	'BR-11': 'buyer.address.country',
	'BR-12': 'totals.lineNet',
	'BR-13': 'totals.taxExclusive',
	'BR-14': 'totals.taxInclusive',
	'BR-15': 'totals.payable',
	'BR-16': 'lines',
};

/**
 * The EN 16931 business rules we compute (no schema here), on the read invoice and, for what the
 * JSON does not keep, its XML (rule-facts.ts). The official artefacts cover D16B CII and UBL;
 * ZUGFeRD 1 is "not checked".
 */
export function validateInvoice(invoice: InvoiceFields, root: XmlElement): Validation {
	const syntax = invoice.source.syntax;
	if (syntax === 'ZUGFeRD 1') return { status: 'not checked', rulesChecked: [], findings: [] };
	const facts = syntax === 'CII' ? ciiFacts(root) : ublFacts(root);
	const codes = syntax === 'CII' ? CII_CATEGORY_CODES : UBL_CATEGORY_CODES;
	const findings = [
		...facts.missing.sort().map((rule) => finding(rule, MANDATORY_WHERE[rule])),
		...totalRules(invoice, facts),
		...categoryRules(invoice, facts),
		...lineRules(root, syntax),
		...allowanceRules(root, syntax),
		...documentRules(root, syntax),
		...exemptionRules(root, syntax),
		...payeeRules(root, syntax),
		...representativeRules(root, syntax),
	];
	return {
		status: findings.some((f) => f.flag === 'fatal') ? 'invalid' : 'valid',
		rulesChecked: [
			...MANDATORY_RULES,
			...PAYEE_RULES,
			...REPRESENTATIVE_RULES,
			...LINE_RULES,
			...ALLOWANCE_RULES,
			...TOTAL_RULES,
			...DOCUMENT_RULES,
			...codes.map((c) => CATEGORY_RULES[c].rule),
			...Object.values(EXEMPTION_RULES).map((e) => e.rule),
		],
		findings,
	};
}
