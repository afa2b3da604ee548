import { createHash } from 'node:crypto';
import type { PortalDocument } from '../contract/documents';
import { PortalError } from '../outcomes/errors';

/** Default cap for one document; invoices are rarely above a few MB. */
export const DEFAULT_MAX_FILE_BYTES = 25 * 1024 * 1024;

const PDF_MAGIC = Buffer.from('%PDF-');

export interface FileCheck {
	mimeType: string;
	extension: string;
}

/**
 * Decides what a downloaded body really is. A PDF must start with `%PDF-` (within the first
 * KB, as the spec allows leading junk) whatever the server claims: portals that lost the
 * session answer with their HTML login page and a 200.
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
	const head = body.subarray(0, 1024);
	if (head.indexOf(PDF_MAGIC) !== -1) {
		if (body.subarray(-1024).indexOf('%%EOF') === -1) {
			throw new PortalError(
				'INVALID_FILE',
				'The PDF is cut off (no end-of-file marker): the download was incomplete.',
			);
		}
		return { mimeType: 'application/pdf', extension: 'pdf' };
	}
	const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
	const text = head.toString('utf8').trimStart().toLowerCase();
	if (text.startsWith('<!doctype html') || text.startsWith('<html') || declared === 'text/html') {
		throw new PortalError(
			'INVALID_FILE',
			'The portal sent a web page instead of a document (often its login page after the session ended).',
		);
	}
	if (declared === 'application/pdf' || declared === '') {
		throw new PortalError('INVALID_FILE', 'The file was announced as a PDF but is not one.');
	}
	// Non-PDF documents (e.g. XML e-invoices, CSV statements) are taken as the portal declares them.
	const allowed: Record<string, string> = {
		'application/xml': 'xml',
		'text/xml': 'xml',
		'text/csv': 'csv',
		'application/zip': 'zip',
	};
	const extension = allowed[declared];
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

/** e.g. `2026-03-01_demo-telecom_INV-2026-0042.pdf` */
export function documentFileName(
	doc: Pick<PortalDocument, 'issueDate' | 'number' | 'id'>,
	portal: string,
	extension: string,
): string {
	return `${safeFileNamePart(doc.issueDate, 10)}_${safeFileNamePart(portal, 40)}_${safeFileNamePart(doc.number || doc.id)}.${extension}`;
}
