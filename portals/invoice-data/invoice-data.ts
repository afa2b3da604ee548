import type { PlainPdfText, RecognizedInvoice } from './plain-pdf/recognized-types';
import type { Validation } from './validation/validation-types';

/**
 * The JSON an e-invoice is read into: EN 16931's semantic model, its business terms (BT-n) and
 * groups (BG-n) named in docs/invoice-data.md. Amounts are numbers (read as exact decimals),
 * identifiers and codes stay strings, dates are ISO `YYYY-MM-DD`. A term the invoice does not
 * carry is left out.
 */
export type Syntax = 'CII' | 'ZUGFeRD 1' | 'UBL';

export interface InvoiceSource {
	/** `pdf` for the XML embedded in a hybrid PDF, `xml` for an XML file. */
	container: 'xml' | 'pdf';
	/** The embedded file the XML came from, as the PDF names it (container `pdf` only). */
	attachmentName?: string;
	/** The PDF's other embedded files (container `pdf` only, when it has any). */
	otherAttachments?: PdfAttachment[];
	syntax: Syntax;
	/** The root element's local name and namespace URI. */
	rootElement: string;
	namespace: string;
	/** BT-24, as written. */
	guidelineId?: string;
	/** The named profile (profiles.ts); 'unknown' when the id is in no row of the table. */
	profile: string;
	/** BT-23 */
	businessProcess?: string;
}

/** An embedded file of a hybrid PDF other than its e-invoice XML: described, not included. */
export interface PdfAttachment {
	name: string;
	/** The embedded file's /Subtype, as the PDF gives it. */
	mimeType?: string;
	/** /AFRelationship: Data, Supplement, Source, Alternative, Unspecified. */
	relationship?: string;
	/** Bytes, inflated. */
	size?: number;
	sha256?: string;
	/** Why it could not be described (too large, not inflatable). */
	error?: string;
}

/** BG-24: an additional supporting document (a timesheet, a receipt) the invoice refers to or carries. */
export interface SupportingDocument {
	/** BT-122, the supporting document reference (mandatory, BR-52). */
	id?: string;
	/** BT-123 */
	description?: string;
	/** BT-124: where the document lies, outside the invoice. */
	url?: string;
	/** BT-125, the attached document: described, its bytes are not in the JSON. */
	attachment?: SupportingAttachment;
}

export interface SupportingAttachment {
	/** BT-125-2, the filename (BT-122 when the invoice leaves it out). */
	name: string;
	/** BT-125-1 */
	mimeType?: string;
	/** Bytes, decoded from base64. */
	size?: number;
	sha256?: string;
	/** Why it could not be decoded (not base64, too large). */
	error?: string;
}

export interface InvoiceType {
	/** BT-3 (UNTDID 1001) */
	code?: string;
	kind: 'invoice' | 'credit note' | 'corrected' | 'prepayment' | 'unknown';
}

export interface PostalAddress {
	line1?: string;
	line2?: string;
	line3?: string;
	city?: string;
	postcode?: string;
	subdivision?: string;
	country?: string;
}

export interface Contact {
	name?: string;
	phone?: string;
	email?: string;
}

export interface Party {
	name?: string;
	tradingName?: string;
	/** Seller/buyer identifiers (BT-29, BT-46), with their scheme when given. */
	ids?: { value: string; scheme?: string }[];
	vatId?: string;
	taxNumber?: string;
	registrationId?: string;
	electronicAddress?: { value: string; scheme?: string };
	address?: PostalAddress;
	contact?: Contact;
}

export interface Totals {
	lineNet?: number;
	allowances?: number;
	charges?: number;
	taxExclusive?: number;
	/** BT-110: the VAT total in the invoice currency, matched by currencyID. */
	vat?: number;
	/** BT-111: the VAT total in the tax currency, when one is given. */
	vatInTaxCurrency?: number;
	taxInclusive?: number;
	prepaid?: number;
	rounding?: number;
	payable?: number;
}

export interface VatBreakdown {
	category?: string;
	rate?: number;
	taxable?: number;
	tax?: number;
	exemptionReason?: string;
	exemptionReasonCode?: string;
}

export interface InvoiceLine {
	id?: string;
	name?: string;
	sellerItemId?: string;
	quantity?: number;
	unit?: string;
	netPrice?: number;
	/** BT-149: the quantity the net price is for. */
	priceBaseQuantity?: number;
	netAmount?: number;
	vatCategory?: string;
	vatRate?: number;
}

export interface AllowanceCharge {
	/** true for a charge (BG-21), false for an allowance (BG-20). */
	charge: boolean;
	amount?: number;
	base?: number;
	percentage?: number;
	reason?: string;
	reasonCode?: string;
	vatCategory?: string;
	vatRate?: number;
}

export interface PaymentAccount {
	iban?: string;
	accountName?: string;
	bic?: string;
}

export interface Payment {
	meansCode?: string;
	meansText?: string;
	iban?: string;
	bic?: string;
	accountName?: string;
	/** Every credit-transfer account (BG-17) when there is more than one. */
	accounts?: PaymentAccount[];
	remittance?: string;
	mandate?: string;
	creditorId?: string;
	debitedAccount?: string;
	terms?: string;
	discount?: { percent?: number; days?: number; basis?: number };
}

/** BG-3: an invoice this one corrects or credits. */
export interface PrecedingInvoice {
	number: string;
	issueDate?: string;
}

export interface Note {
	subject?: string;
	text: string;
}

export interface InvoiceData {
	isEInvoice: true;
	source: InvoiceSource;
	type: InvoiceType;
	number?: string;
	issueDate?: string;
	dueDate?: string;
	deliveryDate?: string;
	period?: { start?: string; end?: string };
	currency?: string;
	taxCurrency?: string;
	references: {
		buyerReference?: string;
		order?: string;
		salesOrder?: string;
		contract?: string;
		project?: string;
		precedingInvoices?: PrecedingInvoice[];
	};
	seller: Party;
	buyer: Party;
	payee?: Party;
	totals: Totals;
	vatBreakdown: VatBreakdown[];
	lines: InvoiceLine[];
	allowancesCharges: AllowanceCharge[];
	payment: Payment;
	notes: Note[];
	/** BG-24, when the invoice has any. */
	supportingDocuments?: SupportingDocument[];
	/** The EN 16931 business rules checked on it (validation/). */
	validation: Validation;
}

/** What a file that is not read gives: the reason, never an exception. */
export interface InvoiceReadFailure {
	isEInvoice: false;
	error: { code: string; message: string };
	/** What was recognised before giving up (e.g. a FatturaPA root). */
	rootElement?: string;
	namespace?: string;
	/** Set for a PDF: read as one, with the names of its embedded files when it could be opened. */
	container?: 'pdf';
	attachments?: string[];
	/** A PDF without e-invoice: how its text layer was read (docs: "Plain PDF invoices"). */
	text?: PlainPdfText;
	/** What was recognised in that text; absent when there is none (a scan). */
	recognized?: RecognizedInvoice;
}

export type InvoiceReadResult = InvoiceData | InvoiceReadFailure;

/** What a syntax reader gives: everything but the source, which the entry point fills in. */
/** The invoice as read, before its validation is added: what the rules check. */
export type InvoiceFields = Omit<InvoiceData, 'validation'>;

export type InvoiceBody = Omit<InvoiceData, 'isEInvoice' | 'source' | 'validation'>;

export interface SyntaxReading {
	guidelineId?: string;
	businessProcess?: string;
	body: InvoiceBody;
}
