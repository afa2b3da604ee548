import {
	readInvoiceXml,
	type InvoiceData,
	type InvoiceReadResult,
} from '../../../../portals/invoice-data';
import { ciiInvoice, ublInvoice } from './invoice-xml';

/** What the reader gives a user for small generated invoices in each syntax. */
function read(xml: string | Buffer): InvoiceData {
	const result: InvoiceReadResult = readInvoiceXml(xml);
	if (!result.isEInvoice) throw new Error(`not read: ${result.error.message}`);
	return result;
}

test('a CII invoice reads into the EN 16931 fields a bookkeeper needs', () => {
	const invoice = read(ciiInvoice());
	expect(invoice.source).toEqual({
		container: 'xml',
		syntax: 'CII',
		rootElement: 'CrossIndustryInvoice',
		namespace: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
		guidelineId: 'urn:cen.eu:en16931:2017',
		profile: 'EN 16931',
	});
	expect(invoice).toMatchObject({
		type: { code: '380', kind: 'invoice' },
		number: '00471102',
		issueDate: '2024-01-31',
		dueDate: '2024-02-29',
		currency: 'EUR',
		references: { buyerReference: '04011000-12345-34' },
		seller: {
			name: 'Seller GmbH',
			vatId: 'DE123456789',
			address: { postcode: '01067', city: 'Dresden', country: 'DE' },
		},
		buyer: { name: 'Buyer AG' },
		totals: { lineNet: 100, taxExclusive: 100, vat: 19, taxInclusive: 119, payable: 119 },
		vatBreakdown: [{ category: 'S', rate: 19, taxable: 100, tax: 19 }],
		lines: [
			{
				id: '1',
				name: 'Paper',
				sellerItemId: '0815',
				quantity: 1000,
				unit: 'H87',
				netPrice: 0.1,
				netAmount: 100,
				vatCategory: 'S',
				vatRate: 19,
			},
		],
		payment: { meansCode: '58', iban: 'DE02120300000000202051' },
		notes: [{ text: 'Thank you & goodbye €' }],
	});
});

test('identifiers stay strings: 00471102 keeps its zeros, a postcode 01067 too', () => {
	const invoice = read(ciiInvoice({ number: '00471102' }));
	expect(invoice.number).toBe('00471102');
	expect(invoice.seller.address?.postcode).toBe('01067');
	expect(read(ublInvoice({ number: '0042' })).number).toBe('0042');
});

test('CII reads the same whatever the prefixes, or with rsm as the default namespace', () => {
	const usual = read(ciiInvoice());
	const odd = read(ciiInvoice({ prefixes: { rsm: 'a', ram: 'b', udt: 'c' } }));
	const defaultNs = read(ciiInvoice({ prefixes: { rsm: '', ram: 'ram', udt: 'udt' } }));
	expect(odd).toEqual(usual);
	expect(defaultNs).toEqual(usual);
});

test('the VAT total is taken by its currency, not by its position (CII and UBL)', () => {
	const taxCurrency = { code: 'USD', vat: '20.71' };
	for (const xml of [ciiInvoice({ taxCurrency }), ublInvoice({ taxCurrency })]) {
		const invoice = read(xml);
		// The USD total comes first in the file; the invoice's VAT total is still the EUR one.
		expect(invoice.totals.vat).toBe(19);
		expect(invoice.totals.vatInTaxCurrency).toBe(20.71);
		expect(invoice.taxCurrency).toBe('USD');
		expect(invoice.vatBreakdown).toEqual([{ category: 'S', rate: 19, taxable: 100, tax: 19 }]);
	}
});

test('UBL Invoice and its CII twin give the same number, parties, totals, breakdown and lines', () => {
	const cii = read(ciiInvoice());
	const ubl = read(ublInvoice());
	for (const key of [
		'number',
		'issueDate',
		'dueDate',
		'currency',
		'totals',
		'vatBreakdown',
		'lines',
	] as const) {
		expect(ubl[key]).toEqual(cii[key]);
	}
	expect(ubl.seller).toEqual(cii.seller);
	expect(ubl.buyer).toEqual(cii.buyer);
	expect(ubl.source).toMatchObject({ syntax: 'UBL', rootElement: 'Invoice', profile: 'Peppol' });
	expect(ubl.notes).toEqual([{ subject: 'ADU', text: 'Thank you' }]);
});

test('a UBL CreditNote is a credit note, with its lines and the due date from its payment means', () => {
	const note = read(ublInvoice({ creditNote: true }));
	expect(note.type).toEqual({ code: '381', kind: 'credit note' });
	expect(note.source.rootElement).toBe('CreditNote');
	expect(note.dueDate).toBe('2024-02-29');
	expect(note.lines).toHaveLength(1);
	expect(note.lines[0]).toMatchObject({ quantity: 1000, unit: 'H87', netAmount: 100 });
});

