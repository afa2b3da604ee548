import { createHash } from 'node:crypto';
import type { PortalDocument } from '../contract/documents';
import { PortalError } from '../outcomes/errors';
import { DEFAULT_MAX_FILE_BYTES } from '../contract/raw-file';

export interface FileCheck {
	mimeType: string;
	extension: string;
}

/**
 * What may come before `%PDF-`. Real PDF writers put nothing there: all 149 PDFs of the public
 * e-invoice corpora (ZUGFeRD/Factur-X/XRechnung, ../shared/corpora) start with `%PDF-` at byte 0.
 * What portals do add is a server-side artefact, not a writer's: a script that prints a UTF-8 BOM
 * or a stray line break before the file (a PHP include with a BOM or a newline after `?>`). So a
 * BOM and a few whitespace bytes are allowed, nothing else: the 1024 bytes of junk Adobe's readers
 * tolerate would let a web page with `%PDF-` in its title pass as a PDF.
 */
const PDF_START = /^(?:\xef\xbb\xbf)?[ \t\r\n]{0,8}%PDF-/;

export function startsAsPdf(body: Buffer): boolean {
	return PDF_START.test(body.subarray(0, 16).toString('latin1'));
}

/**
 * Whether the file's start is a web page's: `<!doctype html`, `<html`, `<head` or `<body`, after
 * at most a BOM, whitespace, an XML declaration (XHTML) and comments. Decided by the bytes, not
 * the content type: portals that lost the session answer with their login page as "application/pdf".
 */
export function startsAsWebPage(body: Buffer): boolean {
	const text = body.subarray(0, 1024).toString('utf8').toLowerCase();
	const rest = text.replace(/^\ufeff?(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->)*/, '');
	return /^<(?:!doctype\s+html|html|head|body)(?=[\s>/]|$)/.test(rest);
}

const WEB_PAGE =
	'The portal sent a web page instead of a document (often its login page after the session ended).';

/** Document types other than PDF, taken as the portal declares them (XML e-invoices, CSV statements). */
const OTHER_TYPES: Record<string, string> = {
	'application/xml': 'xml',
	'text/xml': 'xml',
	'text/csv': 'csv',
	'application/zip': 'zip',
};

/**
 * Decides what a downloaded body really is, by its first bytes whatever the server claims: a PDF
 * starts with `%PDF-` (startsAsPdf) and ends with `%%EOF`; a body that starts as a web page is
 * one (startsAsWebPage); other documents are taken by their declared type (OTHER_TYPES).
 */
export function checkFile(
	body: Buffer,
	declaredType: string | undefined,
	maxBytes = DEFAULT_MAX_FILE_BYTES,
): FileCheck {
	if (body.length === 0) throw new PortalError('INVALID_FILE', 'The portal sent an empty file.');
	if (body.length > maxBytes) {
		throw new PortalError(
			'INVALID_FILE',
			`The file is ${body.length} bytes, above the limit of ${maxBytes} bytes.`,
		);
	}
	if (startsAsPdf(body)) {
		if (body.subarray(-1024).indexOf('%%EOF') === -1) {
			throw new PortalError(
				'INVALID_FILE',
				'The PDF is cut off (no end-of-file marker): the download was incomplete.',
			);
		}
		return { mimeType: 'application/pdf', extension: 'pdf' };
	}
	const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
	if (startsAsWebPage(body) || declared === 'text/html')
		throw new PortalError('INVALID_FILE', WEB_PAGE);
	if (declared === 'application/pdf' || declared === '') {
		throw new PortalError('INVALID_FILE', 'The file was announced as a PDF but is not one.');
	}
	const extension = OTHER_TYPES[declared];
	if (!extension)
		throw new PortalError(
			'INVALID_FILE',
			`The portal sent a file of type "${declared}", which is not a document type this package accepts.`,
		);
	return { mimeType: declared, extension };
}

export function sha256(body: Buffer): string {
	return createHash('sha256').update(body).digest('hex');
}

/**
 * Makes a piece of a file name safe on every file system: no path separators, no control
 * characters, no leading dots, bounded length. Portal data is untrusted.
 */
export function safeFileNamePart(value: string, maxLength = 60): string {
	const cleaned = value
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/\.{2,}/g, '.')
		.replace(/^[.-]+|[.-]+$/g, '');
	return cleaned.slice(0, maxLength) || 'document';
}

/** A document type's extension at the end of a name: numbers read from a link's file name carry one. */
const DOCUMENT_EXTENSION = /\.(?:pdf|xml|csv|zip)$/i;

/**
 * e.g. `2026-03-01_demo-telecom_INV-2026-0042.pdf`: date, the portal's name in file names (its
 * slug, or an Automatic portal's site), the number. The extension comes once, from the file's
 * type: a number read from a file name (`RE-2026-0003.pdf`) loses its own.
 */
export function documentFileName(
	doc: Pick<PortalDocument, 'issueDate' | 'number' | 'id'>,
	portal: string,
	extension: string,
): string {
	const number = (doc.number || doc.id).trim().replace(DOCUMENT_EXTENSION, '');
	return `${safeFileNamePart(doc.issueDate, 10)}_${safeFileNamePart(portal, 40)}_${safeFileNamePart(number)}.${extension}`;
}
