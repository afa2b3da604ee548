import type { FileKind } from './file-kinds';

export const DOCUMENT_TYPES = [
	'invoice',
	'credit_note',
	'reminder',
	'statement',
	'receipt',
	'contract',
	'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** One document as listed by a portal, before it is downloaded. */
export interface PortalDocument {
	/** Stable across runs: the portal's own id where it has one, scoped to the sub-account. */
	id: string;
	/** Sub-account, customer or contract number the document belongs to ('' when the portal has none). */
	accountId: string;
	/**
	 * The sub-account's name for people ("Household"), where the portal shows one beside its id:
	 * users booking invoices file them by contract name, not number.
	 */
	accountName?: string;
	number: string;
	type: DocumentType;
	/** ISO date (YYYY-MM-DD). */
	issueDate: string;
	dueDate?: string;
	amount?: number;
	currency?: string;
	title?: string;
	/** Absolute URL when the file can be fetched directly; otherwise the adapter downloads it. */
	downloadUrl?: string;
	/** With downloadUrl: the fields of the form that downloads it (POST), e.g. an export button's form. */
	downloadForm?: Record<string, string>;
	/** Adapter-private hint for finding the document again (e.g. the list page it was on). */
	locator?: string;
	/**
	 * Without downloadUrl: the adapter's download needs no page (an API call from Node), so the
	 * collection fetches it while the listing goes on, side by side, like a document with a URL.
	 */
	fetchAlongside?: boolean;
}

/** What of a listed document stays inside the engine. */
type EngineOnly = 'downloadUrl' | 'downloadForm' | 'locator' | 'fetchAlongside';

/** A downloaded, verified file. */
export interface DownloadedDocument extends Omit<PortalDocument, EngineOnly> {
	portal: string;
	fileName: string;
	mimeType: string;
	/** What the file is, by its own signature (file-kinds.ts): pdf, xml, zip or csv. */
	fileKind: FileKind;
	/**
	 * The portal offered no file: its invoice page was printed to PDF in the browser. Said so
	 * here and in the file name, never passed off as the portal's own PDF.
	 */
	printed?: true;
	sha256: string;
	size: number;
	data: Buffer;
}

/** What may leave the engine about a listed document: no download address, form (it carries the
 * portal's CSRF token) or page handle. */
export type DocumentMetadata = Omit<PortalDocument, EngineOnly>;

/** The metadata of a document without its file, safe to put in any output. */
export function documentMetadata(
	doc: DocumentMetadata & Partial<PortalDocument>,
): DocumentMetadata {
	const meta = { ...doc };
	delete meta.downloadUrl;
	delete meta.downloadForm;
	delete meta.locator;
	delete meta.fetchAlongside;
	return meta;
}
