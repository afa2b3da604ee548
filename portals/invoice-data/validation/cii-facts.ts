import { at, children, textAt, type XmlElement } from '../xml/xml-element';
import { hasText, type RuleFacts } from './rule-facts';

/** The path of each BR-01 … BR-11 element below the root, as the official CII rules test it. */
const TRANSACTION = 'SupplyChainTradeTransaction';
const AGREEMENT = `${TRANSACTION}/ApplicableHeaderTradeAgreement`;
const SETTLEMENT = `${TRANSACTION}/ApplicableHeaderTradeSettlement`;
const TEXT_RULES: [string, string][] = [
	['BR-01', 'ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID'],
	['BR-02', 'ExchangedDocument/ID'],
	['BR-04', 'ExchangedDocument/TypeCode'],
	['BR-05', `${SETTLEMENT}/InvoiceCurrencyCode`],
	['BR-06', `${AGREEMENT}/SellerTradeParty/Name`],
	['BR-07', `${AGREEMENT}/BuyerTradeParty/Name`],
	['BR-09', `${AGREEMENT}/SellerTradeParty/PostalTradeAddress/CountryID`],
	['BR-11', `${AGREEMENT}/BuyerTradeParty/PostalTradeAddress/CountryID`],
];
const ELEMENT_RULES: [string, string][] = [
	['BR-08', `${AGREEMENT}/SellerTradeParty/PostalTradeAddress`],
	['BR-10', `${AGREEMENT}/BuyerTradeParty/PostalTradeAddress`],
];
/** BR-12 … BR-15: elements of the monetary summation, checked only when it is there. */
const TOTAL_RULES: [string, string][] = [
	['BR-12', 'LineTotalAmount'],
	['BR-13', 'TaxBasisTotalAmount'],
	['BR-14', 'GrandTotalAmount'],
	['BR-15', 'DuePayableAmount'],
];

/** What the rules need from a D16B CrossIndustryInvoice (the only CII the official rules cover). */
export function ciiFacts(root: XmlElement): RuleFacts {
	const settlement = at(root, SETTLEMENT);
	const summation = at(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
	const missing = [
		...TEXT_RULES.filter(([, path]) => !hasText(textAt(root, path))).map(([id]) => id),
		...ELEMENT_RULES.filter(([, path]) => !at(root, path)).map(([id]) => id),
		...TOTAL_RULES.filter(([, name]) => summation && !at(summation, name)).map(([id]) => id),
	];
	// BR-03 wants the issue date in format 102 (YYYYMMDD) in particular.
	const issue = children(at(root, 'ExchangedDocument/IssueDateTime'), 'DateTimeString');
	if (!issue.some((d) => d.attrs.format === '102' && hasText(d.text))) missing.push('BR-03');
	if (children(at(root, TRANSACTION), 'IncludedSupplyChainTradeLineItem').length === 0) {
		missing.push('BR-16');
	}
	return {
		syntax: 'CII',
		missing,
		hasTotals: summation !== undefined,
		vatTotals: children(summation, 'TaxTotalAmount').map((t) => ({
			amount: t.text,
			currency: t.attrs.currencyID,
			subtotalTaxes: [],
		})),
		documentAllowanceCharges: children(settlement, 'SpecifiedTradeAllowanceCharge').length,
		breakdownIsVat: children(settlement, 'ApplicableTradeTax').map(
			(tax) => textAt(tax, 'TypeCode')?.toUpperCase() === 'VAT',
		),
	};
}
