import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readInvoiceFile, type InvoiceReadResult } from '../../../portals/invoice-data';
import { tempDir } from '../../helpers/temp-dir';

/** A hybrid PDF's embedded XML, as our reader found it and read it. */
export interface EmbeddedXml {
	pdf: string;
	/** The XML as found in the PDF, byte for byte. */
	xml: Buffer;
	/** Our reading of the PDF (the same as of its XML). */
	read: InvoiceReadResult;
	/** A copy of the XML in a temp folder, for tools that read files (Saxon). */
	file: string;
	/** Set when the copy differs from the embedded bytes: what was changed and why. */
	rewritten?: string;
}

/**
 * An encoding name Saxon (Java) does not know: one ZUGFeRD corpus PDF declares
 * `encoding="UTF-8-W/O-BOM"` (its bytes are plain UTF-8 without byte-order mark). Our reader
 * decodes it as UTF-8; Saxon refuses the file. So the copy given to Saxon, and only that copy,
 * declares `UTF-8`: the same bytes otherwise, so the official rules judge the same invoice.
 */
const UNKNOWN_TO_JAVA = /^(<\?xml[^>]*encoding=["'])UTF-8-W\/O-BOM(["'])/;

/**
 * Reads every PDF with our own reader (readInvoiceFile, as the node does) and writes the XML it
 * finds to a temp folder, one numbered file per PDF. PDFs without embedded XML are left out.
 */
export async function extractEmbeddedXml(pdfs: string[]): Promise<EmbeddedXml[]> {
	const folder = tempDir('embedded-xml-');
	const found: EmbeddedXml[] = [];
	for (const [i, pdf] of pdfs.entries()) {
		let xml: Buffer | undefined;
		const read = await readInvoiceFile(
			readFileSync(pdf),
			{ fileName: basename(pdf) },
			{
				onInvoiceXml: (bytes) => (xml = bytes),
			},
		);
		if (!xml) continue;
		const file = join(folder, `${String(i).padStart(4, '0')}.xml`);
		// Only the declaration changes; the bytes after it are written as found.
		const head = UNKNOWN_TO_JAVA.exec(xml.subarray(0, 200).toString('latin1'));
		const body = head
			? Buffer.concat([Buffer.from(`${head[1]}UTF-8${head[2]}`), xml.subarray(head[0].length)])
			: xml;
		writeFileSync(file, body);
		found.push({
			pdf,
			xml,
			read,
			file,
			...(head ? { rewritten: 'its encoding UTF-8-W/O-BOM declared as UTF-8 for Saxon' } : {}),
		});
	}
	return found;
}
