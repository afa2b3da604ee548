import { documentType } from '../document-type';
import type { InvoiceBody, Note, PrecedingInvoice, SyntaxReading } from '../invoice-data';
import { describeSupportingDocuments } from '../supporting/supporting-documents';
import { ublSupportingSources } from '../supporting/supporting-sources';
import { compact, defined, isoDate } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';
import { ublLines } from './ubl-lines';
import { ublParty } from './ubl-party';
import { ublDueDate, ublPayment } from './ubl-payment';
import { ublAllowancesCharges, ublTotals, ublVatBreakdown } from './ubl-totals';

/** Reads a UBL Invoice or CreditNote (XRechnung UBL, Peppol BIS 3.0) into the EN 16931 JSON. */
export function readUbl(root: XmlElement): SyntaxReading {
	const currency = textAt(root, 'DocumentCurrencyCode');
	const taxCurrency = textAt(root, 'TaxCurrencyCode');
	const period = at(root, 'InvoicePeriod');
	const body: InvoiceBody = {
		type: documentType(textAt(root, 'InvoiceTypeCode|CreditNoteTypeCode')),
		number: textAt(root, 'ID'),
		issueDate: isoDate(textAt(root, 'IssueDate')),
		dueDate: isoDate(ublDueDate(root)),
		deliveryDate: isoDate(textAt(root, 'Delivery/ActualDeliveryDate')),
		period: compact({
			start: isoDate(textAt(period, 'StartDate')),
			end: isoDate(textAt(period, 'EndDate')),
		}),
		currency,
		taxCurrency,
		references: ublReferences(root),
		seller: ublParty(at(root, 'AccountingSupplierParty/Party')) ?? {},
		buyer: ublParty(at(root, 'AccountingCustomerParty/Party')) ?? {},
		payee: ublParty(at(root, 'PayeeParty')),
		totals: ublTotals(root, currency, taxCurrency),
		vatBreakdown: ublVatBreakdown(root, currency),
		lines: ublLines(root),
		allowancesCharges: ublAllowancesCharges(root),
		payment: ublPayment(root),
		notes: ublNotes(root),
		supportingDocuments: describeSupportingDocuments(ublSupportingSources(root)),
	};
	return {
		guidelineId: textAt(root, 'CustomizationID'),
		businessProcess: textAt(root, 'ProfileID'),
		body: compact(body) as InvoiceBody,
	};
}

function ublReferences(root: XmlElement): InvoiceBody['references'] {
	const preceding = children(root, 'BillingReference')
		.map((ref) => at(ref, 'InvoiceDocumentReference'))
		.map((doc) =>
			compact<PrecedingInvoice>({
				number: textAt(doc, 'ID') as string,
				issueDate: isoDate(textAt(doc, 'IssueDate')),
			}),
		)
		.filter((doc): doc is PrecedingInvoice => doc?.number !== undefined);
	return defined({
		buyerReference: textAt(root, 'BuyerReference'),
		order: textAt(root, 'OrderReference/ID'),
		salesOrder: textAt(root, 'OrderReference/SalesOrderID'),
		contract: textAt(root, 'ContractDocumentReference/ID'),
		project: textAt(root, 'ProjectReference/ID'),
		precedingInvoices: preceding.length > 0 ? preceding : undefined,
	});
}

/**
 * Notes (BG-1). UBL has no subject element: XRechnung and ZUGFeRD write it as a leading
 * `#SUBJECT#` (e.g. `#ADU#`), which is split off so that the note reads as in CII.
 */
function ublNotes(root: XmlElement): Note[] {
	return children(root, 'Note')
		.filter((n) => n.text !== '')
		.map((n) => {
			const m = /^#([A-Z]{3})#([\s\S]*)$/.exec(n.text);
			return m ? { subject: m[1], text: m[2] } : { text: n.text };
		});
}
