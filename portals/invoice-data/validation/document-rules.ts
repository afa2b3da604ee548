import type { XmlElement } from '../xml/xml-element';
import { all, descendants } from './element-paths';
import { finding } from './finding';
import type { Finding } from './validation-types';

/** Rules on the document as a whole that the JSON alone cannot decide. */
export const DOCUMENT_RULES = ['BR-CO-03', 'BR-CO-18', 'BR-CO-26'];

const upperTrim = (e: XmlElement) => e.text.replace(/\s+/g, ' ').trim().toUpperCase();

/**
 * BR-CO-03: a VAT point date (BT-7) and a VAT point date code (BT-8) exclude each other (CII
 * looks anywhere in the document, and only when there is a VAT breakdown). BR-CO-18: there is a VAT breakdown (BG-23); CII asks it of each line, so an invoice without
 * lines passes there. BR-CO-26: the seller is identified by an identifier (BT-29), a legal
 * registration (BT-30) or a VAT id (BT-31); a SEPA creditor id does not count in UBL.
 */
export function documentRules(root: XmlElement, syntax: 'CII' | 'UBL'): Finding[] {
	const out: Finding[] = [];
	if (syntax === 'CII') {
		const lines = descendants(root, 'IncludedSupplyChainTradeLineItem');
		const breakdown = all(
			root,
			'SupplyChainTradeTransaction/ApplicableHeaderTradeSettlement/ApplicableTradeTax',
		);
		if (lines.length > 0 && breakdown.length === 0) out.push(finding('BR-CO-18', 'vatBreakdown'));
		const both =
			descendants(root, 'TaxPointDate').length > 0 &&
			descendants(root, 'DueDateTypeCode').length > 0;
		// The rule's context is each header tax that no earlier rule of its pattern took: the
		// VAT taxes of categories L, M and O have rules of their own there (XSLT's first match).
		const asked = breakdown.filter(
			(tax) =>
				!(
					all(tax, 'CategoryCode').some((c) => ['L', 'M', 'O'].includes(c.text)) &&
					all(tax, 'TypeCode').some((t) => t.text.toUpperCase() === 'VAT')
				),
		);
		if (both && asked.length > 0) out.push(finding('BR-CO-03', 'taxPointDate'));
		for (const seller of descendants(root, 'SellerTradeParty')) {
			const identified =
				all(seller, 'ID').length > 0 ||
				all(seller, 'GlobalID').length > 0 ||
				all(seller, 'SpecifiedLegalOrganization/ID').length > 0 ||
				all(seller, 'SpecifiedTaxRegistration/ID').some((id) => id.attrs.schemeID === 'VA');
			if (!identified) out.push(finding('BR-CO-26', 'seller'));
		}
		return out;
	}
	if (
		all(root, 'TaxPointDate').length > 0 &&
		all(root, 'InvoicePeriod/DescriptionCode').length > 0
	) {
		out.push(finding('BR-CO-03', 'taxPointDate'));
	}
	if (all(root, 'TaxTotal/TaxSubtotal').length === 0) out.push(finding('BR-CO-18', 'vatBreakdown'));
	for (const supplier of children(root, 'AccountingSupplierParty')) {
		const identified =
			all(supplier, 'Party/PartyTaxScheme').some(
				(s) =>
					all(s, 'TaxScheme/ID').some((id) => upperTrim(id) === 'VAT') &&
					all(s, 'CompanyID').length > 0,
			) ||
			all(supplier, 'Party/PartyIdentification/ID').some((id) => id.attrs.schemeID !== 'SEPA') ||
			all(supplier, 'Party/PartyLegalEntity/CompanyID').length > 0;
		if (!identified) out.push(finding('BR-CO-26', 'seller'));
	}
	return out;
}

const children = (node: XmlElement, name: string) => node.children.filter((c) => c.name === name);
