import { createHash } from 'node:crypto';
import { AFRelationship, ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { DemoDocument, DemoSeed } from './seed';

/**
 * Factur-X / ZUGFeRD hybrid PDFs for the demo portal's documents whose sub-account says
 * `eInvoices` (seed.json): the same one-page PDF, with a CII XML (EN 16931 profile) made from
 * the document's own number, dates and amount, attached as `factur-x.xml` with pdf-lib, both in
 * the name tree and as an associated file (/AF, AFRelationship Alternative), as Factur-X asks.
 * The totals are consistent (BR-CO-10 … -16, BR-S-08): the portal's amount is the amount due, the
 * net and 21 % VAT are chosen to add up to it, and where no net amount does (VAT is rounded to
 * cents) a rounding amount (BT-114) of one cent makes up the difference.
 */
export const VAT_RATE = 21;

export interface DemoTotals {
	net: number;
	vat: number;
	grand: number;
	rounding: number;
	payable: number;
}

/** Net, VAT, gross, rounding and payable, in cents as integers, from the amount due. */
export function demoTotals(amount: number): DemoTotals {
	const due = Math.round(amount * 100);
	const vatOf = (net: number) => Math.round((net * VAT_RATE) / 100);
	const guess = Math.round((due * 100) / (100 + VAT_RATE));
	const candidates = [0, -1, 1, -2, 2].map((d) => guess + d);
	const net = candidates.find((n) => n + vatOf(n) === due) ?? guess;
	const grand = net + vatOf(net);
	const cents = (n: number) => n / 100;
	return {
		net: cents(net),
		vat: cents(vatOf(net)),
		grand: cents(grand),
		rounding: cents(due - grand),
		payable: cents(due),
	};
}

const esc = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const date102 = (iso: string) => iso.replace(/-/g, '');
const money = (n: number) => n.toFixed(2);

/** The document's e-invoice: CII (D16B), guideline EN 16931, one line, VAT category S. */
export function facturXml(doc: DemoDocument, seller: string, buyer: string): Buffer {
	const t = demoTotals(doc.amount);
	const tax = `<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>${VAT_RATE}</ram:RateApplicablePercent>`;
	const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
<rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter></rsm:ExchangedDocumentContext>
<rsm:ExchangedDocument><ram:ID>${esc(doc.number)}</ram:ID><ram:TypeCode>380</ram:TypeCode><ram:IssueDateTime><udt:DateTimeString format="102">${date102(doc.issueDate)}</udt:DateTimeString></ram:IssueDateTime></rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction>
<ram:IncludedSupplyChainTradeLineItem><ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument><ram:SpecifiedTradeProduct><ram:Name>${esc(doc.title)}</ram:Name></ram:SpecifiedTradeProduct><ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${money(t.net)}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement><ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery><ram:SpecifiedLineTradeSettlement><ram:ApplicableTradeTax>${tax}</ram:ApplicableTradeTax><ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${money(t.net)}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>
<ram:ApplicableHeaderTradeAgreement><ram:BuyerReference>${esc(doc.accountId)}</ram:BuyerReference>
<ram:SellerTradeParty><ram:Name>${esc(seller)}</ram:Name><ram:PostalTradeAddress><ram:PostcodeCode>1011 AB</ram:PostcodeCode><ram:LineOne>Demoweg 1</ram:LineOne><ram:CityName>Amsterdam</ram:CityName><ram:CountryID>NL</ram:CountryID></ram:PostalTradeAddress><ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">NL000099998B57</ram:ID></ram:SpecifiedTaxRegistration></ram:SellerTradeParty>
<ram:BuyerTradeParty><ram:Name>${esc(buyer)}</ram:Name><ram:PostalTradeAddress><ram:CountryID>NL</ram:CountryID></ram:PostalTradeAddress></ram:BuyerTradeParty>
</ram:ApplicableHeaderTradeAgreement>
<ram:ApplicableHeaderTradeDelivery/>
<ram:ApplicableHeaderTradeSettlement><ram:PaymentReference>${esc(doc.number)}</ram:PaymentReference><ram:InvoiceCurrencyCode>${esc(doc.currency)}</ram:InvoiceCurrencyCode>
<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:IBANID>NL91ABNA0417164300</ram:IBANID></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>
<ram:ApplicableTradeTax><ram:CalculatedAmount>${money(t.vat)}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>${money(t.net)}</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>${VAT_RATE}</ram:RateApplicablePercent></ram:ApplicableTradeTax>
<ram:SpecifiedTradePaymentTerms><ram:DueDateDateTime><udt:DateTimeString format="102">${date102(doc.dueDate)}</udt:DateTimeString></ram:DueDateDateTime></ram:SpecifiedTradePaymentTerms>
<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>${money(t.net)}</ram:LineTotalAmount><ram:TaxBasisTotalAmount>${money(t.net)}</ram:TaxBasisTotalAmount><ram:TaxTotalAmount currencyID="${esc(doc.currency)}">${money(t.vat)}</ram:TaxTotalAmount>${t.rounding ? `<ram:RoundingAmount>${money(t.rounding)}</ram:RoundingAmount>` : ''}<ram:GrandTotalAmount>${money(t.grand)}</ram:GrandTotalAmount><ram:DuePayableAmount>${money(t.payable)}</ram:DuePayableAmount></ram:SpecifiedTradeSettlementHeaderMonetarySummation>
</ram:ApplicableHeaderTradeSettlement>
</rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
`;
	return Buffer.from(xml, 'utf8');
}

/** Hybrid PDFs already made in this process, by their inputs: the same inputs, the same bytes. */
const alreadyMade = new Map<string, Buffer>();

/**
 * The plain PDF with the XML attached. Deterministic like the plain one (no dates: pdf-lib
 * writes none when asked for none), so the same document always has the same bytes and hash;
 * the page's content stream is kept as it was (uncompressed: its text stays findable).
 */
export async function hybridPdf(plain: Buffer, xml: Buffer): Promise<Buffer> {
	const key = createHash('sha256').update(plain).update(xml).digest('hex');
	let made = alreadyMade.get(key);
	if (!made) {
		// Without yielding to the event loop between objects: under load each yield costs a
		// timer tick, and a demo portal starts many times in a test run.
		const doc = await PDFDocument.load(plain, {
			updateMetadata: false,
			parseSpeed: ParseSpeeds.Fastest,
		});
		await doc.attach(xml, 'factur-x.xml', {
			mimeType: 'text/xml',
			description: 'Factur-X invoice (EN 16931)',
			afRelationship: AFRelationship.Alternative,
		});
		const saved = await doc.save({
			useObjectStreams: false,
			updateFieldAppearances: false,
			objectsPerTick: Infinity,
		});
		made = Buffer.from(saved);
		alreadyMade.set(key, made);
	}
	return made;
}

/**
 * Makes the hybrid PDFs of every invoice of a sub-account with `eInvoices`, before the portal
 * answers (pdf-lib works asynchronously; serving a file does not).
 */
export async function prepareHybridPdfs(
	state: {
		seed: DemoSeed;
		documents: DemoDocument[];
		hybridPdfs: Map<string, Buffer>;
	},
	plain: (doc: DemoDocument) => Buffer,
): Promise<void> {
	for (const doc of state.documents) {
		if (doc.type !== 'invoice') continue;
		const account = state.seed.accounts.find((a) => a.login === doc.login);
		const sub = account?.subAccounts.find((s) => s.id === doc.accountId);
		if (!account || !sub?.eInvoices) continue;
		const xml = facturXml(doc, state.seed.company, account.name);
		state.hybridPdfs.set(doc.id, await hybridPdf(plain(doc), xml));
	}
}
