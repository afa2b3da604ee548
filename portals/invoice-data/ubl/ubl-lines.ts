import { amountNumber } from '../amount';
import type { InvoiceLine } from '../invoice-data';
import { defined } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';

/**
 * The invoice lines (BG-25): the root's own InvoiceLine or CreditNoteLine elements (XRechnung's
 * extension nests sub-lines inside them; those are not lines of the invoice's count).
 */
export function ublLines(root: XmlElement): InvoiceLine[] {
	return children(root, 'InvoiceLine', 'CreditNoteLine').map((line) => {
		const quantity = at(line, 'InvoicedQuantity|CreditedQuantity');
		const item = at(line, 'Item');
		return defined<InvoiceLine>({
			id: textAt(line, 'ID'),
			name: textAt(item, 'Name'),
			sellerItemId: textAt(item, 'SellersItemIdentification/ID'),
			quantity: amountNumber(quantity?.text),
			unit: quantity?.attrs.unitCode,
			netPrice: amountNumber(textAt(line, 'Price/PriceAmount')),
			priceBaseQuantity: amountNumber(textAt(line, 'Price/BaseQuantity')),
			netAmount: amountNumber(textAt(line, 'LineExtensionAmount')),
			vatCategory: textAt(item, 'ClassifiedTaxCategory/ID'),
			vatRate: amountNumber(textAt(item, 'ClassifiedTaxCategory/Percent')),
		});
	});
}
