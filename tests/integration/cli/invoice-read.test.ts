import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';
import { corpusFiles, ZUGFERD_CORPUS } from '../invoice-data/corpora';

/**
 * `npm run invoice:read` reads invoices on disk: run as a user runs it (the built script, a child
 * process) on the public corpus where it lies (never copied here) and on bad input.
 */
const script = join(__dirname, '..', '..', '..', 'dist', 'scripts', 'commands', 'invoice-read.js');
const XML_RECHNUNG = join(ZUGFERD_CORPUS, 'XML-Rechnung');
const HYBRID_PDF = join(XML_RECHNUNG, 'FX', 'EN16931_Einfach.pdf');

const read = (...args: string[]) => runCli([script, ...args]);

test("a folder: every PDF and XML under it, one line each with the invoice's fields, and a summary", async () => {
	const files = [...corpusFiles(XML_RECHNUNG, '.xml'), ...corpusFiles(XML_RECHNUNG, '.pdf')];
	const { code, out } = await read(XML_RECHNUNG);
	expect(out).toContain(
		'✓ CII/EN16931_Einfach.cii.xml: CII · profile EN 16931 · number 471102 · issued 2018-03-05 · payable 529.87 EUR · valid',
	);
	expect(out).toContain(
		'✓ UBL/EN16931_Einfach.ubl.xml: UBL · profile Peppol · number 471102 · issued 2018-03-05 · payable 529.87 EUR · valid',
	);
	// The corpus's one invoice whose VAT amounts are wrong: its fatal rules named by id.
	expect(out).toMatch(
		/^! UBL\/not_validating_full_invoice_based_onTest_EeISI_300_CENfullmodel\.ubl\.xml: UBL · .* · invalid: BR-CO-10, BR-CO-15$/m,
	);
	expect(out.split('\n').filter((line) => /^[✓!✗-] /.test(line))).toHaveLength(files.length);
	expect(out).toContain(
		`${files.length} file(s): ${files.length} read, ${files.length} e-invoice(s) (${files.length - 1} valid, 1 invalid), 0 not an e-invoice, 0 error(s), 3 other file(s) skipped (not .pdf or .xml)`,
	);
	expect(code).toBe(0);
});

test('one hybrid PDF: the XML inside it is read; names, addresses and accounts are not printed', async () => {
	const { code, out } = await read(HYBRID_PDF);
	expect(out).toContain(
		': CII in PDF · profile EN 16931 · number 471102 · issued 2018-03-05 · payable 529.87 EUR · valid',
	);
	expect(out).toContain('1 file(s): 1 read, 1 e-invoice(s) (1 valid, 0 invalid)');
	expect(out).not.toContain('Lieferant GmbH');
	expect(out).not.toMatch(/DE\d{20}/);
	expect(code).toBe(0);
});

test("the corpus's plain PDF: read, and reported as not an e-invoice (exit code 0)", async () => {
	const { code, out } = await read(join(ZUGFERD_CORPUS, 'unstructured'));
	expect(out).toContain(
		// Read as a plain invoice: what its text says (the PDF prints them: Rechnungsnummer,
		// Rechnungsdatum, Fälligkeitsdatum, Netto 87,39 + USt. 16,61 = Brutto 104,00 €).
		'- RE-E-974-Hetzner_2016-01-19_R0005532486.pdf: not an e-invoice (The PDF has no embedded e-invoice.); recognised in its text: number R0005532486 (0.85) · issued 2016-01-19 (0.85) · due 2016-01-22 (0.85) · gross 104 EUR (0.95)',
	);
	expect(out).toContain(
		'1 file(s): 1 read, 0 e-invoice(s) (0 valid, 0 invalid), 1 not an e-invoice, 0 error(s)',
	);
	expect(code).toBe(0);
});

