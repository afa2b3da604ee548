import type { PaginationSpec } from '../../definitions/pagination';
import { PAGE_PARAMS } from '../words/document-words';

/** Query parameters that carry a session or a token: never kept in a definition (it is stored). */
const SESSION_PARAM =
	/^(sid|sess(ion)?(id)?|jsessionid|phpsessid|token|auth|key|sectok|csrf|_csrf|code|state|nonce)$/i;

/**
 * The documents page's address for the definition: path and query on the login page's host (its
 * full address on another host, `loginHost` given), without the
 * page number (the run starts at the first page and turns pages itself) and without session or
 * token parameters (the definition is kept in the connection's record, unencrypted).
 */
export function listAddress(url: string, pagination?: PaginationSpec, loginHost?: string): string {
	const u = new URL(url);
	for (const p of [...PAGE_PARAMS, pagination?.pageParam ?? '']) u.searchParams.delete(p);
	for (const p of [...u.searchParams.keys()]) if (SESSION_PARAM.test(p)) u.searchParams.delete(p);
	// A list on another host of the site than the login page's (www. after login.) keeps its
	// origin: a path alone is read on the login page's host.
	const elsewhere = loginHost !== undefined && u.host !== loginHost;
	return `${elsewhere ? u.origin : ''}${u.pathname}${u.search}`;
}
