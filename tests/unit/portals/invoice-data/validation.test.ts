import { readInvoiceXml, type InvoiceData } from '../../../../portals/invoice-data';
import { ciiInvoice, ublInvoice } from './invoice-xml';

/**
 * invoice.validation: the EN 16931 business rules a user sees checked, with what broke them and
 * where. (Agreement with the official artefacts on the corpora: tests/integration/invoice-data.)
 */
function read(xml: string): InvoiceData {
	const result = readInvoiceXml(xml);
	if (!result.isEInvoice) throw new Error(result.error.message);
	return result;
}

/** The generated invoices leave out the buyer's address, which BR-10 asks for: put one in. */
const BUYER_ADDRESS = {
	CII: [
		/<ram:Name>Buyer AG<\/ram:Name>/,
		'<ram:Name>Buyer AG</ram:Name><ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>',
	],
	UBL: [
		/<cac:PartyLegalEntity><cbc:RegistrationName>Buyer AG/,
		'<cac:PostalAddress><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>$&',
	],
} as const;
const complete = {
	CII: () => ciiInvoice().replace(...BUYER_ADDRESS.CII),
	UBL: () => ublInvoice().replace(...BUYER_ADDRESS.UBL),
};

test.each(['CII', 'UBL'] as const)('a complete, consistent %s invoice is valid', (syntax) => {
	const { validation } = read(complete[syntax]());
	expect(validation).toMatchObject({ status: 'valid', findings: [] });
	expect(validation.rulesChecked).toEqual(
		expect.arrayContaining(['BR-01', 'BR-16', 'BR-CO-10', 'BR-CO-16', 'BR-S-08', 'BR-E-08']),
	);
});

test('an invoice without the buyer address is invalid: BR-10, fatal, at buyer.address', () => {
	const br10 = {
		rule: 'BR-10',
		flag: 'fatal',
		message: "The buyer's postal address (BG-8) must be given.",
		where: 'buyer.address',
	};
	expect(read(ublInvoice()).validation).toEqual({
		status: 'invalid',
		rulesChecked: expect.any(Array),
		findings: [br10],
	});
	// The official CII rules also ask for its country code when there is no address at all.
	expect(read(ciiInvoice()).validation.findings).toEqual([
		br10,
		expect.objectContaining({ rule: 'BR-11', where: 'buyer.address.country' }),
	]);
});

test.each(['CII', 'UBL'] as const)(
	'a %s total with VAT a cent off breaks BR-CO-15 and BR-CO-16, with the figures',
	(syntax) => {
		const xml = complete[syntax]().replace(/>119\.00</, '>119.01<');
		const { validation } = read(xml);
		expect(validation.status).toBe('invalid');
		expect(validation.findings.map((f) => [f.rule, f.where])).toEqual([
			['BR-CO-16', 'totals.payable'],
			['BR-CO-15', 'totals.taxInclusive'],
		]);
		expect(validation.findings[1].message).toContain('Given 119.01.');
	},
);

test('a VAT breakdown whose taxable amount is not its lines breaks BR-S-08 at that entry', () => {
	const xml = complete.CII().replace('<ram:BasisAmount>100.00<', '<ram:BasisAmount>99.00<');
	const { findings } = read(xml).validation;
	expect(findings.map((f) => [f.rule, f.where])).toEqual([['BR-S-08', 'vatBreakdown[0]']]);
	expect(findings[0].message).toContain('Given 99 at 19%, lines 100');
});

test('the line sum is rounded as each syntax’s official rule rounds it', () => {
	// 100.005 as CII sums it (a double, 100.00499999…) rounds to 100.00; as UBL (a decimal), up.
	const cii = complete
		.CII()
		.replace('<ram:LineTotalAmount>100.00<', '<ram:LineTotalAmount>100.005<');
	const ubl = complete
		.UBL()
		.replace(
			/(<cbc:LineExtensionAmount[^>]*>)100\.00(<\/cbc:LineExtensionAmount>\s*<cac:Item)/,
			'$1100.005$2',
		);
	const co10 = (xml: string) => read(xml).validation.findings.filter((f) => f.rule === 'BR-CO-10');
	expect(co10(cii)).toEqual([]);
	expect(co10(ubl)).toEqual([expect.objectContaining({ where: 'totals.lineNet' })]);
	expect(co10(ubl)[0].message).toContain('Given 100, lines 100.01.');
});

test('a ZUGFeRD 1 invoice, which the official rules do not cover, is "not checked"', () => {
	const zugferd1 = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12">
	<rsm:HeaderExchangedDocument><ram:ID>1</ram:ID></rsm:HeaderExchangedDocument>
</rsm:CrossIndustryDocument>`;
	expect(read(zugferd1).validation).toEqual({
		status: 'not checked',
		rulesChecked: [],
		findings: [],
	});
});

test.each(['CII', 'UBL'] as const)(
	'a %s line without its item name and with a negative price breaks BR-25 and BR-27 at that line',
	(syntax) => {
		const xml =
			syntax === 'CII'
				? complete
						.CII()
						.replace('<ram:Name>Paper</ram:Name>', '')
						.replace(/(<ram:NetPriceProductTradePrice><ram:ChargeAmount>)/, '$1-')
				: complete
						.UBL()
						.replace(/<cbc:Name>Paper<\/cbc:Name>/, '')
						.replace(/(<cbc:PriceAmount[^>]*>)/, '$1-');
		const { validation } = read(xml);
		expect(validation.status).toBe('invalid');
		expect(validation.findings).toEqual([
			{
				rule: 'BR-25',
				flag: 'fatal',
				message: 'Each line must name its item (BT-153).',
				where: 'lines[0]',
			},
			expect.objectContaining({ rule: 'BR-27', where: 'lines[0]' }),
		]);
		expect(validation.rulesChecked).toEqual(expect.arrayContaining(['BR-21', 'BR-28', 'BR-CO-04']));
	},
);

test.each(['CII', 'UBL'] as const)(
	'a %s seller with no identifier at all breaks BR-CO-26',
	(syntax) => {
		const xml =
			syntax === 'CII'
				? complete
						.CII()
						.replace(/<ram:SpecifiedTaxRegistration>.*?<\/ram:SpecifiedTaxRegistration>/, '')
				: complete
						.UBL()
						.replace(/<cac:PartyTaxScheme><cbc:CompanyID>DE123456789.*?<\/cac:PartyTaxScheme>/, '');
		expect(read(xml).validation.findings.map((f) => [f.rule, f.where])).toEqual([
			['BR-CO-26', 'seller'],
		]);
	},
);
