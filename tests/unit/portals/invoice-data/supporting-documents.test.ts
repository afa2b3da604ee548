import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	readInvoiceXml,
	supportingDocumentFiles,
	type InvoiceData,
} from '../../../../portals/invoice-data';
import { base64Bytes } from '../../../../portals/invoice-data/supporting/base64-bytes';

/*
 * BG-24, additional supporting documents, read from the public corpora: what the reader says of
 * each attachment (name, type, size, SHA-256) against the base64 in the file, found and decoded
 * here with a regular expression and Node's decoder, not with the reader's XML parser.
 */
const corpora = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpora');
const ZUGFERD = join(corpora, 'zugferd-corpus');
const XRECHNUNG = join(corpora, 'xrechnung-testsuite', 'src', 'test');
const TRAVEL_CII = join(ZUGFERD, 'XML-Rechnung', 'CII', 'XRECHNUNG_Reisekostenabrechnung.cii.xml');
const TRAVEL_UBL = join(ZUGFERD, 'XML-Rechnung', 'UBL', 'XRECHNUNG_Reisekostenabrechnung.ubl.xml');

function xmlFiles(dir: string): string[] {
	if (!existsSync(dir))
		throw new Error(`The corpus folder ${dir} is missing: see ../shared/corpora/README.md.`);
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((e) => e.isFile() && e.name.endsWith('.xml'))
		.map((e) => join(e.parentPath, e.name))
		.sort();
}

const BINARY =
	/<(?:[\w.-]+:)?(?:AttachmentBinaryObject|EmbeddedDocumentBinaryObject)\b([^>]*)>([^<]*)</g;
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The attachments as the file writes them, in document order. */
function attachmentsInText(text: string) {
	return [...text.matchAll(BINARY)].map(([, attrs, base64]) => {
		const bytes = Buffer.from(base64.replace(/\s/g, ''), 'base64');
		return {
			name: attr(attrs, 'filename'),
			mimeType: attr(attrs, 'mimeCode'),
			size: bytes.length,
			sha256: sha256(bytes),
		};
	});
}

function read(xml: Buffer | string): InvoiceData {
	const result = readInvoiceXml(xml);
	if (!result.isEInvoice) throw new Error(result.error.message);
	return result;
}

const withAttachments = [...xmlFiles(ZUGFERD), ...xmlFiles(XRECHNUNG)].filter((file) =>
	/BinaryObject\b/.test(readFileSync(file, 'latin1')),
);

test('every corpus e-invoice with attachments: each one described by name, type, size and the SHA-256 of its bytes', () => {
	// 45 files hold a binary object; the FatturaPA one is no e-invoice we read.
	expect(withAttachments.length).toBeGreaterThanOrEqual(40);
	let checked = 0;
	for (const file of withAttachments) {
		const text = readFileSync(file, 'utf8');
		const result = readInvoiceXml(text);
		if (!result.isEInvoice) continue;
		const described = (result.supportingDocuments ?? [])
			.filter((doc) => doc.attachment)
			.map((doc) => doc.attachment);
		expect({ file, described }).toEqual({ file, described: attachmentsInText(text) });
		checked += described.length;
	}
	expect(checked).toBeGreaterThanOrEqual(40);
});

test('the travel expense report: both syntaxes give the same two receipts, with reference and description', () => {
	const expected = [
		{ id: 'Hotelrechung', description: 'Hotelrechnung', name: 'Hotelrechnung-Immo.pdf' },
		{
			id: 'Taxi-Nue-und-Berlin',
			description: 'Taxi-Nue-und-Berlin',
			name: 'Taxi-Nue-und-Berlin.pdf',
		},
	];
	for (const file of [TRAVEL_CII, TRAVEL_UBL]) {
		const docs = read(readFileSync(file)).supportingDocuments!;
		expect(
			docs.map((d) => ({ id: d.id, description: d.description, name: d.attachment?.name })),
		).toEqual(expected);
		expect(docs.map((d) => d.attachment?.mimeType)).toEqual(['application/pdf', 'application/pdf']);
		// The receipts are PDFs themselves: the decoded bytes start as one.
		const files = supportingDocumentFiles(readFileSync(file), 10);
		expect(files.map((f) => f?.bytes?.subarray(0, 5).toString())).toEqual(['%PDF-', '%PDF-']);
		expect(files.map((f) => sha256(f!.bytes!))).toEqual(docs.map((d) => d.attachment?.sha256));
	}
});

