/**
 * The kinds of document file a portal may hand over, each checked by its own signature
 * (core/collection/kind-checks.ts). A definition names those it accepts (`documents.accepts`);
 * everything else, and a web page whatever it claims to be, is refused.
 */
export const FILE_KINDS = ['pdf', 'xml', 'zip', 'csv'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** What a portal is taken to offer when it says nothing: invoices as PDF files. */
export const DEFAULT_ACCEPTS: readonly FileKind[] = ['pdf'];

/** The mime type a delivered file of each kind gets (its extension is the kind's name). */
export const KIND_MIME_TYPES: Record<FileKind, string> = {
	pdf: 'application/pdf',
	xml: 'application/xml',
	zip: 'application/zip',
	csv: 'text/csv',
};

/** How a kind is named in messages. */
export const KIND_NAMES: Record<FileKind, string> = {
	pdf: 'a PDF',
	xml: 'an XML file',
	zip: 'a ZIP archive',
	csv: 'a CSV file',
};
