import { isoDate } from '../values';
import { textAt, type XmlElement } from '../xml/xml-element';

/**
 * CII's containers under both names: D16B (ZUGFeRD 2, Factur-X, XRechnung CII) first, then
 * ZUGFeRD 1.0's `CrossIndustryDocument`, whose elements mostly differ only in these wrappers. One
 * reader serves both; a step lists the alternatives separated by `|` (xml-element.ts `at`).
 */
export const CII = {
	context: 'ExchangedDocumentContext|SpecifiedExchangedDocumentContext',
	document: 'ExchangedDocument|HeaderExchangedDocument',
	transaction: 'SupplyChainTradeTransaction|SpecifiedSupplyChainTradeTransaction',
	agreement: 'ApplicableHeaderTradeAgreement|ApplicableSupplyChainTradeAgreement',
	delivery: 'ApplicableHeaderTradeDelivery|ApplicableSupplyChainTradeDelivery',
	settlement: 'ApplicableHeaderTradeSettlement|ApplicableSupplyChainTradeSettlement',
	summation:
		'SpecifiedTradeSettlementHeaderMonetarySummation|SpecifiedTradeSettlementMonetarySummation',
	lineAgreement: 'SpecifiedLineTradeAgreement|SpecifiedSupplyChainTradeAgreement',
	lineDelivery: 'SpecifiedLineTradeDelivery|SpecifiedSupplyChainTradeDelivery',
	lineSettlement: 'SpecifiedLineTradeSettlement|SpecifiedSupplyChainTradeSettlement',
	lineSummation:
		'SpecifiedTradeSettlementLineMonetarySummation|SpecifiedTradeSettlementMonetarySummation',
	/** D16B renamed ApplicablePercent to RateApplicablePercent. */
	rate: 'RateApplicablePercent|ApplicablePercent',
	/** A referenced document's id: IssuerAssignedID in D16B, ID in ZUGFeRD 1. */
	documentId: 'IssuerAssignedID|ID',
} as const;

/**
 * A date at a path: in a DateTimeString child (D16B and ZUGFeRD 1), or as the element's own text
 * (ZUGFeRD 1's pre-release `Invoice`, where IssueDateTime holds `20140519` itself).
 */
export function ciiDate(node: XmlElement | undefined, path: string): string | undefined {
	return isoDate(textAt(node, `${path}/DateTimeString`) ?? textAt(node, path));
}