test('the tender (BT-17) and invoiced-object (BT-18) references are not supporting documents; the address (BT-124) is read in both syntaxes', () => {
	const cius = join(XRECHNUNG, 'technical-cases', 'cius');
	for (const twin of ['ubl', 'uncefact']) {
		const file = join(cius, `01.01_comprehensive_test_${twin}.xml`);
		const text = readFileSync(file, 'utf8');
		// The file refers to the tender ANG987654321 and the invoiced object OK987654321 too.
		expect(text).toContain('OK987654321');
		const docs = read(text).supportingDocuments!;
		expect(docs.map(({ attachment, ...doc }) => ({ ...doc, name: attachment?.name }))).toEqual(
			[1, 2].map((n) => ({
				id: `01_15_Anhang_0${n}.pdf`,
				description: 'Aufschlüsselung der einzelnen Leistungspositionen',
				url: 'https://xeinkauf.de/xrechnung/',
				name: `01_15_Anhang_0${n}.pdf`,
			})),
		);
	}
});

/** The eicar invoice of the corpus, with its one attachment's base64 replaced by `base64`. */
function eicarWith(base64: string): string {
	const text = readFileSync(join(ZUGFERD, 'other', 'eicar.cii.xml'), 'utf8');
	return text.replace(
		/(<ram:AttachmentBinaryObject[^>]*>)[^<]*/,
		(_, open: string) => open + base64,
	);
}

test('an attachment that is not base64 is its own error: the invoice and its other fields still read', () => {
	// A character outside the alphabet, a length no encoder writes, base64url's '-' (which
	// Node's own decoder would silently drop).
	for (const broken of ['WDVP!VAl', 'WDVPIVA', 'WDVP-IVAl']) {
		const invoice = read(eicarWith(broken));
		expect(invoice.number).toBeDefined();
		expect(invoice.supportingDocuments).toEqual([
			{
				id: 'eicar.com',
				description: 'Additional file attachment',
				attachment: {
					name: 'eicar.com',
					mimeType: 'application/octet-stream',
					error: 'The attachment eicar.com is not valid base64.',
				},
			},
		]);
		expect(supportingDocumentFiles(Buffer.from(eicarWith(broken)), 10)[0]).toEqual({
			name: 'eicar.com',
			mimeType: 'application/octet-stream',
			error: 'The attachment eicar.com is not valid base64.',
		});
	}
});

test('a huge attachment: 19 MiB of base64 in one invoice (just under the XML cap) is decoded and hashed, not refused', () => {
	const bytes = Buffer.alloc(19 * 1024 * 1024 * 0.75, 7);
	const started = Date.now();
	const invoice = read(eicarWith(bytes.toString('base64').replace(/(.{76})/g, '$1\n')));
	expect(invoice.supportingDocuments?.[0].attachment).toMatchObject({
		size: bytes.length,
		sha256: sha256(bytes),
	});
	expect(Date.now() - started).toBeLessThan(30_000);
});

test('an attachment over the bytes left is refused from its length, before it is decoded', () => {
	const text = Buffer.alloc(3000, 1).toString('base64');
	expect(() => base64Bytes(text, 'big.bin', 2999)).toThrow(
		'The attachment big.bin is 3000 bytes, more than the 2999 left to read.',
	);
	expect(base64Bytes(text, 'big.bin', 3000)).toHaveLength(3000);
});

test('more attachments than files handed out: the first ones have bytes, the others say why not', () => {
	const one = /<ram:AdditionalReferencedDocument>[\s\S]*?<\/ram:AdditionalReferencedDocument>/;
	const text = readFileSync(join(ZUGFERD, 'other', 'eicar.cii.xml'), 'utf8');
	const doc = one.exec(text)![0];
	const twelve = text.replace(one, Array.from({ length: 12 }, () => doc).join('\n'));
	expect(read(twelve).supportingDocuments).toHaveLength(12);
	const files = supportingDocumentFiles(Buffer.from(twelve), 10);
	expect(files.filter((f) => f?.bytes).length).toBe(10);
	expect(files.slice(10).map((f) => f?.error)).toEqual([
		'Only the first 10 supporting documents are output as files.',
		'Only the first 10 supporting documents are output as files.',
	]);
	expect(files[0]!.bytes!.toString('latin1')).toContain('EICAR-STANDARD-ANTIVIRUS-TEST-FILE');
});
