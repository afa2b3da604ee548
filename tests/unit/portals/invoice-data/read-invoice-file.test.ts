import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { readInvoiceFile, type InvoiceReadResult } from '../../../../portals/invoice-data';
import { hybridPdf } from './hybrid-pdf';
import { ciiInvoice, ublInvoice } from './invoice-xml';

/** Reading any invoice file: a hybrid PDF's embedded XML, found however the PDF lists it. */

function invoice(result: InvoiceReadResult) {
	if (!result.isEInvoice) throw new Error(`not read: ${result.error.message}`);
	return result;
}

function failure(result: InvoiceReadResult) {
	if (result.isEInvoice) throw new Error('read as an e-invoice');
	return result;
}

const NOT_AN_INVOICE = '<?xml version="1.0"?><metadata><title>Delivery note</title></metadata>';

test('a Factur-X PDF gives its XML, with the PDF as container and the attachment named', async () => {
	const pdf = await hybridPdf([{ name: 'factur-x.xml', content: ciiInvoice({ number: 'F-1' }) }]);
	const result = invoice(await readInvoiceFile(pdf));
	expect(result.number).toBe('F-1');
	expect(result.source).toMatchObject({
		container: 'pdf',
		attachmentName: 'factur-x.xml',
		syntax: 'CII',
	});
});

test('an attachment listed only in the catalog /AF is found', async () => {
	const pdf = await hybridPdf([
		{ name: 'factur-x.xml', content: ciiInvoice({ number: 'AF-1' }), via: 'af' },
	]);
	expect(invoice(await readInvoiceFile(pdf)).number).toBe('AF-1');
});

test('an attachment listed only in the EmbeddedFiles name tree is found, also under its Kids', async () => {
	const only = [{ name: 'zugferd-invoice.xml', content: ciiInvoice({ number: 'N-1' }) }];
	const flat = await hybridPdf(only.map((a) => ({ ...a, via: 'names' as const })));
	const nested = await hybridPdf(
		only.map((a) => ({ ...a, via: 'names' as const })),
		{ kids: true },
	);
	expect(invoice(await readInvoiceFile(flat)).number).toBe('N-1');
	expect(invoice(await readInvoiceFile(nested)).number).toBe('N-1');
});

test.each(['ZUGFeRD-invoice.xml', 'FACTUR-X.XML', 'XRechnung.xml', 'rechnung_2024-17.xml'])(
	'the invoice is found under the name %s',
	async (name) => {
		const pdf = await hybridPdf([{ name, content: ciiInvoice({ number: 'C-1' }) }]);
		const result = invoice(await readInvoiceFile(pdf));
		expect(result.source.attachmentName).toBe(name);
		expect(result.number).toBe('C-1');
	},
);

test('a non-invoice XML beside the invoice is not taken for it, listed first or not', async () => {
	const pdf = await hybridPdf([
		{ name: 'metadata.xml', content: NOT_AN_INVOICE },
		{ name: 'invoice.xml', content: ublInvoice({ number: 'U-1' }) },
	]);
	const result = invoice(await readInvoiceFile(pdf));
	expect(result.source).toMatchObject({ attachmentName: 'invoice.xml', syntax: 'UBL' });
	expect(result.number).toBe('U-1');
});

test('the other attachments are described by name, type, size and SHA-256, not included', async () => {
	const photo = Buffer.from('not really a PNG, but bytes all the same');
	const pdf = await hybridPdf([
		{ name: 'factur-x.xml', content: ciiInvoice() },
		{ name: 'Aufmass.png', content: photo, mimeType: 'image/png' },
	]);
	const result = invoice(await readInvoiceFile(pdf));
	expect(result.source.otherAttachments).toEqual([
		{
			name: 'Aufmass.png',
			mimeType: 'image/png',
			relationship: 'Alternative',
			size: photo.length,
			sha256: createHash('sha256').update(photo).digest('hex'),
		},
	]);
	expect(JSON.stringify(result)).not.toContain(photo.toString('base64'));
});

test('an invoice under a known name is preferred to another invoice XML', async () => {
	const pdf = await hybridPdf([
		{ name: 'copy.xml', content: ciiInvoice({ number: 'COPY' }) },
		{ name: 'factur-x.xml', content: ciiInvoice({ number: 'REAL' }) },
	]);
	expect(invoice(await readInvoiceFile(pdf)).number).toBe('REAL');
});

test('a PDF whose attachments hold no e-invoice says it has no embedded e-invoice', async () => {
	const pdf = await hybridPdf([
		{ name: 'metadata.xml', content: NOT_AN_INVOICE },
		{ name: 'photo.png', content: Buffer.from([0x89, 0x50]), mimeType: 'image/png' },
	]);
	expect(failure(await readInvoiceFile(pdf))).toEqual({
		isEInvoice: false,
		container: 'pdf',
		attachments: ['metadata.xml', 'photo.png'],
		error: {
			code: 'no-embedded-invoice',
			message: 'The PDF has no embedded e-invoice (its attachments: metadata.xml, photo.png).',
		},
		// Read as a plain PDF next: this one has no text (docs/invoice-data.md, Plain PDF invoices).
		text: expect.objectContaining({ status: 'no-text-layer' }),
	});
});

test('a PDF without attachments is no e-invoice', async () => {
	const doc = await PDFDocument.create();
	doc.addPage();
	const pdf = Buffer.from(await doc.save());
	expect(failure(await readInvoiceFile(pdf)).error).toEqual({
		code: 'no-embedded-invoice',
		message: 'The PDF has no embedded e-invoice.',
	});
});
