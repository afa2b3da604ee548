import type { ApiDocumentsSpec } from './api-spec';
import { pathsOf, valueAt } from './json-paths';
import type { RecordedCall } from './recorded-call';

export interface PagingFinding {
	paging?: ApiDocumentsSpec['paging'];
	/** The request's other parameters, kept as they were sent. */
	query: Record<string, string>;
	/** One line for the report: how the paging was recognised, or why none was. */
	how: string;
}

const PAGE_NAMES = /^(page|p|pagenumber|page_number|pageindex|pagina|seite)$/i;
const OFFSET_NAMES = /^(offset|skip|start|from)$/i;
const MORE_KEYS =
	/^(more|hasmore|has_more|hasnextpage|has_next|next|nextpage|next_page|totalpages|total_pages|total|count)$/i;

const WEEK_MS = 7 * 24 * 3600 * 1000;
/**
 * A cache-busting parameter (jQuery's `_=1796608058337`): the time of the call, in seconds or
 * milliseconds. Sent again it would be a stale time; it is left out of the request.
 */
export function isCacheBuster(value: string, now = Date.now()): boolean {
	if (!/^\d{10}$|^\d{13}$/.test(value)) return false;
	const ms = value.length === 10 ? Number(value) * 1000 : Number(value);
	return Math.abs(ms - now) < WEEK_MS;
}

const queryOf = (call: RecordedCall) =>
	Object.fromEntries([...new URL(call.url).searchParams].filter(([, v]) => !isCacheBuster(v)));

/**
 * Where a call says which page it wants: a GET's query; a POST's JSON body, or its GraphQL
 * variables (a null cursor, the first page's, reads as none).
 */
function paramsOf(call: RecordedCall): Record<string, string> {
	if (call.method !== 'POST') return queryOf(call);
	let body: unknown;
	try {
		body = JSON.parse(call.requestBody ?? 'null');
	} catch {
		return {};
	}
	const graphql = body as { query?: unknown; variables?: unknown } | null;
	const carrier = graphql && typeof graphql.query === 'string' ? graphql.variables : body;
	if (!carrier || typeof carrier !== 'object' || Array.isArray(carrier)) return {};
	return Object.fromEntries(
		Object.entries(carrier)
			.filter(([, v]) => ['string', 'number'].includes(typeof v))
			.map(([k, v]) => [k, String(v)]),
	);
}
const countAt = (call: RecordedCall, items: string) => {
	const array = valueAt(call.json, items);
	return Array.isArray(array) ? array.length : 0;
};
const without = (query: Record<string, string>, param?: string) =>
	Object.fromEntries(Object.entries(query).filter(([k]) => k !== param));

/**
 * How a list's pages are asked for, learned from the app's own calls to the list's address
 * (the first page, and the next ones it fetched while the page scrolled or was paged): the
 * parameter that changed and by how much (a page number by one, an offset by a page's items),
 * a cursor taken from the previous answer, or the next page's address in the answer. With one
 * call only, the parameter's name and the answer's next address tell.
 */
export function findPaging(list: RecordedCall[], items: string): PagingFinding {
	const [first, second] = list;
	const query = queryOf(first);
	if (second) {
		const learned = fromTwo(first, second, items);
		if (learned) return { ...learned, query: without(query, learned.param) };
	}
	const next = nextAddressPath(first);
	if (next)
		return {
			paging: { next: { path: next } },
			query,
			how: `the next page's address at "${next}" in the answer`,
		};
	for (const [param, value] of Object.entries(paramsOf(first))) {
		if (!/^\d+$/.test(value)) continue;
		if (PAGE_NAMES.test(param))
			return {
				paging: { page: { param, start: Number(value) } },
				query: without(query, param),
				how: `the page parameter "${param}" (one call seen)`,
			};
		if (OFFSET_NAMES.test(param))
			return {
				paging: { offset: { param, size: countAt(first, items) } },
				query: without(query, param),
				how: `the offset parameter "${param}", ${countAt(first, items)} items a page (one call seen)`,
			};
	}
	const more = moreKey(first.json, items);
	return {
		query,
		how: more
			? `the answer says there is more ("${more}"), but no call showed how to ask for it`
			: 'one page (no paging seen)',
	};
}

function fromTwo(
	first: RecordedCall,
	second: RecordedCall,
	items: string,
): { paging: ApiDocumentsSpec['paging']; param: string; how: string } | undefined {
	const a = paramsOf(first);
	const b = paramsOf(second);
	// The next page's address given in the first answer.
	const nextPaths = pathsOf(first.json, second.url).concat(
		pathsOf(first.json, new URL(second.url).pathname + new URL(second.url).search),
	);
	if (nextPaths[0])
		return {
			paging: { next: { path: nextPaths[0] } },
			param: '',
			how: `the next page's address at "${nextPaths[0]}" in the answer`,
		};
	for (const param of Object.keys(b)) {
		if (a[param] === b[param]) continue;
		const before = a[param] ?? '';
		const after = b[param];
		if (/^\d+$/.test(after) && /^\d*$/.test(before)) {
			const step = Number(after) - Number(before || 0);
			const size = countAt(first, items);
			if (OFFSET_NAMES.test(param) || (step > 1 && step === size))
				return {
					paging: { offset: { param, size: step } },
					param,
					how: `the offset parameter "${param}" went ${before || 0} → ${after}`,
				};
			// A first call without the parameter asked for the first page: the next one is 2 (or 1).
			if (step === 1 || PAGE_NAMES.test(param) || (!before && step <= 2))
				return {
					paging: { page: { param, start: before ? Number(before) : Number(after) - 1 } },
					param,
					how: `the page parameter "${param}" went ${before || '(none)'} → ${after}`,
				};
		}
		const cursorPath = pathsOf(first.json, after)[0];
		if (cursorPath !== undefined)
			return {
				paging: { cursor: { param, path: cursorPath } },
				param,
				how: `the cursor "${param}" came from "${cursorPath}" in the answer`,
			};
	}
	return undefined;
}

/** A path in the answer whose value is the address of the same list with other parameters. */
function nextAddressPath(call: RecordedCall): string | undefined {
	const here = new URL(call.url);
	const found: string[] = [];
	const walk = (value: unknown, path: string, depth: number) => {
		if (depth > 5 || value === null || value === undefined) return;
		if (typeof value === 'string') {
			if (!/next/i.test(path)) return;
			try {
				const url = new URL(value, here);
				if (url.pathname === here.pathname && url.search !== here.search) found.push(path);
			} catch {
				// not an address
			}
			return;
		}
		if (typeof value === 'object' && !Array.isArray(value))
			for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k, depth + 1);
	};
	walk(call.json, '', 0);
	return found[0];
}

function moreKey(json: unknown, items: string): string | undefined {
	const parent = items.includes('.')
		? valueAt(json, items.split('.').slice(0, -1).join('.'))
		: json;
	if (!parent || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
	return Object.entries(parent).find(
		([k, v]) =>
			MORE_KEYS.test(k) && (v === true || typeof v === 'number' || (typeof v === 'string' && v)),
	)?.[0];
}
