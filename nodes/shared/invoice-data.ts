import type {
	IBinaryKeyData,
	IDataObject,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import type { DownloadedDocument } from '../../portals/core/contract/documents';
import type { InvoiceData, InvoiceFileHint, InvoiceReadResult } from '../../portals/invoice-data';
import { startsAsPdf } from '../../portals/core/collection/files';
import {
	MAX_ATTACHMENT_BINARIES,
	pdfAttachmentBinaries,
	supportingBinaries,
} from './invoice-binaries';
import type { BinaryContext } from './items';

export { MAX_ATTACHMENT_BINARIES };

/**
 * The most bytes a file may have to be read: the reader's PDF cap (MAX_PDF_BYTES, its largest;
 * XML is capped lower, inside the reader). Written out here so that checking a size does not
 * load the reader (tests/unit/nodes/shared/invoice-data.test.ts keeps the two equal).
 */
export const MAX_INVOICE_FILE_BYTES = 50 * 1024 * 1024;

/** The option on Download and on the trigger (in their Options collection, never a credential's rule). */
export const readInvoiceDataOption: INodeProperties = {
	displayName: 'Read Invoice Data',
	name: 'readInvoiceData',
	type: 'boolean',
	default: false,
	description:
		'Whether to read each document as an e-invoice (Factur-X, ZUGFeRD, XRechnung, Peppol) and add its data as "invoice" (number, dates, parties, totals, VAT, lines, payment, validation); files it carries (a PDF\'s other attachments, the supporting documents in its XML) go out as extra binary fields. A document that is not one still arrives, with invoice.error.',
};

/** What reading one file gives an item: the JSON, and the binaries of its attached files. */
export interface InvoiceReading {
	invoice: IDataObject;
	binaries: IBinaryKeyData;
	/** An e-invoice read without its schema check, and its XML: for a later check of many. */
	unchecked?: { invoice: InvoiceData; xml: Buffer };
}

/**
 * Reads one file (PDF or XML) into the `invoice` JSON with the engine's reader, which never
 * throws: a file it cannot read is `isEInvoice: false` with `error: { code, message }`. The PDF's
 * other attachments become binaries named `<field>_attachment_<n>`, the supporting documents
 * attached in the XML (BG-24) `<field>_supporting_<n>` (invoice-binaries.ts).
 */
export async function readInvoiceInto(
	ctx: BinaryContext,
	bytes: Buffer,
	hint: InvoiceFileHint,
	binaryField: string,
	withAttachments = true,
	// The XSD check (libxml2 in WebAssembly, in a worker): on unless the user turns it off, since
	// "valid" should mean what the official validators mean by it.
	schema = true,
): Promise<InvoiceReading> {
	if (!looksLikeInvoiceFile(bytes, hint.mimeType))
		return { invoice: notInvoiceFile(hint), binaries: {} };
	// Loaded when first asked for (pdf-lib, the XML parser): n8n loads the node at start, and most
	// workflows never read an invoice.
	const { readInvoiceFile } = await import('../../portals/invoice-data');
	let xml: Buffer | undefined;
	const onInvoiceXml = (found: Buffer) => (xml = found);
	const result = await readInvoiceFile(bytes, hint, { schema, onInvoiceXml });
	const binaries: IBinaryKeyData = {};
	if (withAttachments && result.isEInvoice) {
		if (result.source.container === 'pdf')
			await pdfAttachmentBinaries(ctx, bytes, result, binaryField, binaries);
		await supportingBinaries(ctx, xml, result, binaryField, binaries);
	}
	const unchecked = !schema && result.isEInvoice && xml ? { invoice: result, xml } : undefined;
	return { invoice: asJson(result), binaries, ...(unchecked ? { unchecked } : {}) };
}

/**
 * Download's and the trigger's Read Invoice Data: each downloaded document's item gets
 * `invoice`, and its attached files as binaries. The document is delivered whatever happens
 * here: a file that cannot be read is `invoice.error`, never a lost item. One at a time: reading
 * is work for the CPU, and n8n runs other executions beside this one.
 */
export async function addInvoiceData(
	ctx: BinaryContext,
	items: INodeExecutionData[],
	docs: DownloadedDocument[],
	binaryField: string,
): Promise<void> {
	const toCheck: { index: number; invoice: InvoiceData; xml: Buffer }[] = [];
	for (const [index, doc] of docs.entries()) {
		const item = items[index];
		try {
			const hint = { fileName: doc.fileName, mimeType: doc.mimeType };
			// The schema is checked afterwards for all of them at once (one run parses it once).
			const reading = await readInvoiceInto(ctx, doc.data, hint, binaryField, true, false);
			item.json.invoice = reading.invoice;
			item.binary = { ...item.binary, ...reading.binaries };
			if (reading.unchecked) toCheck.push({ index, ...reading.unchecked });
		} catch (e) {
			item.json.invoice = unreadable(e);
		}
	}
	if (!toCheck.length) return;
	const { withSchemaValidations } = await import('../../portals/invoice-data');
	const checked = await withSchemaValidations(toCheck);
	toCheck.forEach(({ index }, k) => {
		// What the reading added (binaryField, notOutput of attachments) stays; validation is new.
		const invoice = items[index].json.invoice as IDataObject;
		invoice.validation = asJson(checked[k]).validation;
	});
}

function unreadable(e: unknown): IDataObject {
	return {
		isEInvoice: false,
		error: {
			code: 'unreadable',
			message: `The file could not be read: ${(e as Error)?.message ?? e}`,
		},
	};
}

/** The result as the plain JSON n8n stores (fields left undefined are gone). */
function asJson(result: InvoiceReadResult): IDataObject {
	return JSON.parse(JSON.stringify(result)) as IDataObject;
}

/**
 * A PDF (by its first bytes), or text that starts as XML after a BOM and blanks, or a file
 * declared XML: the reader decides the rest. A picture or a spreadsheet is not read as XML, which
 * would only say "not well-formed".
 */
export function looksLikeInvoiceFile(bytes: Buffer, mimeType?: string): boolean {
	if (startsAsPdf(bytes)) return true;
	const start = bytes
		.subarray(0, 64)
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.trimStart();
	return start.startsWith('<') || /xml/i.test(mimeType ?? '');
}

function notInvoiceFile(hint: InvoiceFileHint): IDataObject {
	const name = hint.fileName ? ` (${hint.fileName})` : '';
	return {
		isEInvoice: false,
		error: {
			code: 'not-pdf-or-xml',
			message: `The file${name} is neither a PDF nor an XML file: only PDF and XML invoices are read.`,
		},
	};
}
