import type { XmlElement } from '../xml/xml-element';
import { all, descendants } from './element-paths';
import { finding } from './finding';
import type { Finding } from './validation-types';

/** Rules on the document as a whole that the JSON alone cannot decide. */
export const DOCUMENT_RULES = ['BR-CO-18', 'BR-CO-26'];

const upperTrim = (e: XmlElement) => e.text.replace(/\s+/g, ' ').trim().toUpperCase();

/**
 * BR-CO-18: there is a VAT breakdown (BG-23); CII asks it of each line, so an invoice without
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
