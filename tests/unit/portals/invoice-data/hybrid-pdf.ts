import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFHexString, PDFName, PDFString, type PDFRef } from 'pdf-lib';

/** One embedded file of a test PDF, and where the PDF lists it. */
export interface Attachment {
	name: string;
	content: string | Buffer;
	/** The name tree, the catalog's /AF, or both (the default). */
	via?: 'names' | 'af' | 'both';
	/** Already-deflated bytes to store as they are (for a "zip bomb"); otherwise deflated here. */
	deflated?: Buffer;
	mimeType?: string;
}

/**
 * A small PDF with embedded files, built with pdf-lib the way Factur-X writers do (a file
 * specification with /EF, listed in /Names /EmbeddedFiles and /AF), so each test controls which
 * of the two lists a file is in. Name tree entries may be split into Kids with `kids: true`.
 */
export async function hybridPdf(
	attachments: Attachment[],
	options: { kids?: boolean } = {},
): Promise<Buffer> {
	const doc = await PDFDocument.create();
	doc.addPage();
	const ctx = doc.context;
	const names: (PDFString | PDFRef)[] = [];
	const af: PDFRef[] = [];
	for (const a of attachments) {
		const raw = Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content, 'utf8');
		const stream = ctx.stream(a.deflated ?? deflateSync(raw), {
			Type: 'EmbeddedFile',
			Subtype: a.mimeType ?? 'text/xml',
			Filter: 'FlateDecode',
		});
		const spec = ctx.register(
			ctx.obj({
				Type: 'Filespec',
				F: PDFString.of(a.name),
				UF: PDFHexString.fromText(a.name),
				EF: { F: ctx.register(stream) },
				AFRelationship: 'Alternative',
			}),
		);
		if (a.via !== 'af') names.push(PDFString.of(a.name), spec);
		if (a.via !== 'names') af.push(spec);
	}
	if (names.length) {
		const leaf = ctx.obj({ Names: names });
		const tree = options.kids ? ctx.obj({ Kids: [ctx.register(leaf)] }) : leaf;
		doc.catalog.set(PDFName.of('Names'), ctx.obj({ EmbeddedFiles: tree }));
	}
	if (af.length) doc.catalog.set(PDFName.of('AF'), ctx.obj(af));
	return Buffer.from(await doc.save({ useObjectStreams: false }));
}