test('--schema also checks the XML against its schema: a date in a local format is named with its line', async () => {
	const dir = tempDir('invoice-read-schema-');
	const broken = join(dir, 'local-date.ubl.xml');
	const ubl = readFileSync(join(XML_RECHNUNG, 'UBL', 'EN16931_Einfach.ubl.xml'), 'utf8');
	writeFileSync(broken, ubl.replace(/<cbc:IssueDate>[^<]*</, '<cbc:IssueDate>05.03.2018<'));
	// No business rule looks at the date's format: without --schema the file passes.
	expect((await read(broken)).out).toMatch(/^✓ .*local-date\.ubl\.xml: UBL · .* · valid$/m);
	const out = join(dir, 'out.json');
	const run = await read(broken, HYBRID_PDF, '--schema', '--json', out);
	expect(run.out).toMatch(/^! .*local-date\.ubl\.xml: UBL · .* · invalid: XSD$/m);
	expect(run.out).toContain(
		': CII in PDF · profile EN 16931 · number 471102 · issued 2018-03-05 · payable 529.87 EUR · valid',
	);
	expect(run.code).toBe(0);
	const [local, pdf] = JSON.parse(readFileSync(out, 'utf8'));
	expect(local.validation).toMatchObject({ status: 'invalid', schema: 'UBL 2.1 Invoice' });
	expect(local.validation.findings[0].message).toContain(
		"'05.03.2018' is not a valid value of the atomic type 'xs:date'",
	);
	expect(pdf.validation).toMatchObject({ status: 'valid', schema: 'UN/CEFACT CII D16B' });
	expect(pdf.validation.rulesChecked[0]).toBe('XSD');
});

test('--json writes the full results as a JSON array, one per file, with the file it came from', async () => {
	const out = join(tempDir('invoice-read-'), 'out.json');
	const cii = join(XML_RECHNUNG, 'CII');
	const run = await read(cii, '--json', out);
	expect(run.out).toContain(`✓ wrote ${corpusFiles(cii).length} result(s) to ${out}`);
	expect(run.code).toBe(0);
	const results = JSON.parse(readFileSync(out, 'utf8'));
	expect(results).toHaveLength(corpusFiles(cii).length);
	expect(results.find((r: { file: string }) => r.file === 'EN16931_Einfach.cii.xml')).toMatchObject(
		{
			isEInvoice: true,
			source: { container: 'xml', syntax: 'CII', profile: 'EN 16931' },
			number: '471102',
			issueDate: '2018-03-05',
			currency: 'EUR',
			seller: { name: 'Lieferant GmbH' },
			totals: { payable: 529.87 },
			validation: { status: 'valid', findings: [] },
		},
	);
});

test('bad input: a missing path, an empty folder, a text file; each says what happened, the exit code says nothing was read', async () => {
	const dir = tempDir('invoice-read-');
	const missing = await read(join(dir, 'nope'));
	expect(missing.out).toContain(
		'nope: does not exist. Give the path of a PDF or XML file, or of a folder holding some.',
	);
	expect(missing.code).toBe(1);

	const empty = await read(dir);
	expect(empty.out).toContain('no PDF or XML file in this folder (or its sub-folders)');
	expect(empty.code).toBe(1);

	const text = join(dir, 'notes.txt');
	writeFileSync(text, 'Rechnung 471102, bitte bezahlen\n');
	const alone = await read(text);
	expect(alone.out).toContain(
		'notes.txt: neither a PDF nor an XML file; only PDF and XML invoices are read',
	);
	expect(alone.out).toContain('✗ None of the files could be read');
	expect(alone.out).not.toContain('bitte bezahlen');
	expect(alone.code).toBe(1);

	// With a file that is read beside it, the run succeeds and counts the other as an error.
	const mixed = await read(text, HYBRID_PDF);
	expect(mixed.out).toContain(
		'2 file(s): 1 read, 1 e-invoice(s) (1 valid, 0 invalid), 0 not an e-invoice, 1 error(s)',
	);
	expect(mixed.code).toBe(0);
});

test('wrong arguments: exit code 2, and --help documents the exit codes', async () => {
	const none = await read();
	expect(none.out).toContain('✗ No file or folder given.');
	expect(none.code).toBe(2);
	const noValue = await read(HYBRID_PDF, '--json');
	expect(noValue.out).toContain('--json');
	expect(noValue.code).toBe(2);
	const help = await read('--help');
	expect(help.out).toMatch(
		/exit codes:\n {2}0 .*\n {2}1 {2}nothing could be read.*\n.*\n {2}2 {2}wrong arguments/,
	);
	expect(help.code).toBe(0);
});
