import { sha256 } from '../../core/collection/files';
import type { SupportingDocument } from '../invoice-data';
import { InvoiceReadError } from '../read-error';
import { compact } from '../values';
import { BASE64_CAPS, base64Bytes, type Base64Caps } from './base64-bytes';
import { attachmentMimeType, attachmentName, type SupportingSource } from './supporting-sources';

/** One attachment decoded: its bytes, or why there are none. */
export interface DecodedAttachment {
	name: string;
	mimeType?: string;
	bytes?: Buffer;
	error?: string;
}

/**
 * Decodes the attachments (BT-125) in document order under the caps: each at most `caps.each`
 * bytes, all together at most `caps.total`; one that is not base64 or would pass a cap gets an
 * `error` and the others are still read. undefined for a document without attachment.
 */
export function decodeAttachments(
	sources: SupportingSource[],
	caps: Base64Caps = BASE64_CAPS,
): (DecodedAttachment | undefined)[] {
	let total = 0;
	return sources.map((source, index) => {
		if (!source.binary) return undefined;
		const base: DecodedAttachment = {
			name: attachmentName(source, index),
			...(attachmentMimeType(source) ? { mimeType: attachmentMimeType(source) } : {}),
		};
		try {
			const left = Math.min(caps.each, caps.total - total);
			const bytes = base64Bytes(source.binary.text, base.name, left);
			total += bytes.length;
			return { ...base, bytes };
		} catch (e) {
			if (!(e instanceof InvoiceReadError)) throw e;
			return { ...base, error: e.message };
		}
	});
}

/**
 * BG-24 for the JSON: each document's reference, description and address, and its attachment
 * described by name, type, size and SHA-256, never its bytes (the node hands those out as files,
 * supporting-files.ts). undefined when the invoice has none, so that the JSON leaves it out.
 */
export function describeSupportingDocuments(
	sources: SupportingSource[],
	caps: Base64Caps = BASE64_CAPS,
): SupportingDocument[] | undefined {
	if (sources.length === 0) return undefined;
	const decoded = decodeAttachments(sources, caps);
	return sources.map((source, index) => {
		const file = decoded[index];
		const attachment = file && {
			name: file.name,
			...(file.mimeType ? { mimeType: file.mimeType } : {}),
			...(file.bytes
				? { size: file.bytes.length, sha256: sha256(file.bytes) }
				: { error: file.error }),
		};
		return (
			compact<SupportingDocument>({
				id: source.id,
				description: source.description,
				url: source.url,
				attachment,
			}) ?? ({} as SupportingDocument)
		);
	});
}
