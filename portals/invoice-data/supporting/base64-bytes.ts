import { MAX_OTHER_ATTACHMENTS_BYTES } from '../pdf/other-attachments';
import { MAX_ATTACHMENT_BYTES } from '../pdf/pdf-limits';
import { InvoiceReadError } from '../read-error';

/**
 * The caps on what an invoice's base64 attachments (BT-125) may make us hold, those of a hybrid
 * PDF's attachments: each at most MAX_ATTACHMENT_BYTES decoded, all of one invoice together at
 * most MAX_OTHER_ATTACHMENTS_BYTES. An XML is itself capped (MAX_XML_BYTES), so today these
 * only bite if that cap grows; they keep the decoding safe on its own.
 */
export interface Base64Caps {
	each: number;
	total: number;
}
export const BASE64_CAPS: Base64Caps = {
	each: MAX_ATTACHMENT_BYTES,
	total: MAX_OTHER_ATTACHMENTS_BYTES,
};

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of a base64 text, checked before anything is decoded: the size it decodes to is known
 * from its length, so an oversized one is refused without allocating it. Node's own decoder skips
 * what is not base64 silently; here a character outside the alphabet, or a length no encoder
 * writes, is an error, so that a damaged attachment is never handed on as a file. Whitespace
 * (line breaks every 76 characters, indentation) is allowed, as in XML Schema's base64Binary.
 */
export function base64Bytes(text: string, name: string, left: number): Buffer {
	const clean = text.replace(/[\s]+/g, '');
	if (clean.length % 4 !== 0 || !BASE64.test(clean))
		throw new InvoiceReadError('malformed', `The attachment ${name} is not valid base64.`);
	const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
	const size = (clean.length / 4) * 3 - padding;
	if (size > left)
		throw new InvoiceReadError(
			'too-large',
			`The attachment ${name} is ${size} bytes, more than the ${left} left to read.`,
		);
	return Buffer.from(clean, 'base64');
}
