import type { DocumentType } from './documents';

/** What a user asks a run to deliver (the node's filters, validated by collection/filters.ts). */
export interface DocumentFilters {
	/** Earliest issue date, inclusive (YYYY-MM-DD). */
	startDate?: string;
	/** Latest issue date, inclusive (YYYY-MM-DD). */
	endDate?: string;
	types?: DocumentType[];
	/** Sub-accounts / customer numbers to include; empty means all. */
	accountIds?: string[];
	minAmount?: number;
	maxAmount?: number;
	/** Most documents to deliver in one run. */
	limit?: number;
}
