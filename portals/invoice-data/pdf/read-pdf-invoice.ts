import { EncryptedPDFError, ParseSpeeds, PDFDict, PDFDocument } from 'pdf-lib';
import type { InvoiceReadFailure, InvoiceReadResult } from '../invoice-data';
import { readInvoiceXml } from '../read-invoice-xml';
import { InvoiceReadError } from '../read-error';
import { refuseInflatingStructure } from './compressed-object-guard';
import { embeddedFiles, type EmbeddedFile } from './embedded-files';
import { describeOtherAttachments } from './other-attachments';
import { MAX_ATTACHMENT_BYTES, MAX_PDF_BYTES } from './pdf-limits';
import { streamBytes } from './stream-bytes';

/**
 * The names e-invoice standards give their XML, in lower case (compared without case), newest
 * standard first: a PDF that carries both a ZUGFeRD 1 and a Factur-X XML is read as Factur-X.
 */
const KNOWN_NAMES = ['factur-x.xml', 'xrechnung.xml', 'zugferd-invoice.xml'];
const knownRank = (f: EmbeddedFile) => KNOWN_NAMES.indexOf(f.name.trim().toLowerCase());

/**
 * Reads the e-invoice XML embedded in a hybrid PDF (Factur-X, ZUGFeRD, XRechnung). The XML is
 * the attachment readInvoiceXml reads as an e-invoice, whatever its name: the known names are
 * tried first, then any other XML, so a non-invoice XML beside the invoice is never taken for it.
 * Throws InvoiceReadError for a PDF that cannot be opened; the caller turns it into a result.
 */
export async function readPdfInvoice(
	body: Buffer,
	onInvoiceXml?: (xml: Buffer) => void,
): Promise<InvoiceReadResult> {
	if (body.length > MAX_PDF_BYTES) {
		throw new InvoiceReadError(
			'too-large',
			`The PDF is ${body.length} bytes, above the limit of ${MAX_PDF_BYTES} bytes.`,
		);
	}
	const doc = await openPdf(body);
	const files = embeddedFiles(doc);
	const failures: { file: EmbeddedFile; error: InvoiceReadFailure['error'] }[] = [];
	for (const file of candidates(files)) {
		const result = readAttachment(file);
		if (result.isEInvoice) {
			// The invoice's XML again, for a caller that checks it against its schema.
			if (onInvoiceXml && file.stream) {
				onInvoiceXml(streamBytes(file.stream, file.name, MAX_ATTACHMENT_BYTES));
			}
			const others = describeOtherAttachments(files, file);
			return {
				...result,
				source: {
					...result.source,
					container: 'pdf',
					attachmentName: file.name,
					...(others.length ? { otherAttachments: others } : {}),
				},
			};
		}
		failures.push({ file, error: result.error });
	}
	return noInvoice(files, failures);
}

/**
 * Opens a PDF under the caps (its compressed structure checked first), refusing encrypted and
 * catalog-less files; also used to hand on the other attachments' bytes (attachment-files.ts).
 */
export async function openPdf(body: Buffer): Promise<PDFDocument> {
	refuseInflatingStructure(body);
	let doc: PDFDocument;
	try {
		doc = await PDFDocument.load(body, {
			ignoreEncryption: true,
			updateMetadata: false,
			// Parse without yielding: the file is capped, and yielding every 100 objects is slow.
			parseSpeed: ParseSpeeds.Fastest,
		});
	} catch (e) {
		if (e instanceof EncryptedPDFError) throw encrypted();
		throw new InvoiceReadError('malformed', `The PDF cannot be read: ${(e as Error).message}`);
	}
	// pdf-lib does not decrypt: an encrypted PDF's attachments would be ciphertext.
	if (doc.isEncrypted) throw encrypted();
	// A file cut short may parse, but without its trailer there is no catalog to start from.
	if (!((doc.catalog as unknown) instanceof PDFDict)) {
		throw new InvoiceReadError('malformed', 'The PDF cannot be read: it has no document catalog.');
	}
	return doc;
}

const encrypted = () =>
	new InvoiceReadError('encrypted', 'The PDF is encrypted; its attachments are not read.');

/** Known e-invoice names first, then other XML by name or type; not XML at all is skipped. */
function candidates(files: EmbeddedFile[]): EmbeddedFile[] {
	const known = files.filter((f) => knownRank(f) >= 0).sort((a, b) => knownRank(a) - knownRank(b));
	const xmlish = (f: EmbeddedFile) =>
		/\.xml$/i.test(f.name.trim()) || /xml/i.test(f.mimeType ?? '');
	return [...known, ...files.filter((f) => knownRank(f) < 0 && xmlish(f))];
}

function readAttachment(file: EmbeddedFile): InvoiceReadResult {
	if (!file.stream) {
		return {
			isEInvoice: false,
			error: { code: 'malformed', message: `The embedded file ${file.name} has no content.` },
		};
	}
	try {
		return readInvoiceXml(streamBytes(file.stream, file.name, MAX_ATTACHMENT_BYTES));
	} catch (e) {
		if (!(e instanceof InvoiceReadError)) throw e;
		return { isEInvoice: false, error: { code: e.code, message: e.message } };
	}
}

/**
 * No attachment is an e-invoice. An attachment under a known e-invoice name that could not be
 * read (too large, not well-formed) is the answer's error, as it is most likely the invoice;
 * otherwise the PDF is said to carry no embedded e-invoice. The attachments' names are given.
 */
function noInvoice(
	files: EmbeddedFile[],
	failures: { file: EmbeddedFile; error: InvoiceReadFailure['error'] }[],
): InvoiceReadFailure {
	const attachments = files.map((f) => f.name);
	const known = failures.find(({ file }) => knownRank(file) >= 0);
	const bomb = failures.find(({ error }) => error.code === 'too-large');
	const cause = known ?? bomb;
	if (cause) {
		return { isEInvoice: false, error: cause.error, container: 'pdf', attachments };
	}
	const listed = attachments.length ? ` (its attachments: ${attachments.join(', ')})` : '';
	return {
		isEInvoice: false,
		error: {
			code: 'no-embedded-invoice',
			message: `The PDF has no embedded e-invoice${listed}.`,
		},
		container: 'pdf',
		attachments,
	};
}
