import {
	readInvoiceFile,
	validateSchema,
	validateSchemas,
	type InvoiceData,
} from '../../../../portals/invoice-data';
import { hybridPdf } from './hybrid-pdf';
import { ciiInvoice, ublInvoice } from './invoice-xml';

/**
 * The schema check (libxml2 in WebAssembly, in a worker): the generated invoices follow their
 * schemas; an element renamed or a date in the wrong format is refused with libxml2's line; a
 * hostile file cannot hold the process past the time limit.
 */
const read = async (xml: string | Buffer, schema = true) =>
	(await readInvoiceFile(Buffer.from(xml), {}, { schema })) as InvoiceData;

test.each([
	['CII', ciiInvoice(), 'UN/CEFACT CII D16B'],
	['UBL Invoice', ublInvoice(), 'UBL 2.1 Invoice'],
	['UBL CreditNote', ublInvoice({ creditNote: true }), 'UBL 2.1 CreditNote'],
])('a %s that follows its schema is valid, the schema among the checks', async (_, xml, schema) => {
	const invoice = await read(xml);
	expect(invoice.validation.findings.filter((f) => f.rule === 'XSD')).toEqual([]);
	expect(invoice.validation.rulesChecked[0]).toBe('XSD');
	expect(invoice.validation.schema).toBe(schema);
});

test('without the option, the schema is not checked', async () => {
	const invoice = await read(ublInvoice().replace(/cbc:IssueDate>/g, 'cbc:IssuedDate>'), false);
	expect(invoice.validation.rulesChecked).not.toContain('XSD');
	expect(invoice.validation.schema).toBeUndefined();
});

test('an element renamed is a fatal XSD finding with the line and the expected elements', async () => {
	const xml = ublInvoice().replace(/cbc:IssueDate>/g, 'cbc:IssuedDate>');
	const invoice = await read(xml);
	const line = xml.split('\n').findIndex((l) => l.includes('IssuedDate')) + 1;
	expect(invoice.validation.status).toBe('invalid');
	const [first] = invoice.validation.findings.filter((f) => f.rule === 'XSD');
	expect(first).toMatchObject({ flag: 'fatal', where: `xml line ${line}` });
	expect(first.message).toMatch(/^The XML does not follow its schema \(UBL 2\.1 Invoice\): /);
	expect(first.message).toContain("Element 'IssuedDate': This element is not expected.");
	// The namespaces' URIs are left out of the message.
	expect(first.message).not.toContain('urn:oasis');
});

test('a date in the wrong format is refused (CII: an amount that is no number)', async () => {
	const ubl = await read(
		ublInvoice().replace(/<cbc:IssueDate>[^<]*</, '<cbc:IssueDate>31.01.2024<'),
	);
	expect(ubl.validation.findings.find((f) => f.rule === 'XSD')?.message).toContain(
		"'31.01.2024' is not a valid value of the atomic type 'xs:date'",
	);
	const cii = await read(
		ciiInvoice().replace(/<ram:LineTotalAmount>100.00</, '<ram:LineTotalAmount>1OO<'),
	);
	expect(cii.validation.status).toBe('invalid');
	expect(cii.validation.findings.filter((f) => f.rule === 'XSD')).toHaveLength(1);
});

test('the XML embedded in a hybrid PDF is checked too', async () => {
	const xml = ciiInvoice().replace(/ram:LineID>/g, 'ram:LineNo>');
	const pdf = await hybridPdf([{ name: 'factur-x.xml', content: xml }]);
	const invoice = (await readInvoiceFile(pdf, {}, { schema: true })) as InvoiceData;
	expect(invoice.source.container).toBe('pdf');
	expect(invoice.validation.findings.filter((f) => f.rule === 'XSD')[0].message).toContain(
		"Element 'LineNo': This element is not expected.",
	);
});

