import type { Page } from 'playwright';
import type { DefinitionSpec } from '../../definitions/spec';
import type { DiscoveryReport } from '../report';

export interface DocumentsDiscoveryOptions {
	/** The page after login (the browser is on it); the crawl starts here. */
	startUrl: string;
	/** When the user knows where the documents are listed: tried first. */
	documentsUrl?: string;
	/** Host names (with port when not the default) the crawl may visit: same site only. */
	domains: string[];
	/** Stop crawling after this many pages (default 25) or at this deadline (ms since epoch). */
	maxPages?: number;
	deadline?: number;
}

/**
 * Finds the documents list by following same-site GET links from the page after login, and
 * writes the definition's `documents` part for it. Read-only: it never submits a form and never
 * follows a link that says log out, delete, cancel, pay ... It throws PortalError
 * LAYOUT_CHANGED (missingElement names what is missing) when no page holds documents.
 */
export async function discoverDocuments(
	page: Page,
	options: DocumentsDiscoveryOptions,
	report: DiscoveryReport,
): Promise<DefinitionSpec['documents']> {
	void page;
	void options;
	void report;
	throw new Error('not implemented yet');
}
