import { createHash } from 'node:crypto';
import type { PortalDocument } from '../contract/documents';
import { PortalError } from '../outcomes/errors';
import { DEFAULT_MAX_FILE_BYTES } from '../contract/raw-file';
import {
	DEFAULT_ACCEPTS,
	KIND_MIME_TYPES,
	KIND_NAMES,
	type FileKind,
} from '../contract/file-kinds';
import { checkCsv, checkXml, checkZip, decodeText, looksLikeText } from './kind-checks';

export interface FileCheck {
	mimeType: string;
	extension: string;
	kind: FileKind;
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

/**
 * What a body is by its first bytes: a kind of document, a web page, or nothing this package
 * reads. Between the two text kinds the declared type decides where it names one (HTML served
 * as CSV is then checked, and refused, as CSV), else a start with `<` is XML.
 */
function sniff(body: Buffer, declared: string): FileKind | 'webPage' | 'text' | undefined {
	if (startsAsPdf(body)) return 'pdf';
	// A file header, or the end of a directory of nothing (an empty archive).
	if (['PK\x03\x04', 'PK\x05\x06'].includes(body.subarray(0, 4).toString('latin1'))) return 'zip';
	if (startsAsWebPage(body)) return 'webPage';
	const start = decodeText(body.subarray(0, 1024)).trimStart();
	if (!looksLikeText(start)) return undefined;
	if (/^(?:text|application)\/(?:csv|comma-separated-values)$/.test(declared)) return 'csv';
	if (/^(?:text|application)\/(?:[\w.-]+\+)?xml$/.test(declared)) return 'xml';
	if (start.startsWith('<')) return 'xml';
	// JSON is text with commas too, and no statement.
	if (/^[{[]/.test(start)) return undefined;
	// Undeclared text is CSV only when it reads as CSV: "Session expired" or "Not found" is not.
	return passes(() => checkCsv(body)) ? 'csv' : 'text';
}

function passes(check: () => void): boolean {
	try {
		check();
		return true;
	} catch {
		return false;
	}
}

/**
 * Plain text that is no document is mostly a portal's error message. It is not quoted: such a
 * message may carry a session or reset token.
 */
const PLAIN_TEXT =
	'The portal sent plain text, not a document (often an error message such as an ended session or a missing file).';

/** Each kind's own check, beyond the signature sniff() read. */
function checkKind(kind: FileKind, body: Buffer): void {
	if (kind === 'pdf' && body.subarray(-1024).indexOf('%%EOF') === -1)
		throw new PortalError(
			'INVALID_FILE',
			'The PDF is cut off (no end-of-file marker): the download was incomplete.',
		);
	if (kind === 'xml') checkXml(body);
	if (kind === 'zip') checkZip(body);
	if (kind === 'csv') checkCsv(body);
}

/**
 * Decides what a downloaded body really is, by its first bytes whatever the server claims, and
 * checks it as that kind (kind-checks.ts): a PDF starts with `%PDF-` (startsAsPdf) and ends with
 * `%%EOF`; a ZIP archive starts with a file header and has a readable directory; XML is
 * well-formed and not XHTML; a CSV file is text with one delimiter. A body that starts as a web
 * page is one (startsAsWebPage), and is never delivered as any kind; a body announced as a PDF
 * must be one. A kind the portal does not accept (a definition's `documents.accepts`, PDF alone
 * by default) is refused, saying how to take it.
 */
export function checkFile(
	body: Buffer,
	declaredType: string | undefined,
	maxBytes = DEFAULT_MAX_FILE_BYTES,
	accepts: readonly FileKind[] = DEFAULT_ACCEPTS,
): FileCheck {
	if (body.length === 0) throw new PortalError('INVALID_FILE', 'The portal sent an empty file.');
	if (body.length > maxBytes) {
		throw new PortalError(
			'INVALID_FILE',
			`The file is ${body.length} bytes, above the limit of ${maxBytes} bytes.`,
		);
	}
	const declared = (declaredType ?? '').split(';')[0].trim().toLowerCase();
	const kind = sniff(body, declared);
	if (kind === 'webPage' || (kind !== 'pdf' && declared === 'text/html'))
		throw new PortalError('INVALID_FILE', WEB_PAGE);
	if (kind === 'text')
		throw new PortalError(
			'INVALID_FILE',
			declared === '' || declared === 'application/pdf'
				? `${PLAIN_TEXT} The file was announced as a PDF but is not one.`
				: PLAIN_TEXT,
		);
	if (kind !== 'pdf' && (declared === 'application/pdf' || (!kind && declared === '')))
		throw new PortalError('INVALID_FILE', 'The file was announced as a PDF but is not one.');
	if (!kind)
		throw new PortalError(
			'INVALID_FILE',
			`The portal sent a file of type "${declared}", which is none of the kinds this package reads (PDF, XML, ZIP, CSV).`,
		);
	if (!accepts.includes(kind))
		throw new PortalError(
			'INVALID_FILE',
			`The portal sent ${KIND_NAMES[kind]}, which this portal does not take (it takes ${accepts.join(', ')}). A definition names the kinds it takes in documents.accepts.`,
		);
	checkKind(kind, body);
	return { mimeType: KIND_MIME_TYPES[kind], extension: kind, kind };
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
