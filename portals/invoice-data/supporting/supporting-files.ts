import { CII } from '../cii/cii-paths';
import { syntaxOf } from '../syntax';
import { at, type XmlElement } from '../xml/xml-element';
import { parseXml } from '../xml/parse-xml';
import { decodeAttachments, type DecodedAttachment } from './supporting-documents';
import {
	attachmentMimeType,
	attachmentName,
	ciiSupportingSources,
	ublSupportingSources,
	type SupportingSource,
} from './supporting-sources';

/** The supporting documents of a parsed invoice, whichever its syntax. */
export function supportingSources(root: XmlElement): SupportingSource[] {
	if (syntaxOf(root) === 'UBL') return ublSupportingSources(root);
	return ciiSupportingSources(at(at(root, CII.transaction), CII.agreement));
}

/**
 * The bytes of an e-invoice's attached supporting documents (BT-125), for a caller that hands
 * them on as files (the n8n node's extra binaries). The reader only describes them, so the JSON
 * never carries bytes; this parses the XML again (`InvoiceReadOptions.onInvoiceXml` gives it, a
 * hybrid PDF's too) and decodes under the same caps. One entry per `supportingDocuments` entry,
 * in its order: undefined where the document has no attachment; after `maxFiles` attachments the
 * others get an error instead of bytes. Throws InvoiceReadError for an XML that cannot be
 * parsed, which cannot happen for one readInvoiceFile has just read.
 */
export function supportingDocumentFiles(
	xml: Buffer,
	maxFiles: number,
): (DecodedAttachment | undefined)[] {
	const sources = supportingSources(parseXml(xml));
	// Only the first maxFiles attachments are decoded: the others would be dropped anyway.
	let count = 0;
	const over = sources.map((s) => s.binary !== undefined && count++ >= maxFiles);
	const decoded = decodeAttachments(
		sources.map((s, index) => (over[index] ? { ...s, binary: undefined } : s)),
	);
	return sources.map((source, index) => {
		if (!over[index]) return decoded[index];
		const mimeType = attachmentMimeType(source);
		return {
			name: attachmentName(source, index),
			...(mimeType ? { mimeType } : {}),
			error: `Only the first ${maxFiles} supporting documents are output as files.`,
		};
	});
}
