import { readInvoiceXml, MAX_XML_BYTES } from '../../../../portals/invoice-data';
import { ciiInvoice } from './invoice-xml';

/** A hostile or broken file is that file's error, never an exception and never expanded. */
function failure(input: string | Buffer) {
	const result = readInvoiceXml(input);
	if (result.isEInvoice) throw new Error('read as an e-invoice');
	return result;
}

test('a DTD is refused: no entity is expanded ("billion laughs")', () => {
	const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
	expect(failure(lol).error).toEqual({ code: 'dtd', message: expect.stringContaining('DTD') });
});

test('an external entity is never fetched nor read: the DTD that declares it is refused', () => {
	const xxe = ciiInvoice()
		.replace(
			'<?xml version="1.0" encoding="UTF-8"?>',
			'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
		)
		.replace('Seller GmbH', '&secret;');
	const result = failure(xxe);
	expect(result.error.code).toBe('dtd');
	expect(JSON.stringify(result)).not.toContain('root:');
});

test('XML that is not well-formed says where', () => {
	const broken = ciiInvoice().replace('</rsm:ExchangedDocument>', '');
	expect(failure(broken).error).toEqual({
		code: 'malformed',
		message: expect.stringMatching(/not well-formed \(line \d+\)/),
	});
	expect(failure('').error.code).toBe('malformed');
	expect(failure(Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj', 'latin1')).error.code).toBe(
		'malformed',
	);
});

test('a file over the size cap is refused before it is parsed', () => {
	const big = ciiInvoice().replace('Thank you', 'x'.repeat(MAX_XML_BYTES));
	expect(failure(big).error.code).toBe('too-large');
});

test('XML that is no e-invoice we read (FatturaPA, a CII root in another namespace) says so', () => {
	const fattura = `<p:FatturaElettronica xmlns:p="http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2" versione="FPR12"><FatturaElettronicaHeader/></p:FatturaElettronica>`;
	const result = failure(fattura);
	expect(result.error).toEqual({
		code: 'not-e-invoice',
		message: expect.stringContaining('Not an e-invoice we read'),
	});
	expect(result).toMatchObject({ rootElement: 'FatturaElettronica' });
	const otherNs = ciiInvoice().replaceAll(
		'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
		'urn:example:other',
	);
	expect(failure(otherNs).error.code).toBe('not-e-invoice');
});

test('absurdly deep nesting is an error, not a stack overflow', () => {
	const depth = 200_000;
	const deep = `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
	expect(failure(deep).error).toEqual({
		code: 'malformed',
		message: expect.stringContaining('deeper than 200 levels'),
	});
});
