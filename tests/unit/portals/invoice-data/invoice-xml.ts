/**
 * Small generated e-invoices for the unit tests: the same invoice in CII, ZUGFeRD 1 and UBL, with
 * the prefixes, currencies and order of elements a test chooses.
 */
export interface InvoiceOptions {
	/** Prefixes for CII's rsm/ram/udt namespaces; '' puts rsm in the default namespace. */
	prefixes?: { rsm: string; ram: string; udt: string };
	currency?: string;
	/** A second VAT total, in this tax currency, written BEFORE the invoice currency's. */
	taxCurrency?: { code: string; vat: string };
	guidelineId?: string;
	number?: string;
}

const CII_NS = {
	rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
	ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
	udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
};

export function ciiInvoice(options: InvoiceOptions = {}): string {
	const p = options.prefixes ?? { rsm: 'rsm', ram: 'ram', udt: 'udt' };
	const q = (prefix: string) => (prefix ? `${prefix}:` : '');
	const [rsm, ram, udt] = [q(p.rsm), q(p.ram), q(p.udt)];
	const xmlns = (prefix: string, uri: string) =>
		prefix ? `xmlns:${prefix}="${uri}"` : `xmlns="${uri}"`;
	const currency = options.currency ?? 'EUR';
	const tax = options.taxCurrency;
	return `<?xml version="1.0" encoding="UTF-8"?>
<${rsm}CrossIndustryInvoice ${xmlns(p.rsm, CII_NS.rsm)} ${xmlns(p.ram, CII_NS.ram)} ${xmlns(p.udt, CII_NS.udt)}>
	<${rsm}ExchangedDocumentContext><${ram}GuidelineSpecifiedDocumentContextParameter><${ram}ID>${options.guidelineId ?? 'urn:cen.eu:en16931:2017'}</${ram}ID></${ram}GuidelineSpecifiedDocumentContextParameter></${rsm}ExchangedDocumentContext>
	<${rsm}ExchangedDocument>
		<${ram}ID>${options.number ?? '00471102'}</${ram}ID><${ram}TypeCode>380</${ram}TypeCode>
		<${ram}IssueDateTime><${udt}DateTimeString format="102">20240131</${udt}DateTimeString></${ram}IssueDateTime>
		<${ram}IncludedNote><${ram}Content>Thank you &amp; goodbye &#x20AC;</${ram}Content></${ram}IncludedNote>
	</${rsm}ExchangedDocument>
	<${rsm}SupplyChainTradeTransaction>
		<${ram}IncludedSupplyChainTradeLineItem>
			<${ram}AssociatedDocumentLineDocument><${ram}LineID>1</${ram}LineID></${ram}AssociatedDocumentLineDocument>
			<${ram}SpecifiedTradeProduct><${ram}SellerAssignedID>0815</${ram}SellerAssignedID><${ram}Name>Paper</${ram}Name></${ram}SpecifiedTradeProduct>
			<${ram}SpecifiedLineTradeAgreement><${ram}NetPriceProductTradePrice><${ram}ChargeAmount>0.10</${ram}ChargeAmount></${ram}NetPriceProductTradePrice></${ram}SpecifiedLineTradeAgreement>
			<${ram}SpecifiedLineTradeDelivery><${ram}BilledQuantity unitCode="H87">1000</${ram}BilledQuantity></${ram}SpecifiedLineTradeDelivery>
			<${ram}SpecifiedLineTradeSettlement>
				<${ram}ApplicableTradeTax><${ram}TypeCode>VAT</${ram}TypeCode><${ram}CategoryCode>S</${ram}CategoryCode><${ram}RateApplicablePercent>19.00</${ram}RateApplicablePercent></${ram}ApplicableTradeTax>
				<${ram}SpecifiedTradeSettlementLineMonetarySummation><${ram}LineTotalAmount>100.00</${ram}LineTotalAmount></${ram}SpecifiedTradeSettlementLineMonetarySummation>
			</${ram}SpecifiedLineTradeSettlement>
		</${ram}IncludedSupplyChainTradeLineItem>
		<${ram}ApplicableHeaderTradeAgreement>
			<${ram}BuyerReference>04011000-12345-34</${ram}BuyerReference>
			<${ram}SellerTradeParty><${ram}Name>Seller GmbH</${ram}Name>
				<${ram}PostalTradeAddress><${ram}PostcodeCode>01067</${ram}PostcodeCode><${ram}CityName>Dresden</${ram}CityName><${ram}CountryID>DE</${ram}CountryID></${ram}PostalTradeAddress>
				<${ram}SpecifiedTaxRegistration><${ram}ID schemeID="VA">DE123456789</${ram}ID></${ram}SpecifiedTaxRegistration>
			</${ram}SellerTradeParty>
			<${ram}BuyerTradeParty><${ram}Name>Buyer AG</${ram}Name></${ram}BuyerTradeParty>
		</${ram}ApplicableHeaderTradeAgreement>
		<${ram}ApplicableHeaderTradeDelivery/>
		<${ram}ApplicableHeaderTradeSettlement>
			${tax ? `<${ram}TaxCurrencyCode>${tax.code}</${ram}TaxCurrencyCode>` : ''}
			<${ram}InvoiceCurrencyCode>${currency}</${ram}InvoiceCurrencyCode>
			<${ram}SpecifiedTradeSettlementPaymentMeans><${ram}TypeCode>58</${ram}TypeCode>
				<${ram}PayeePartyCreditorFinancialAccount><${ram}IBANID>DE02120300000000202051</${ram}IBANID></${ram}PayeePartyCreditorFinancialAccount>
			</${ram}SpecifiedTradeSettlementPaymentMeans>
			<${ram}ApplicableTradeTax><${ram}CalculatedAmount>19.00</${ram}CalculatedAmount><${ram}TypeCode>VAT</${ram}TypeCode><${ram}BasisAmount>100.00</${ram}BasisAmount><${ram}CategoryCode>S</${ram}CategoryCode><${ram}RateApplicablePercent>19</${ram}RateApplicablePercent></${ram}ApplicableTradeTax>
			<${ram}SpecifiedTradePaymentTerms><${ram}DueDateDateTime><${udt}DateTimeString format="102">20240229</${udt}DateTimeString></${ram}DueDateDateTime></${ram}SpecifiedTradePaymentTerms>
			<${ram}SpecifiedTradeSettlementHeaderMonetarySummation>
				<${ram}LineTotalAmount>100.00</${ram}LineTotalAmount><${ram}TaxBasisTotalAmount>100.00</${ram}TaxBasisTotalAmount>
				${tax ? `<${ram}TaxTotalAmount currencyID="${tax.code}">${tax.vat}</${ram}TaxTotalAmount>` : ''}
				<${ram}TaxTotalAmount currencyID="${currency}">19.00</${ram}TaxTotalAmount>
				<${ram}GrandTotalAmount>119.00</${ram}GrandTotalAmount><${ram}DuePayableAmount>119.00</${ram}DuePayableAmount>
			</${ram}SpecifiedTradeSettlementHeaderMonetarySummation>
		</${ram}ApplicableHeaderTradeSettlement>
	</${rsm}SupplyChainTradeTransaction>
</${rsm}CrossIndustryInvoice>`;
}

