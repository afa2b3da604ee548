import { CII } from '../cii/cii-paths';
import { at, attrAt, children, textAt, type XmlElement } from '../xml/xml-element';

/**
 * One additional supporting document (BG-24) as the XML writes it, before its attachment is
 * decoded. The paths are EN 16931's syntax bindings as the official validation artefacts test
 * them (rules 1.3.x: BR-52, CII-SR-475/476, UBL-SR-33/43).
 */
export interface SupportingSource {
	/** BT-122 */
	id?: string;
	/** BT-123 */
	description?: string;
	/** BT-124 */
	url?: string;
	/** BT-125: the element holding the base64 text, with BT-125-1 mimeCode and BT-125-2 filename. */
	binary?: XmlElement;
}

/**
 * CII: the header agreement's AdditionalReferencedDocument with TypeCode 916. The same element
 * with TypeCode 50 is the tender or lot reference (BT-17) and with 130 the invoiced object
 * (BT-18): other terms, left out. ZUGFeRD 1 writes the id as ID.
 */
export function ciiSupportingSources(agreement: XmlElement | undefined): SupportingSource[] {
	return children(agreement, 'AdditionalReferencedDocument')
		.filter((doc) => textAt(doc, 'TypeCode') === '916')
		.map((doc) => ({
			id: textAt(doc, CII.documentId),
			description: textAt(doc, 'Name'),
			url: textAt(doc, 'URIID'),
			binary: at(doc, 'AttachmentBinaryObject'),
		}));
}

/**
 * UBL: every AdditionalDocumentReference but the invoiced object (DocumentTypeCode 130, BT-18)
 * and, in a CreditNote, the tender or lot reference (DocumentTypeCode 50, BT-17; an Invoice
 * has OriginatorDocumentReference for it), as UBL-SR-43 tells them apart.
 */
export function ublSupportingSources(root: XmlElement): SupportingSource[] {
	const creditNote = root.name === 'CreditNote';
	return children(root, 'AdditionalDocumentReference')
		.filter((doc) => {
			const code = textAt(doc, 'DocumentTypeCode');
			return code !== '130' && !(creditNote && code === '50');
		})
		.map((doc) => ({
			id: textAt(doc, 'ID'),
			description: textAt(doc, 'DocumentDescription'),
			url: textAt(doc, 'Attachment/ExternalReference/URI'),
			binary: at(doc, 'Attachment/EmbeddedDocumentBinaryObject'),
		}));
}

/** BT-125-2, or BT-122 when the filename is missing (an invalid invoice): something to name it by. */
export function attachmentName(source: SupportingSource, index: number): string {
	return attrAt(source.binary, '', 'filename') || source.id || `attachment-${index + 1}`;
}

export function attachmentMimeType(source: SupportingSource): string | undefined {
	return attrAt(source.binary, '', 'mimeCode') || undefined;
}
