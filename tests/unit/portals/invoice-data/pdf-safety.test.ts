import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import {
	MAX_ATTACHMENT_BYTES,
	MAX_OBJECT_STREAM_BYTES,
	MAX_PDF_BYTES,
	readInvoiceFile,
	type InvoiceReadResult,
} from '../../../../portals/invoice-data';
import { hybridPdf } from './hybrid-pdf';
import { ciiInvoice } from './invoice-xml';

/** A hostile or broken PDF is that file's error: never an exception, never inflated whole. */

function failure(result: InvoiceReadResult) {
	if (result.isEInvoice) throw new Error('read as an e-invoice');
	return result;
}

test('a "zip bomb" attachment is refused without being inflated past the cap', async () => {
	// A few tens of kilobytes that would inflate to more than the cap.
	const bomb = deflateSync(Buffer.alloc(MAX_ATTACHMENT_BYTES + 1024 * 1024), { level: 9 });
	expect(bomb.length).toBeLessThan(100_000);
	const pdf = await hybridPdf([{ name: 'factur-x.xml', content: '', deflated: bomb }]);
	const before = process.memoryUsage().rss;
	const result = failure(await readInvoiceFile(pdf));
	expect(result.error).toEqual({
		code: 'too-large',
		message: `The embedded file factur-x.xml inflates to more than ${MAX_ATTACHMENT_BYTES} bytes; it is not read.`,
	});
	expect(result.attachments).toEqual(['factur-x.xml']);
	// Holding the whole inflated file would take more than the cap again.
	expect(process.memoryUsage().rss - before).toBeLessThan(MAX_ATTACHMENT_BYTES * 2);
});

test('a "zip bomb" object stream is refused before pdf-lib would inflate it', async () => {
	const bomb = deflateSync(Buffer.alloc(MAX_OBJECT_STREAM_BYTES + 1024 * 1024), { level: 9 });
	const pdf = Buffer.concat([
		Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
		Buffer.from(
			`2 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`,
		),
		bomb,
		Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
	]);
	expect(failure(await readInvoiceFile(pdf)).error).toEqual({
		code: 'too-large',
		message: `The PDF has a compressed object stream that inflates to more than ${MAX_OBJECT_STREAM_BYTES} bytes; it is not read.`,
	});
});

test('a bomb beside the real invoice does not stop the invoice being read', async () => {
	const bomb = deflateSync(Buffer.alloc(MAX_ATTACHMENT_BYTES + 1), { level: 9 });
	const pdf = await hybridPdf([
		{ name: 'other.xml', content: '', deflated: bomb },
		{ name: 'factur-x.xml', content: ciiInvoice({ number: 'OK-1' }) },
	]);
	const result = await readInvoiceFile(pdf);
	expect(result.isEInvoice && result.number).toBe('OK-1');
});

test('a truncated PDF is an error result, never an exception', async () => {
	const pdf = await hybridPdf([{ name: 'factur-x.xml', content: ciiInvoice() }]);
	for (const length of [8, 64, Math.floor(pdf.length / 2), pdf.length - 40]) {
		const result = failure(await readInvoiceFile(pdf.subarray(0, length)));
		expect(result.container).toBe('pdf');
		expect(['malformed', 'no-embedded-invoice']).toContain(result.error.code);
	}
});

test('an attachment cut short in its compressed stream is that attachment error', async () => {
	const cut = deflateSync(Buffer.from(ciiInvoice())).subarray(0, 200);
	const pdf = await hybridPdf([{ name: 'factur-x.xml', content: '', deflated: cut }]);
	expect(failure(await readInvoiceFile(pdf)).error.code).toBe('malformed');
});

test('an encrypted PDF is refused: its attachments would be ciphertext', async () => {
	const doc = await PDFDocument.create();
	doc.addPage();
	doc.context.trailerInfo.Encrypt = doc.context.obj({ Filter: PDFName.of('Standard'), V: 2 });
	const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
	expect(failure(await readInvoiceFile(pdf)).error).toEqual({
		code: 'encrypted',
		message: 'The PDF is encrypted; its attachments are not read.',
	});
});

test('a PDF over the size cap is refused before it is parsed', async () => {
	const big = Buffer.alloc(MAX_PDF_BYTES + 1, 0x20);
	Buffer.from('%PDF-1.7\n').copy(big);
	expect(failure(await readInvoiceFile(big)).error.code).toBe('too-large');
});

test('XML is read as XML; a file named a PDF that is none says so', async () => {
	const xml = Buffer.from(ciiInvoice({ number: 'X-1' }));
	const result = await readInvoiceFile(xml, { fileName: 'invoice.xml' });
	expect(result.isEInvoice && result.source.container).toBe('xml');
	const fake = Buffer.from('<html><body>Session expired</body></html>');
	expect(failure(await readInvoiceFile(fake, { fileName: 'invoice.pdf' })).error).toEqual({
		code: 'malformed',
		message: 'The file is named a PDF but is not one.',
	});
});
