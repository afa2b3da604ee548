import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile } from '../../../../../portals/core/collection/files';
import {
	MAX_ZIP_ENTRIES,
	MAX_ZIP_UNPACKED_BYTES,
	zipEntries,
} from '../../../../../portals/core/collection/zip-directory';
import { renderPdf } from '../../../../../testbeds/demo-portal/pdf';
import { storedZip } from '../../../../../testbeds/demo-portal/zip';
import { tempDir } from '../../../../helpers/temp-dir';

/**
 * Issue 33, "not only PDFs": XML, ZIP and CSV files are documents too, each checked by its own
 * signature, and only where the portal accepts that kind. A web page is never any of them.
 */
const ALL = ['pdf', 'xml', 'zip', 'csv'] as const;
const corpora = join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'corpora');
const UBL = join(corpora, 'zugferd-corpus', 'XML-Rechnung', 'UBL', 'XRECHNUNG_Einfach.ubl.xml');
const statement = Buffer.from(
	'Date;Number;Amount\n2026-03-01;INV-1;"12,50"\n2026-04-01;"INV-2; corrected";19,90\n',
);
const refused = (body: Buffer, type: string, why: RegExp) =>
	expect(() => checkFile(body, type, undefined, ALL)).toThrow(
		expect.objectContaining({ code: 'INVALID_FILE', message: expect.stringMatching(why) }),
	);

describe('ZIP archives', () => {
	test('an archive written by another tool (Python zipfile, deflated) is listed without unpacking', () => {
		const dir = tempDir('zip-');
		writeFileSync(join(dir, 'a.pdf'), renderPdf(['Invoice A']));
		writeFileSync(join(dir, 'b.xml'), readFileSync(UBL));
		execFileSync('python3', [
			'-m',
			'zipfile',
			'-c',
			join(dir, 'x.zip'),
			join(dir, 'a.pdf'),
			join(dir, 'b.xml'),
		]);
		const body = readFileSync(join(dir, 'x.zip'));
		expect(zipEntries(body).map((e) => e.name)).toEqual(['a.pdf', 'b.xml']);
		expect(checkFile(body, 'application/octet-stream', undefined, ALL)).toEqual({
			mimeType: 'application/zip',
			extension: 'zip',
			kind: 'zip',
		});
	});

	test('a real archive of more than the entry limit (a Java library from Debian) is refused', () => {
		const jar = readFileSync('/usr/share/java/Saxon-HE.jar');
		refused(jar, 'application/zip', new RegExp(`more than the limit of ${MAX_ZIP_ENTRIES}`));
	});

	test('an archive that declares gigabytes once unpacked (a ZIP bomb) is refused', () => {
		const bomb = storedZip(
			Array.from({ length: 3 }, (_, i) => ({ name: `part${i}.xml`, data: Buffer.from('<a/>') })),
			() => 0xfffffff0,
		);
		refused(bomb, 'application/zip', new RegExp(`more than ${MAX_ZIP_UNPACKED_BYTES} bytes`));
	});

	/** The central-directory entry of a one-file storedZip: right after its only local file. */
	const centralAt = (zip: Buffer) => zip.length - 22 - (46 + 'a.csv'.length);
	const patched = (edit: (zip: Buffer, central: number) => void) => {
		const zip = storedZip([{ name: 'a.csv', data: Buffer.alloc(8192, 0x41) }]);
		edit(zip, centralAt(zip));
		return zip;
	};

	test('an entry whose packed data is far larger than its declared unpacked size is refused', () => {
		// A bomb that tells both headers it unpacks to 1 KB passes the sum of declared sizes.
		const bomb = patched((zip, central) => {
			zip.writeUInt32LE(1024, central + 24);
			zip.writeUInt32LE(1024, 22);
		});
		refused(bomb, 'application/zip', /smaller unpacked than packed/);
		// A stored entry, where packed equals unpacked, is fine.
		expect(zipEntries(patched(() => undefined))).toEqual([{ name: 'a.csv', unpackedBytes: 8192 }]);
	});

	test.each([
		['a name', (zip: Buffer) => zip.write('b', 30)],
		['an unpacked size', (zip: Buffer) => zip.writeUInt32LE(8191, 22)],
		['a packed size', (zip: Buffer) => zip.writeUInt32LE(8191, 18)],
	])('a file header whose %s differs from the directory is refused', (_what, edit) => {
		refused(patched(edit), 'application/zip', /file header and directory disagree/);
	});

	test.each([
		[
			'cut off before its directory',
			(zip: Buffer) => zip.subarray(0, zip.length - 30),
			/no central directory/,
		],
		[
			'a name leaving its folder',
			() => storedZip([{ name: '../../etc/x', data: Buffer.from('x') }]),
			/outside its folder/,
		],
		['an empty archive', () => storedZip([]), /holds no files/],
	])('%s is refused', (_what, make, why) => {
		const zip = storedZip([{ name: 'a.csv', data: statement }]);
		refused(make(zip), 'application/zip', why);
	});
});

