import { sha256 } from '../../core/collection/files';
import type { PdfAttachment } from '../invoice-data';
import { InvoiceReadError } from '../read-error';
import type { EmbeddedFile } from './embedded-files';
import { MAX_ATTACHMENT_BYTES } from './pdf-limits';
import { streamBytes } from './stream-bytes';

/** All other attachments together, inflated: hashing them must not outgrow one big PDF. */
export const MAX_OTHER_ATTACHMENTS_BYTES = 64 * 1024 * 1024;

/**
 * What else the PDF carries beside its e-invoice XML (a timesheet, a delivery note, a photo):
 * name, type, relationship, size and SHA-256 of each, so a workflow can tell them apart and spot
 * a duplicate without the bytes being put in the JSON. One that cannot be read, or would take
 * the total past its cap, is listed with an `error` instead of a size.
 */
export function describeOtherAttachments(
	files: EmbeddedFile[],
	invoice: EmbeddedFile,
): PdfAttachment[] {
	let total = 0;
	return files
		.filter((f) => f !== invoice)
		.map((file) => {
			const base: PdfAttachment = {
				name: file.name,
				...(file.mimeType ? { mimeType: file.mimeType } : {}),
				...(file.relationship ? { relationship: file.relationship } : {}),
			};
			if (!file.stream) return { ...base, error: 'The embedded file has no content.' };
			const left = Math.min(MAX_ATTACHMENT_BYTES, MAX_OTHER_ATTACHMENTS_BYTES - total);
			try {
				const bytes = streamBytes(file.stream, file.name, left);
				total += bytes.length;
				return { ...base, size: bytes.length, sha256: sha256(bytes) };
			} catch (e) {
				if (!(e instanceof InvoiceReadError)) throw e;
				return { ...base, error: e.message };
			}
		});
}
