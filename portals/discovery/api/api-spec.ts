import type { DocumentType } from '../../core/contract/documents';

/**
 * The `documents.api` part of a portal definition, as discovery writes it (the lead's format of
 * issue 33; the reader that runs it lives with the definitions). Kept here, in the shape
 * discovery fills, until the definitions' own type is merged: the names are the format's.
 */
export type ApiFieldSpec =
	| string
	| {
			path: string;
			date?: string;
			locale?: string;
			regex?: string;
			amount?: boolean;
			map?: Record<string, DocumentType>;
	  };

export type ApiAuthSource =
	| { cookie: string }
	| { localStorage: string }
	| { sessionStorage: string }
	| { responseHeader: { url: string; name: string } }
	| { json: { url: string; path: string } };

export interface ApiDocumentsSpec {
	request: {
		method: 'GET' | 'POST';
		url: string;
		query?: Record<string, string>;
		body?: unknown;
		graphql?: { query: string; variables?: Record<string, unknown> };
	};
	paging?: {
		page?: { param: string; start: number };
		offset?: { param: string; size: number };
		cursor?: { param: string; path: string };
		next?: { path: string };
		maxPages?: number;
	};
	items: string;
	fields: Partial<
		Record<
			'id' | 'number' | 'issueDate' | 'dueDate' | 'amount' | 'currency' | 'type' | 'accountId',
			ApiFieldSpec
		>
	>;
	download: {
		urlField?: string;
		urlTemplate?: string;
		base64Field?: string;
		call?: { method: 'GET' | 'POST'; url: string; urlField?: string };
	};
	auth?: { headers: Record<string, { template: string; from: ApiAuthSource }> };
	inPage?: boolean;
}