/** The same invoice as a UBL Invoice, or as a CreditNote (whose lines and due date UBL places elsewhere). */
export function ublInvoice(options: InvoiceOptions & { creditNote?: boolean } = {}): string {
	const root = options.creditNote ? 'CreditNote' : 'Invoice';
	const currency = options.currency ?? 'EUR';
	const tax = options.taxCurrency;
	const due = options.creditNote ? '' : '<cbc:DueDate>2024-02-29</cbc:DueDate>';
	const dueInMeans = options.creditNote
		? '<cbc:PaymentDueDate>2024-02-29</cbc:PaymentDueDate>'
		: '';
	const line = options.creditNote ? 'CreditNoteLine' : 'InvoiceLine';
	const quantity = options.creditNote ? 'CreditedQuantity' : 'InvoicedQuantity';
	return `<?xml version="1.0" encoding="UTF-8"?>
<ubl:${root} xmlns:ubl="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
	<cbc:CustomizationID>${options.guidelineId ?? 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0'}</cbc:CustomizationID>
	<cbc:ID>${options.number ?? '00471102'}</cbc:ID><cbc:IssueDate>2024-01-31</cbc:IssueDate>${due}
	<cbc:${root}TypeCode>${options.creditNote ? '381' : '380'}</cbc:${root}TypeCode>
	<cbc:Note>#ADU#Thank you</cbc:Note>
	<cbc:DocumentCurrencyCode>${currency}</cbc:DocumentCurrencyCode>
	${tax ? `<cbc:TaxCurrencyCode>${tax.code}</cbc:TaxCurrencyCode>` : ''}
	<cbc:BuyerReference>04011000-12345-34</cbc:BuyerReference>
	<cac:AccountingSupplierParty><cac:Party>
		<cac:PostalAddress><cbc:CityName>Dresden</cbc:CityName><cbc:PostalZone>01067</cbc:PostalZone><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
		<cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
		<cac:PartyLegalEntity><cbc:RegistrationName>Seller GmbH</cbc:RegistrationName></cac:PartyLegalEntity>
	</cac:Party></cac:AccountingSupplierParty>
	<cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Buyer AG</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
	<cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>${dueInMeans}<cac:PayeeFinancialAccount><cbc:ID>DE02120300000000202051</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
	${tax ? `<cac:TaxTotal><cbc:TaxAmount currencyID="${tax.code}">${tax.vat}</cbc:TaxAmount></cac:TaxTotal>` : ''}
	<cac:TaxTotal><cbc:TaxAmount currencyID="${currency}">19.00</cbc:TaxAmount>
		<cac:TaxSubtotal><cbc:TaxableAmount currencyID="${currency}">100.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="${currency}">19.00</cbc:TaxAmount>
			<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19.00</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
	</cac:TaxTotal>
	<cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="${currency}">100.00</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID="${currency}">100.00</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID="${currency}">119.00</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID="${currency}">119.00</cbc:PayableAmount></cac:LegalMonetaryTotal>
	<cac:${line}><cbc:ID>1</cbc:ID><cbc:${quantity} unitCode="H87">1000</cbc:${quantity}><cbc:LineExtensionAmount currencyID="${currency}">100.00</cbc:LineExtensionAmount>
		<cac:Item><cbc:Name>Paper</cbc:Name><cac:SellersItemIdentification><cbc:ID>0815</cbc:ID></cac:SellersItemIdentification><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
		<cac:Price><cbc:PriceAmount currencyID="${currency}">0.10</cbc:PriceAmount></cac:Price>
	</cac:${line}>
</ubl:${root}>`;
}
