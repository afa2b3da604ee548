import type { IncomingMessage } from 'node:http';

/**
 * Headers any client sends to any site: they say nothing of the portal (`sec-fetch-mode: cors`
 * is what Node's fetch, undici, adds to every request it makes). Everything else a file
 * host receives (a cookie, Authorization, a constant header such as X-Client, Referer, Origin)
 * would tell it about the portal or the session, and a download host must learn nothing.
 */
const ANY_CLIENT = new Set([
	'host',
	'user-agent',
	'accept',
	'accept-encoding',
	'accept-language',
	'connection',
	'sec-fetch-mode',
]);

/** The names (not the values: they may be secrets) of the request's other headers, sorted. */
export function extraHeaders(req: IncomingMessage): string[] {
	return Object.keys(req.headers)
		.filter((name) => !ANY_CLIENT.has(name.toLowerCase()))
		.sort();
}
