import { startsAsPdf } from '../core/collection/files';
import type { InvoiceReadResult } from './invoice-data';
import { readPlainPdf } from './plain-pdf/read-plain-pdf';
import { readPdfInvoice } from './pdf/read-pdf-invoice';
import { InvoiceReadError } from './read-error';
import { readInvoiceXml } from './read-invoice-xml';
import { withSchemaValidation } from './validation/schema/with-schema';

/** What the caller knows of the file; used for messages only, never to decide what it is. */
export interface InvoiceFileHint {
	fileName?: string;
	mimeType?: string;
}

export interface InvoiceReadOptions {
	/**
	 * Also check the XML against its schema (CII D16B, UBL 2.1; validation/schema/): libxml2 in
	 * WebAssembly, in a worker thread, about half a second per file, so asked for, not by default.
	 */
	schema?: boolean;
	/**
	 * Given the e-invoice's XML (an XML file's bytes, or the one embedded in a hybrid PDF) when
	 * one is found: what supportingDocumentFiles reads the attachments' bytes from.
	 */
	onInvoiceXml?: (xml: Buffer) => void;
}

/**
 * Reads any invoice file: a hybrid PDF's embedded e-invoice XML, or an XML file. What the file
 * is comes from its bytes (a PDF starts with `%PDF-`), not from its name or declared type, which
 * portals and mail clients get wrong. Never throws: what cannot be read is `isEInvoice: false`
 * with `error: { code, message }`. A PDF without embedded e-invoice is `no-embedded-invoice`,
 * read as a plain invoice: `text` (its text layer) and `recognized` (the fields found in it).
 */
export async function readInvoiceFile(
	body: Buffer,
	hint: InvoiceFileHint = {},
	options: InvoiceReadOptions = {},
): Promise<InvoiceReadResult> {
	let xml: Buffer | undefined;
	const result = await readEither(body, hint, (found) => {
		xml = found;
		options.onInvoiceXml?.(found);
	});
	if (!options.schema || !result.isEInvoice || !xml) return result;
	return withSchemaValidation(result, xml);
}

async function readEither(
	body: Buffer,
	hint: InvoiceFileHint,
	onInvoiceXml: (xml: Buffer) => void,
): Promise<InvoiceReadResult> {
	if (!startsAsPdf(body)) {
		if (declaredPdf(hint)) {
			return {
				isEInvoice: false,
				error: { code: 'malformed', message: 'The file is named a PDF but is not one.' },
			};
		}
		onInvoiceXml(body);
		return readInvoiceXml(body);
	}
	try {
		const result = await readPdfInvoice(body, onInvoiceXml);
		if (result.isEInvoice || result.error.code !== 'no-embedded-invoice') return result;
		return { ...result, ...(await readPlainPdf(body)) };
	} catch (e) {
		const error =
			e instanceof InvoiceReadError
				? { code: e.code, message: e.message }
				: { code: 'unreadable', message: `The PDF could not be read: ${(e as Error)?.message}` };
		return { isEInvoice: false, error, container: 'pdf' };
	}
}

function declaredPdf(hint: InvoiceFileHint): boolean {
	return /pdf/i.test(hint.mimeType ?? '') || /\.pdf$/i.test(hint.fileName ?? '');
}
