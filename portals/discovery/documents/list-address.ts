import type { PaginationSpec } from '../../definitions/pagination';
import { PAGE_PARAMS } from '../words/document-words';

/**
 * The documents page's address for the definition: path and query on the site, without the
 * page number (the run starts at the first page and turns pages itself).
 */
export function listAddress(url: string, pagination?: PaginationSpec): string {
	const u = new URL(url);
	for (const p of [...PAGE_PARAMS, pagination?.pageParam ?? '']) u.searchParams.delete(p);
	return `${u.pathname}${u.search}`;
}