test('at most 20 schema errors are listed, and how many more there were', async () => {
	// An attribute error does not stop libxml2 (a misplaced element would): 200 errors.
	const notes = Array.from(
		{ length: 200 },
		(_, i) => `<cbc:Note languageID="not a language">${i}</cbc:Note>`,
	).join('\n');
	const xml = ublInvoice().replace(/(<\/cbc:InvoiceTypeCode>)/, `$1\n${notes}`);
	const xsd = (await read(xml)).validation.findings.filter((f) => f.rule === 'XSD');
	expect(xsd).toHaveLength(21);
	expect(xsd[0].message).toContain("attribute 'languageID': 'not a language' is not a valid value");
	expect(xsd[20]).toMatchObject({ message: 'And 180 more schema errors.', where: 'xml' });
});

const UBL_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';

test('a hostile 1 MB XML is answered within the time limit; over it, a fatal finding, never a pass', async () => {
	const items = '<cbc:Note>x</cbc:Note>\n'.repeat(45_000);
	const xml = Buffer.from(ublInvoice().replace(/(<cbc:IssueDate>)/, `${items}$1`));
	expect(xml.length).toBeGreaterThan(1_000_000);
	const start = Date.now();
	const outcome = await validateSchema(xml, UBL_NS);
	expect(Date.now() - start).toBeLessThan(10_000);
	expect(outcome.status).toBe('checked');
	// With a limit it cannot meet, the worker is ended and the check says so.
	const cut = await validateSchema(xml, UBL_NS, 1);
	expect(cut.status).toBe('not checked');
	expect(cut.findings).toEqual([
		expect.objectContaining({
			rule: 'XSD',
			flag: 'fatal',
			message: expect.stringContaining('longer than 0.001 s. Taken as invalid'),
		}),
	]);
}, 30_000);

test('tens of thousands of errors hit the memory cap: that file is taken as invalid, the others in its run keep their verdicts', async () => {
	const notes = '<cbc:Note languageID="no such">x</cbc:Note>\n'.repeat(30_000);
	const hostile = ublInvoice().replace(/(<\/cbc:InvoiceTypeCode>)/, `$1\n${notes}`);
	const [good, bad, alsoGood] = await validateSchemas(
		[ublInvoice(), hostile, ublInvoice({ number: '2' })].map((x) => ({
			xml: Buffer.from(x),
			namespace: UBL_NS,
		})),
	);
	expect(bad.status).toBe('not checked');
	expect(bad.findings).toEqual([
		expect.objectContaining({ flag: 'fatal', message: expect.stringContaining('memory limit') }),
	]);
	expect([good, alsoGood]).toEqual([
		{ schema: 'UBL 2.1 Invoice', status: 'checked', findings: [] },
		{ schema: 'UBL 2.1 Invoice', status: 'checked', findings: [] },
	]);
}, 60_000);

test('ZUGFeRD 1 has no schema here: nothing is checked', async () => {
	const outcome = await validateSchema(
		Buffer.from('<x/>'),
		'urn:ferd:CrossIndustryDocument:invoice:1p0',
	);
	expect(outcome).toEqual({ status: 'not checked', findings: [] });
});

test('many invoices at once: each gets its own verdict, in order, whatever its schema', async () => {
	const ns = {
		cii: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
		ubl: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
		zf1: 'urn:ferd:CrossIndustryDocument:invoice:1p0',
	};
	const bad = ublInvoice().replace(/cbc:IssueDate>/g, 'cbc:IssuedDate>');
	const outcomes = await validateSchemas([
		{ xml: Buffer.from(ciiInvoice()), namespace: ns.cii },
		{ xml: Buffer.from(bad), namespace: ns.ubl },
		{ xml: Buffer.from('<x/>'), namespace: ns.zf1 },
		{ xml: Buffer.from(ublInvoice()), namespace: ns.ubl },
	]);
	expect(outcomes.map((o) => [o.status, o.findings.length])).toEqual([
		['checked', 0],
		['checked', 1],
		['not checked', 0],
		['checked', 0],
	]);
});