test('a ZUGFeRD 1.0 CrossIndustryDocument reads with its own container names', () => {
	const invoice = read(`<?xml version="1.0"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
	<rsm:SpecifiedExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:SpecifiedExchangedDocumentContext>
	<rsm:HeaderExchangedDocument><ram:ID>RE-1</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">20130305</udt:DateTimeString></ram:IssueDateTime></rsm:HeaderExchangedDocument>
	<rsm:SpecifiedSupplyChainTradeTransaction>
		<ram:ApplicableSupplyChainTradeAgreement><ram:SellerTradeParty><ram:Name>Lieferant GmbH</ram:Name></ram:SellerTradeParty></ram:ApplicableSupplyChainTradeAgreement>
		<ram:ApplicableSupplyChainTradeSettlement>
			<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
			<ram:ApplicableTradeTax><ram:CalculatedAmount currencyID="EUR">7.00</ram:CalculatedAmount><ram:BasisAmount currencyID="EUR">100.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:ApplicablePercent>7.00</ram:ApplicablePercent></ram:ApplicableTradeTax>
			<ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="EUR">100.00</ram:LineTotalAmount><ram:TaxTotalAmount currencyID="EUR">7.00</ram:TaxTotalAmount><ram:GrandTotalAmount currencyID="EUR">107.00</ram:GrandTotalAmount><ram:DuePayableAmount currencyID="EUR">107.00</ram:DuePayableAmount></ram:SpecifiedTradeSettlementMonetarySummation>
		</ram:ApplicableSupplyChainTradeSettlement>
		<ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
			<ram:SpecifiedSupplyChainTradeDelivery><ram:BilledQuantity unitCode="C62">2</ram:BilledQuantity></ram:SpecifiedSupplyChainTradeDelivery>
			<ram:SpecifiedSupplyChainTradeSettlement><ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="EUR">100.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation></ram:SpecifiedSupplyChainTradeSettlement>
		</ram:IncludedSupplyChainTradeLineItem>
	</rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>`);
	expect(invoice.source).toMatchObject({ syntax: 'ZUGFeRD 1', profile: 'ZUGFeRD 1 COMFORT' });
	expect(invoice).toMatchObject({
		number: 'RE-1',
		issueDate: '2013-03-05',
		seller: { name: 'Lieferant GmbH' },
		totals: { lineNet: 100, vat: 7, taxInclusive: 107, payable: 107 },
		vatBreakdown: [{ category: 'S', rate: 7, taxable: 100, tax: 7 }],
		lines: [{ id: '1', quantity: 2, unit: 'C62', netAmount: 100 }],
	});
});

test('amounts keep the decimals written, and a negative amount its sign', () => {
	const xml = ciiInvoice()
		.replace(
			'<ram:ChargeAmount>0.10</ram:ChargeAmount>',
			'<ram:ChargeAmount>0.123456789</ram:ChargeAmount>',
		)
		.replace(
			'<ram:DuePayableAmount>119.00</ram:DuePayableAmount>',
			'<ram:DuePayableAmount>-0.50</ram:DuePayableAmount>',
		);
	const invoice = read(xml);
	expect(invoice.lines[0].netPrice).toBe(0.123456789);
	expect(invoice.totals.payable).toBe(-0.5);
});

test('the encoding is the one the file declares or marks: ISO-8859-1, UTF-16, UTF-8 with a BOM', () => {
	const xml = ciiInvoice().replace('Seller GmbH', 'Müller &amp; Söhne GmbH');
	const latin1 = Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'), 'latin1');
	const utf16 = Buffer.concat([
		Buffer.from([0xff, 0xfe]),
		Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="UTF-16"'), 'utf16le'),
	]);
	const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]);
	for (const bytes of [latin1, utf16, bom]) {
		expect(read(bytes).seller.name).toBe('Müller & Söhne GmbH');
	}
	const unknown = readInvoiceXml(
		Buffer.from(xml.replace('encoding="UTF-8"', 'encoding="X-NO-SUCH"')),
	);
	expect(unknown).toMatchObject({
		isEInvoice: false,
		error: { code: 'malformed', message: expect.stringContaining('X-NO-SUCH') },
	});
});

test("ZUGFeRD 1's pre-release Invoice root (children in no namespace, bare dates) reads too; empty ids stay out", () => {
	const invoice = read(`<rsm:Invoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CBFBUY:5">
	<rsm:SpecifiedExchangedDocumentContext><GuidelineSpecifiedDocumentContextParameter><ID>urn:ferd:invoice:rc:comfort</ID></GuidelineSpecifiedDocumentContextParameter></rsm:SpecifiedExchangedDocumentContext>
	<rsm:HeaderExchangedDocument><ID>RE-2014/1</ID><TypeCode>380</TypeCode><IssueDateTime format="102">20140519</IssueDateTime></rsm:HeaderExchangedDocument>
	<rsm:SpecifiedSupplyChainTradeTransaction>
		<ApplicableSupplyChainTradeAgreement><SellerTradeParty><Name>Seller</Name><SpecifiedTaxRegistration><ID schemeID="VA"></ID></SpecifiedTaxRegistration></SellerTradeParty></ApplicableSupplyChainTradeAgreement>
		<ApplicableSupplyChainTradeSettlement><InvoiceCurrencyCode>EUR</InvoiceCurrencyCode>
			<SpecifiedTradePaymentTerms><DueDateDateTime format="102">20140609</DueDateDateTime></SpecifiedTradePaymentTerms>
			<SpecifiedTradeSettlementMonetarySummation><DuePayableAmount currencyID="EUR">559.84</DuePayableAmount></SpecifiedTradeSettlementMonetarySummation>
		</ApplicableSupplyChainTradeSettlement>
	</rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:Invoice>`);
	expect(invoice.source).toMatchObject({
		syntax: 'ZUGFeRD 1',
		rootElement: 'Invoice',
		profile: 'ZUGFeRD 1 COMFORT',
	});
	expect(invoice).toMatchObject({
		number: 'RE-2014/1',
		issueDate: '2014-05-19',
		dueDate: '2014-06-09',
		totals: { payable: 559.84 },
	});
	expect(invoice.seller).toEqual({ name: 'Seller' });
});

test('an invoice with a guideline id in no row is still read, its profile reported as unknown', () => {
	const invoice = read(ciiInvoice({ guidelineId: 'urn:example:a-new-cius' }));
	expect(invoice.source).toMatchObject({
		guidelineId: 'urn:example:a-new-cius',
		profile: 'unknown',
	});
	expect(invoice.totals.payable).toBe(119);
});