describe('CSV statements', () => {
	test('UTF-8 and Latin-1 statements with quoted delimiters are CSV', () => {
		for (const body of [statement, Buffer.from('Datum\tBetrag\n01.03.2026\t12,50 €\n', 'latin1')])
			expect(checkFile(body, 'text/csv', undefined, ALL).kind).toBe('csv');
	});

	test.each([
		['a web page served as CSV', '<!doctype html><html><body>Sign in</body></html>', /web page/],
		[
			'an HTML fragment',
			'Date;Amount\n<table><tr><td>1</td></tr></table>\n',
			/web page \(HTML markup\)/,
		],
		[
			'lines that do not agree on a delimiter',
			'Date;Amount\n2026-03-01,12.50,EUR\n',
			/no delimiter/,
		],
		['a single line', 'Date;Amount\n', /fewer than two lines/],
	])('%s is refused', (_what, text, why) => refused(Buffer.from(text), 'text/csv', why));
});

describe('XML, and what is not a document', () => {
	test.each([
		[
			'XHTML served as XML',
			'<?xml version="1.0"?><x:html xmlns:x="http://www.w3.org/1999/xhtml"><x:body/></x:html>',
			/web page \(HTML\)/,
		],
		[
			'a well-formed piece of a page (a table) served as XML',
			'<table><tr><td>Your session has ended.</td></tr></table>',
			/web page \(HTML\)/,
		],
		[
			'a DTD with entities',
			'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>',
			/DTD/,
		],
		[
			'XML that is not well-formed',
			'<?xml version="1.0"?><Invoice><ID>1</Invoice>',
			/not well-formed/,
		],
	])('%s is refused', (_what, text, why) => refused(Buffer.from(text), 'application/xml', why));

	test('a body announced as a PDF must be one, whatever else it is', () => {
		refused(statement, 'application/pdf', /announced as a PDF but is not one/);
	});

	test('binary bytes that are none of the kinds are refused, naming the type', () => {
		refused(
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]),
			'image/png',
			/"image\/png", which is none of the kinds/,
		);
	});

	test.each([
		[
			'no content type',
			'Session expired, please sign in again. token=abc123',
			'',
			/announced as a PDF/,
		],
		['text/plain', 'Not found', 'text/plain', /plain text, not a document/],
	])(
		'an error message as %s is plain text, not a CSV file, and is not quoted',
		(_what, text, type, why) => {
			for (const accepts of [['pdf'] as const, ALL]) {
				let message = '';
				try {
					checkFile(Buffer.from(text), type, undefined, accepts);
				} catch (error) {
					message = (error as Error).message;
				}
				expect(message).toMatch(/plain text, not a document/);
				expect(message).toMatch(why);
				expect(message).not.toMatch(/CSV|accepts|abc123|Not found/);
			}
		},
	);

	test('undeclared text that reads as CSV is still a CSV file', () => {
		expect(checkFile(statement, '', undefined, ALL).kind).toBe('csv');
	});

	test('each kind only where the portal accepts it: PDF alone by default', () => {
		expect(() => checkFile(statement, 'text/csv')).toThrow(
			/a CSV file, which this portal does not take \(it takes pdf\)/,
		);
		expect(checkFile(renderPdf(['x']), 'application/pdf').kind).toBe('pdf');
		expect(() => checkFile(renderPdf(['x']), 'application/pdf', undefined, ['csv'])).toThrow(
			/a PDF, which this portal does not take \(it takes csv\)/,
		);
	});
});
