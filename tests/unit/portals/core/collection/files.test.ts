import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	checkFile,
	documentFileName,
	startsAsPdf,
	startsAsWebPage,
} from '../../../../../portals/core/collection/files';
import { PDF_DRESSED_PAGE } from '../../../../../testbeds/hostile/file-modes';
import { renderPdf } from '../../../../../testbeds/demo-portal/pdf';

/**
 * Issue 35, item 5: a file is what its first bytes say. A PDF starts with `%PDF-` (after at most
 * a BOM and a few blank bytes); a body that starts as a web page is refused, whatever type the
 * portal announced. Item 7: the extension comes once.
 */
const pdf = renderPdf(['Invoice RE-1']);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const CUT_OFF = 'con-ritenuta-acconto-e-cassa-previdenziale.xml';
const corpora = join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'corpora');

/** The corpus's files; a missing corpus fails the test that needs it, never skips it. */
function filesIn(dir: string, ext: RegExp): string[] {
	if (!existsSync(dir))
		throw new Error(
			`The e-invoice corpora are not at ${dir}: the project's clone sits beside ../shared.`,
		);
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && ext.test(e.name))
		.map((e) => join(e.parentPath, e.name));
}

describe('a web page is never a PDF', () => {
	test.each(['application/pdf', 'application/octet-stream', 'text/plain', '', 'application/xml'])(
		'a page with %%PDF-1.7 in its title and %%%%EOF in a comment, served as "%s", is refused as a web page',
		(type) => {
			expect(() => checkFile(Buffer.from(PDF_DRESSED_PAGE), type)).toThrow(
				expect.objectContaining({
					code: 'INVALID_FILE',
					message: expect.stringMatching(/web page/),
				}),
			);
		},
	);

	test.each([
		[
			'a BOM and blank lines before the doctype',
			'\ufeff\r\n\n  <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"><html>',
		],
		['<html> with attributes', '<html lang="de"><title>%PDF-1.4</title>'],
		['<head> first', '\t<head><title>%PDF-1.4</title></head>'],
		['<body> first', '<body>%PDF-1.4</body>'],
		[
			'XHTML behind an XML declaration and a comment',
			'<?xml version="1.0"?>\n<!-- x --><html xmlns="http://www.w3.org/1999/xhtml">',
		],
	])('%s is a web page', (_what, start) => {
		const body = Buffer.from(`${start}\n%PDF-1.7\n%%EOF`);
		expect(startsAsWebPage(body)).toBe(true);
		expect(() => checkFile(body, 'application/pdf')).toThrow(/web page/);
	});

	test('%PDF- further in than a BOM and a few blank bytes is no PDF', () => {
		expect(startsAsPdf(Buffer.concat([Buffer.from('junk\n'), pdf]))).toBe(false);
		expect(startsAsPdf(Buffer.concat([Buffer.from(' '.repeat(9)), pdf]))).toBe(false);
		expect(() => checkFile(Buffer.concat([Buffer.from('junk\n'), pdf]), 'application/pdf')).toThrow(
			/announced as a PDF but is not one/,
		);
	});
});

describe('what real writers and portals send is still taken', () => {
	test('a PDF after a BOM or a stray line break (a server script printed them) is a PDF', () => {
		for (const lead of [BOM, Buffer.from('\r\n'), Buffer.concat([BOM, Buffer.from('\n')])])
			expect(checkFile(Buffer.concat([lead, pdf]), 'application/octet-stream')).toEqual({
				mimeType: 'application/pdf',
				extension: 'pdf',
				kind: 'pdf',
			});
	});

	// ZUGFeRD, Factur-X and XRechnung PDFs from real writers (../shared/corpora, read its README).
	test('every PDF of the e-invoice corpora is a PDF', () => {
		const pdfs = filesIn(join(corpora, 'zugferd-corpus'), /\.pdf$/i);
		expect(pdfs.length).toBeGreaterThan(100);
		const refused = pdfs.filter((file) => {
			try {
				return checkFile(readFileSync(file), 'application/pdf').mimeType !== 'application/pdf';
			} catch {
				return true;
			}
		});
		expect(refused).toEqual([]);
	});

	test('every XML e-invoice of the corpora is XML where XML is accepted, and refused where it is not', () => {
		// One file of the corpus ends in the middle of its root element (xmllint: "Premature end of
		// data"): a cut-off download looks like that, and is refused (below).
		const xmls = filesIn(corpora, /\.xml$/i).filter((f) => !f.endsWith(CUT_OFF));
		expect(xmls.length).toBeGreaterThan(150);
		for (const file of xmls) {
			const body = readFileSync(file);
			expect([file, checkFile(body, 'application/xml', undefined, ['pdf', 'xml'])]).toEqual([
				file,
				{ mimeType: 'application/xml', extension: 'xml', kind: 'xml' },
			]);
			expect(() => checkFile(body, 'text/xml')).toThrow(
				/XML file, which this portal does not take/,
			);
		}
	});
});

test('an XML e-invoice cut off in the middle (one of the corpus has lost its end) is refused', () => {
	const [file] = filesIn(corpora, /\.xml$/i).filter((f) => f.endsWith(CUT_OFF));
	expect(() => checkFile(readFileSync(file), 'application/xml', undefined, ['xml'])).toThrow(
		/The XML file is not well-formed \(line 3\): Unclosed tag 'p:FatturaElettronica'/,
	);
});

describe('file names', () => {
	const doc = { issueDate: '2026-06-12', id: 'h3' };

	test.each(['RE-2026-0003.pdf', 'RE-2026-0003.PDF', ' RE-2026-0003.pdf '])(
		'a number read from a file name (%j) gives the extension once',
		(number) => {
			expect(documentFileName({ ...doc, number }, 'billing-example-com', 'pdf')).toBe(
				'2026-06-12_billing-example-com_RE-2026-0003.pdf',
			);
		},
	);

	test('an XML file named by a number that says .pdf gets .xml alone', () => {
		expect(documentFileName({ ...doc, number: 'RE-1.pdf' }, 'p', 'xml')).toBe(
			'2026-06-12_p_RE-1.xml',
		);
	});
});
