import type { XMLValidator as Validator } from 'fast-xml-parser';
import { PortalError } from '../outcomes/errors';
import { zipEntries } from './zip-directory';

/**
 * The checks of the document kinds besides PDF (files.ts checks PDFs and web pages). Each
 * refuses with INVALID_FILE and says why; none unpacks, fetches or expands anything.
 */

/**
 * fast-xml-parser is loaded on the first XML file, not with the engine: n8n loads every node at
 * start, and most portals deliver only PDFs (tests/unit/nodes/shared/invoice-data.test.ts).
 */
function xmlValidator(): typeof Validator {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require('fast-xml-parser') as typeof import('fast-xml-parser')).XMLValidator;
}

/** No e-invoice comes near this (the invoice-data reader's own limit); a bigger one is refused unparsed. */
export const MAX_XML_BYTES = 20 * 1024 * 1024;
/** The lines a CSV file's delimiter is judged by. */
const CSV_SAMPLE_LINES = 20;
const CSV_SAMPLE_BYTES = 64 * 1024;
const CSV_DELIMITERS = [';', ',', '\t', '|'];

const invalid = (message: string) => new PortalError('INVALID_FILE', message);

/** Text with no NUL and no control characters but tab and line ends: not a binary file. */
export function looksLikeText(sample: string): boolean {
	// eslint-disable-next-line no-control-regex
	return !/[\x00-\x08\x0b\x0e-\x1f]/.test(sample);
}

/** UTF-8 where the bytes are valid UTF-8, else Latin-1 (older CSV exports), without a BOM. */
export function decodeText(body: Buffer): string {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		text = body.toString('latin1');
	}
	return text.replace(/^\ufeff/, '');
}

/** HTML markup near the start of a text file: a web page, or a fragment of one, is no CSV. */
function hasHtmlMarkup(text: string): boolean {
	return /<(?:!doctype\s+html|html|head|body|script|table|div|form|meta|title)(?=[\s>/])/i.test(
		text.slice(0, 4096),
	);
}

/** Root elements of web pages and of their fragments; no e-invoice format uses these names. */
const HTML_ROOTS = new Set(
	'html head body div table p span form section article main ul ol a h1 h2 h3 script style iframe'.split(
		' ',
	),
);

/** The name of the first element after the XML declaration, comments and processing instructions. */
function rootName(text: string): string | undefined {
	const rest = text.replace(/^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->)*/, '');
	return /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1];
}

/**
 * An XML document: well-formed (fast-xml-parser's validator), no DTD (e-invoices never carry
 * one: no entity expansion, no external entity), a root that is not HTML (XHTML is a web
 * page), at most MAX_XML_BYTES.
 */
export function checkXml(body: Buffer): void {
	if (body.length > MAX_XML_BYTES)
		throw invalid(`The XML file is ${body.length} bytes, above the limit of ${MAX_XML_BYTES}.`);
	const text = decodeText(body);
	if (/<!DOCTYPE/i.test(text))
		throw invalid('The XML file declares a DTD (DOCTYPE); e-invoices never do.');
	const root = rootName(text);
	if (!root) throw invalid('The XML file has no root element.');
	// A page, or a piece of one (a table, a div) that happens to be well-formed.
	if (HTML_ROOTS.has(root.replace(/^[\w.-]+:/, '').toLowerCase()))
		throw invalid('The portal sent a web page (HTML) instead of an XML document.');
	const valid = xmlValidator().validate(text);
	if (valid !== true)
		throw invalid(`The XML file is not well-formed (line ${valid.err.line}): ${valid.err.msg}`);
}

/** A ZIP archive whose directory is readable, within the entry and size limits (zip-directory.ts). */
export function checkZip(body: Buffer): number {
	return zipEntries(body).length;
}

/**
 * A CSV statement: text (UTF-8 or Latin-1), no HTML, at least two lines, and one delimiter
 * (`;`, `,`, tab or `|`) the same number of times on each of the first lines (quoted values,
 * which may hold delimiters and line ends, aside).
 */
export function checkCsv(body: Buffer): void {
	const cut = body.length > CSV_SAMPLE_BYTES;
	const sample = decodeText(body.subarray(0, CSV_SAMPLE_BYTES));
	if (!looksLikeText(sample)) throw invalid('The CSV file is not text (it holds binary bytes).');
	if (hasHtmlMarkup(sample))
		throw invalid('The portal sent a web page (HTML markup) instead of a CSV file.');
	const lines = sample
		.replace(/"(?:[^"]|"")*"/g, '""')
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '');
	// The sample may end in the middle of a line.
	if (cut) lines.pop();
	const judged = lines.slice(0, CSV_SAMPLE_LINES);
	if (judged.length < 2) throw invalid('The CSV file has fewer than two lines.');
	const consistent = CSV_DELIMITERS.find((d) => {
		const counts = judged.map((line) => line.split(d).length - 1);
		return counts[0] > 0 && counts.every((c) => c === counts[0]);
	});
	if (!consistent)
		throw invalid(
			'The CSV file has no delimiter used the same number of times on its first lines.',
		);
}
