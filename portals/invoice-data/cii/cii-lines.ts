import { amountNumber } from '../amount';
import type { InvoiceLine } from '../invoice-data';
import { defined } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';
import { CII } from './cii-paths';

/** The invoice lines (BG-25) in CII, in document order. */
export function ciiLines(transaction: XmlElement | undefined): InvoiceLine[] {
	return children(transaction, 'IncludedSupplyChainTradeLineItem').map((item) => {
		const agreement = at(item, CII.lineAgreement);
		const price = at(agreement, 'NetPriceProductTradePrice');
		const quantity = at(item, `${CII.lineDelivery}/BilledQuantity`);
		const settlement = at(item, CII.lineSettlement);
		return defined<InvoiceLine>({
			id: textAt(item, 'AssociatedDocumentLineDocument/LineID'),
			name: textAt(item, 'SpecifiedTradeProduct/Name'),
			sellerItemId: textAt(item, 'SpecifiedTradeProduct/SellerAssignedID'),
			quantity: amountNumber(quantity?.text),
			unit: quantity?.attrs.unitCode,
			netPrice: amountNumber(textAt(price, 'ChargeAmount')),
			priceBaseQuantity: amountNumber(textAt(price, 'BasisQuantity')),
			netAmount: amountNumber(textAt(settlement, `${CII.lineSummation}/LineTotalAmount`)),
			vatCategory: textAt(settlement, 'ApplicableTradeTax/CategoryCode'),
			vatRate: amountNumber(textAt(settlement, `ApplicableTradeTax/${CII.rate}`)),
		});
	});
}
