import { taxTotalIn } from '../ubl/ubl-totals';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';
import { hasText, type RuleFacts } from './rule-facts';

/** The path of each BR-01 … BR-07 text below the root, as the official UBL rules test it. */
const TEXT_RULES: [string, string][] = [
	['BR-01', 'CustomizationID'],
	['BR-02', 'ID'],
	['BR-03', 'IssueDate'],
	['BR-04', 'InvoiceTypeCode|CreditNoteTypeCode'],
	['BR-05', 'DocumentCurrencyCode'],
	['BR-06', 'AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName'],
	['BR-07', 'AccountingCustomerParty/Party/PartyLegalEntity/RegistrationName'],
];
/** BR-12 … BR-15: elements of LegalMonetaryTotal, checked only when it is there. */
const TOTAL_RULES: [string, string][] = [
	['BR-12', 'LineExtensionAmount'],
	['BR-13', 'TaxExclusiveAmount'],
	['BR-14', 'TaxInclusiveAmount'],
	['BR-15', 'PayableAmount'],
];

/** What the rules need from a UBL Invoice or CreditNote. */
export function ublFacts(root: XmlElement): RuleFacts {
	const totals = at(root, 'LegalMonetaryTotal');
	const missing = [
		...TEXT_RULES.filter(([, path]) => !hasText(textAt(root, path))).map(([id]) => id),
		...TOTAL_RULES.filter(([, name]) => totals && !at(totals, name)).map(([id]) => id),
		...addressRules(root, 'AccountingSupplierParty', 'BR-08', 'BR-09'),
		...addressRules(root, 'AccountingCustomerParty', 'BR-10', 'BR-11'),
	];
	if (children(root, 'InvoiceLine', 'CreditNoteLine').length === 0) missing.push('BR-16');
	const currency = textAt(root, 'DocumentCurrencyCode');
	return {
		syntax: 'UBL',
		missing,
		hasTotals: totals !== undefined,
		vatTotals: children(root, 'TaxTotal').map((t) => ({
			amount: textAt(t, 'TaxAmount'),
			currency: at(t, 'TaxAmount')?.attrs.currencyID,
			subtotalTaxes: children(t, 'TaxSubtotal').map((s) => textAt(s, 'TaxAmount')),
		})),
		lineNets: allLines(root).map((line) => textAt(line, 'LineExtensionAmount')),
		documentAllowanceCharges: children(root, 'AllowanceCharge').length,
		// The JSON's breakdown is the TaxTotal in the invoice currency (ubl-totals.ts).
		breakdownIsVat: children(taxTotalIn(root, currency), 'TaxSubtotal').map(
			(s) => textAt(s, 'TaxCategory/TaxScheme/ID')?.toUpperCase() === 'VAT',
		),
	};
}

/** A party's postal address must be there (BR-08, BR-10), and when it is, name a country. */
function addressRules(root: XmlElement, party: string, present: string, country: string) {
	const address = at(root, `${party}/Party/PostalAddress`);
	if (!address) return [present];
	return hasText(textAt(address, 'Country/IdentificationCode')) ? [] : [country];
}

/** Every InvoiceLine or CreditNoteLine at any depth (XRechnung's sub-lines nest in lines). */
function allLines(node: XmlElement): XmlElement[] {
	return node.children.flatMap((c) =>
		c.name === 'InvoiceLine' || c.name === 'CreditNoteLine' ? [c, ...allLines(c)] : allLines(c),
	);
}
