import type { DocumentType } from '../core/contract/documents';
import type { FieldName } from './spec';

/**
 * `documents.api`: a portal that is an app lists its documents through its own JSON API
 * (portal-definition.schema.json, definitions.api; docs/adding-a-portal.md, "Portals that are
 * apps"). The run calls it as the app's scripts do, with the session's cookies and the headers
 * `auth` names, and only reads.
 */
export interface ApiListSpec {
	request: ApiRequestSpec;
	paging?: ApiPagingSpec;
	/** Sub-accounts listed by a call of their own: the list is then requested once per account. */
	accounts?: ApiAccountsSpec;
	/** Dot path to the array of documents ("" for a top-level array). */
	items: string;
	fields: Partial<Record<ApiFieldName, ApiFieldSpec>> & {
		id: ApiFieldSpec;
		number: ApiFieldSpec;
		issueDate: ApiFieldSpec;
	};
	download: ApiDownloadSpec;
	auth?: { headers?: Record<string, ApiHeaderSource> };
	/**
	 * Only the items whose value at `path` is one of `equals` are documents: a file library lists
	 * every file, and its PDFs (`type` "application/pdf") are the invoices; the others are passed
	 * over, never downloaded.
	 */
	where?: { path: string; equals: string[] };
	/** The token lives only inside the page: calls are made by fetch() inside the signed-in page. */
	inPage?: boolean;
}

/** The HTML list's fields, and the item's id (an HTML list composes its id instead). */
export type ApiFieldName = 'id' | FieldName;

export interface ApiRequestSpec {
	method?: 'GET' | 'POST';
	/** Relative to the portal's origin, or absolute; placeholders {page} {offset} {cursor} {account}. */
	url: string;
	query?: Record<string, string>;
	body?: Record<string, unknown>;
	graphql?: { query: string; variables?: Record<string, unknown> };
}

/**
 * The call that lists the sub-accounts (contracts, lines, customer numbers) where the app asks
 * for them: its items' `id` fills `{account}` in the list's request, one list per account.
 */
export interface ApiAccountsSpec {
	request: ApiRequestSpec;
	/** Dot path to the array of accounts ("" for a top-level array). */
	items: string;
	/** Dot path to an account's id in its item. */
	id: string;
	/** Dot path to its name, for people (the checker prints it). */
	name?: string;
}

export interface ApiPagingSpec {
	page?: { param: string; start?: number };
	offset?: { param: string; size: number };
	cursor?: { param: string; path: string };
	next?: { path: string };
	/** A cap against portals that never stop (default 50). */
	maxPages?: number;
}

/** A dot path, or the path with the HTML fields' options. */
export type ApiFieldSpec =
	| string
	| {
			path: string;
			date?: string;
			locale?: string;
			amount?: boolean;
			regex?: string;
			map?: Record<string, DocumentType>;
	  };

/**
 * Exactly one of the four; or `base64Field` with one other kind, for an app whose items carry
 * either kind of file (one contract's PDFs inside the JSON, another's behind an address): the
 * base64 is used where the item has it, the other kind where it does not.
 */
export interface ApiDownloadSpec {
	urlField?: string;
	urlTemplate?: string;
	base64Field?: string;
	/**
	 * A second call per item: it answers the file's address (`urlField` in its JSON, or a
	 * redirect), or the file itself in base64 (`base64Field` in its JSON: Jupyter's
	 * /api/contents/<path>?format=base64&content=1 answers `content` so).
	 */
	call?: { method?: 'GET' | 'POST'; url: string; urlField?: string; base64Field?: string };
}

export type ApiValueSource =
	| { cookie: string }
	| { localStorage: string }
	| { sessionStorage: string }
	| { responseHeader: { url: string; name: string } }
	| { json: { url: string; path: string } };

/** A header's value: taken from where the app keeps it, or a constant the app always sends. */
export type ApiHeaderSource = ApiHeaderFrom | ApiHeaderConstant;

export interface ApiHeaderFrom {
	/** The header's value around {value} ("Bearer {value}"); the value alone without it. */
	template?: string;
	from: ApiValueSource;
}

/**
 * A header the app sends with the same value on every call (`x-client: web-2.1`), which its API
 * requires. Never a secret: validation refuses a constant under a credential's name.
 */
export interface ApiHeaderConstant {
	value: string;
}

/** The default cap on pages of an API list (a hostile portal's endless cursor stops here). */
export const DEFAULT_API_MAX_PAGES = 50;
