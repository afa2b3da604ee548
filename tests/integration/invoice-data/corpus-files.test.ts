import { readFileSync } from 'node:fs';
import {
	readInvoiceFile,
	UNKNOWN_PROFILE,
	readInvoiceXml,
	type InvoiceReadResult,
} from '../../../portals/invoice-data';
import { corpusFiles, shortName, XRECHNUNG_SUITE, ZUGFERD_CORPUS } from './corpora';

/**
 * Every PDF of the ZUGFeRD corpus, read as a user's downloads would be: the 148 hybrid PDFs give
 * their embedded e-invoice, whatever the attachment's name; the one plain PDF (unstructured/)
 * says it carries no embedded e-invoice; no file throws. XML files go to the XML reader.
 */
const pdfs = corpusFiles(ZUGFERD_CORPUS, '.pdf');
const isPlain = (name: string) => name.includes('/unstructured/');
const results = new Map<string, InvoiceReadResult>();

beforeAll(async () => {
	for (const file of pdfs) {
		results.set(shortName(file), await readInvoiceFile(readFileSync(file)));
	}
}, 300_000);

test('the corpus holds 149 PDFs, one of them plain', () => {
	expect(pdfs).toHaveLength(149);
	expect(pdfs.map(shortName).filter(isPlain)).toHaveLength(1);
});

test('the e-invoice XML is found and read in 148 of the 148 hybrid PDFs', () => {
	const missed: string[] = [];
	let found = 0;
	for (const [name, result] of results) {
		if (isPlain(name)) continue;
		if (!result.isEInvoice) missed.push(`${name}: ${result.error.message}`);
		else if (result.source.container !== 'pdf' || !result.source.attachmentName) {
			missed.push(`${name}: no container or attachment name`);
		} else if (
			!result.number ||
			(result.totals.payable ?? result.totals.taxInclusive) === undefined
		) {
			// ZUGFeRD 1 BASIC has no payable amount (three corpus PDFs): its grand total stands in.
			missed.push(`${name}: read without number or total`);
		} else found += 1;
	}
	expect(missed).toEqual([]);
	expect(found).toBe(148);
});

/*
 * The corpus README counts every attachment of these names (150); one PDF
 * (ZUGFeRDv2/fail/MustangRE-20171118_506_ZUGFeRD1and2.pdf) carries both a ZUGFeRD 1 and a
 * Factur-X XML, and its Factur-X one is read.
 */
test('the XML read is the one under the standard name, whatever its case', () => {
	const counts: Record<string, number> = {};
	for (const result of results.values()) {
		if (!result.isEInvoice) continue;
		const name = result.source.attachmentName ?? '';
		counts[name] = (counts[name] ?? 0) + 1;
	}
	expect(counts).toEqual({
		'factur-x.xml': 88,
		'zugferd-invoice.xml': 32,
		'ZUGFeRD-invoice.xml': 24,
		'xrechnung.xml': 4,
	});
});

test('the appendices beside the XML are described, none left unread', () => {
	const others = [...results.values()].flatMap((r) =>
		r.isEInvoice ? (r.source.otherAttachments ?? []) : [],
	);
	expect(others.filter((o) => o.error || !o.sha256 || !o.size)).toEqual([]);
	// PNG and PDF appendices, a ZUGFeRD 1 logistics supplement, Mustang's second invoice XML.
	expect(others.length).toBe(20);
});

test('the plain PDF is reported as no e-invoice: it has no embedded one', () => {
	const plain = [...results].filter(([name]) => isPlain(name));
	expect(plain).toHaveLength(1);
	const [, result] = plain[0];
	expect(result).toMatchObject({
		isEInvoice: false,
		container: 'pdf',
		error: { code: 'no-embedded-invoice', message: expect.stringContaining('no embedded') },
	});
});

test('every XML file of both corpora is read by readInvoiceFile as by readInvoiceXml', async () => {
	const xml = [...corpusFiles(ZUGFERD_CORPUS), ...corpusFiles(XRECHNUNG_SUITE)];
	expect(xml).toHaveLength(86 + 90);
	const differ: string[] = [];
	for (const file of xml) {
		const body = readFileSync(file);
		const result = await readInvoiceFile(body, { fileName: file });
		if (JSON.stringify(result) !== JSON.stringify(readInvoiceXml(body)))
			differ.push(shortName(file));
	}
	expect(differ).toEqual([]);
});

test('every guideline id in the hybrid PDFs maps to a named profile, misspelled ones too', () => {
	const ids = new Map<string, string>();
	for (const result of results.values())
		if (result.isEInvoice && result.source.guidelineId)
			ids.set(result.source.guidelineId, result.source.profile);
	expect(ids.size).toBeGreaterThanOrEqual(15);
	expect([...ids].filter(([, profile]) => profile === UNKNOWN_PROFILE)).toEqual([]);
});
