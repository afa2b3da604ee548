import { InvoiceReadError } from '../read-error';
import { embeddedFiles } from './embedded-files';
import { MAX_OTHER_ATTACHMENTS_BYTES } from './other-attachments';
import { MAX_ATTACHMENT_BYTES } from './pdf-limits';
import { openPdf } from './read-pdf-invoice';
import { streamBytes } from './stream-bytes';

/** An embedded file of a hybrid PDF beside its e-invoice, with its bytes when they could be read. */
export interface AttachmentFile {
	name: string;
	mimeType?: string;
	relationship?: string;
	bytes?: Buffer;
	/** Why there are no bytes: too large, not inflatable, over the count or the total. */
	error?: string;
}

/**
 * The bytes of a hybrid PDF's other embedded files (a timesheet, a delivery note), for a caller
 * that hands them on as files (the n8n node's extra binaries). readInvoiceFile only describes
 * them, so the JSON never carries bytes; this opens the PDF again, only when there is something
 * to hand on, under the same caps: each file at most MAX_ATTACHMENT_BYTES inflated, all together
 * at most MAX_OTHER_ATTACHMENTS_BYTES, and at most `maxFiles` of them (the others get an error).
 * The e-invoice's own XML (`invoiceName`, as the result's `source.attachmentName`) is left out;
 * the order is that of `source.otherAttachments`. Throws InvoiceReadError for a PDF that cannot
 * be opened, which cannot happen for one readInvoiceFile has just read.
 */
export async function otherAttachmentFiles(
	body: Buffer,
	invoiceName: string,
	maxFiles: number,
): Promise<AttachmentFile[]> {
	const files = embeddedFiles(await openPdf(body));
	const invoice = files.find((f) => f.name === invoiceName);
	let total = 0;
	return files
		.filter((f) => f !== invoice)
		.map((file, index) => {
			const base: AttachmentFile = {
				name: file.name,
				...(file.mimeType ? { mimeType: file.mimeType } : {}),
				...(file.relationship ? { relationship: file.relationship } : {}),
			};
			if (index >= maxFiles)
				return { ...base, error: `Only the first ${maxFiles} attachments are output as files.` };
			if (!file.stream) return { ...base, error: 'The embedded file has no content.' };
			const left = Math.min(MAX_ATTACHMENT_BYTES, MAX_OTHER_ATTACHMENTS_BYTES - total);
			try {
				const bytes = streamBytes(file.stream, file.name, left);
				total += bytes.length;
				return { ...base, bytes };
			} catch (e) {
				if (!(e instanceof InvoiceReadError)) throw e;
				return { ...base, error: e.message };
			}
		});
}
