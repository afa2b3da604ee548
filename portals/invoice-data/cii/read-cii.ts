import { documentType } from '../document-type';
import type { InvoiceBody, Note, PrecedingInvoice, SyntaxReading } from '../invoice-data';
import { describeSupportingDocuments } from '../supporting/supporting-documents';
import { ciiSupportingSources } from '../supporting/supporting-sources';
import { compact, defined } from '../values';
import { at, children, textAt, type XmlElement } from '../xml/xml-element';
import { ciiLines } from './cii-lines';
import { ciiParty } from './cii-party';
import { ciiDueDate, ciiPayment } from './cii-payment';
import { CII, ciiDate } from './cii-paths';
import { ciiAllowancesCharges, ciiTotals, ciiVatBreakdown } from './cii-totals';

/** Reads a CII invoice (D16B, or ZUGFeRD 1.0's CrossIndustryDocument) into the EN 16931 JSON. */
export function readCii(root: XmlElement): SyntaxReading {
	const context = at(root, CII.context);
	const document = at(root, CII.document);
	const transaction = at(root, CII.transaction);
	const agreement = at(transaction, CII.agreement);
	const delivery = at(transaction, CII.delivery);
	const settlement = at(transaction, CII.settlement);
	const currency = textAt(settlement, 'InvoiceCurrencyCode');
	const taxCurrency = textAt(settlement, 'TaxCurrencyCode');
	const period = at(settlement, 'BillingSpecifiedPeriod');
	const body: InvoiceBody = {
		type: documentType(textAt(document, 'TypeCode')),
		number: textAt(document, 'ID'),
		issueDate: ciiDate(document, 'IssueDateTime'),
		dueDate: ciiDueDate(settlement),
		deliveryDate: ciiDate(delivery, 'ActualDeliverySupplyChainEvent/OccurrenceDateTime'),
		period: compact({
			start: ciiDate(period, 'StartDateTime'),
			end: ciiDate(period, 'EndDateTime'),
		}),
		currency,
		taxCurrency,
		references: ciiReferences(agreement, settlement),
		seller: ciiParty(at(agreement, 'SellerTradeParty')) ?? {},
		buyer: ciiParty(at(agreement, 'BuyerTradeParty')) ?? {},
		payee: ciiParty(at(settlement, 'PayeeTradeParty')),
		totals: ciiTotals(settlement, currency, taxCurrency),
		vatBreakdown: ciiVatBreakdown(settlement),
		lines: ciiLines(transaction),
		allowancesCharges: ciiAllowancesCharges(settlement),
		payment: ciiPayment(settlement),
		notes: ciiNotes(document),
		supportingDocuments: describeSupportingDocuments(ciiSupportingSources(agreement)),
	};
	return {
		guidelineId: textAt(context, 'GuidelineSpecifiedDocumentContextParameter/ID'),
		businessProcess: textAt(context, 'BusinessProcessSpecifiedDocumentContextParameter/ID'),
		body: compact(body) as InvoiceBody,
	};
}

function ciiReferences(
	agreement: XmlElement | undefined,
	settlement: XmlElement | undefined,
): InvoiceBody['references'] {
	const preceding = children(settlement, 'InvoiceReferencedDocument')
		.map((doc) =>
			compact<PrecedingInvoice>({
				number: textAt(doc, CII.documentId) as string,
				issueDate: ciiDate(doc, 'FormattedIssueDateTime'),
			}),
		)
		.filter((doc): doc is PrecedingInvoice => doc?.number !== undefined);
	return defined({
		buyerReference: textAt(agreement, 'BuyerReference'),
		order: textAt(agreement, `BuyerOrderReferencedDocument/${CII.documentId}`),
		salesOrder: textAt(agreement, `SellerOrderReferencedDocument/${CII.documentId}`),
		contract: textAt(agreement, `ContractReferencedDocument/${CII.documentId}`),
		project: textAt(agreement, 'SpecifiedProcuringProject/ID'),
		precedingInvoices: preceding.length > 0 ? preceding : undefined,
	});
}

/** Notes (BG-1); ZUGFeRD 1 may split one note over several Content elements. */
function ciiNotes(document: XmlElement | undefined): Note[] {
	return children(document, 'IncludedNote')
		.map((note) => ({
			subject: textAt(note, 'SubjectCode'),
			text: children(note, 'Content')
				.map((c) => c.text)
				.join('\n'),
		}))
		.filter((note) => note.text !== '')
		.map((note) => compact(note) as Note);
}
