/**
 * A call as a portal's own app makes it (a definition's `documents.api`): JSON in, JSON or a file
 * out, with the session's cookies plus the headers the app sends. Only reads: GET, or a POST that
 * carries a query (the definition's validation refuses anything else).
 */
export interface ApiCall {
	method: 'GET' | 'POST';
	/** Absolute, inside the run's allowed origins (checked before anything is sent). */
	url: string;
	/** Headers the app's calls carry (sent to the call's own origin only). */
	headers?: Record<string, string>;
	/** A JSON body (POST). */
	json?: unknown;
	/** The answer's cap: past it, nothing more is read and the call fails. */
	maxBytes: number;
	/** A file (its time limit is a file's) or a JSON answer (a page's). */
	kind: 'json' | 'file';
	/** Answers a redirect instead of following it: its Location is where the file is. */
	stopAtRedirect?: boolean;
	/** Made by fetch() inside the signed-in page (the browser engine; a token the page alone holds). */
	inPage?: boolean;
}

export interface ApiAnswer {
	status: number;
	/** The address that answered (after redirects). */
	url: string;
	body: Buffer;
	/** Lower-case header names. */
	headers: Record<string, string>;
}

/** The larger answers a JSON call may give: a documents list is a few hundred kB at most. */
export const MAX_JSON_BYTES = 5 * 1024 * 1024;
