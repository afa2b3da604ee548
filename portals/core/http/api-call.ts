import { CookieJar } from 'tough-cookie';
import type { ApiAnswer, ApiCall } from '../contract/api-call';
import { storedValue, type StorageState } from '../contract/session';
import { PortalError, safeUrl } from '../outcomes/errors';
import { urlAllowed } from '../contract/origins';
import { GuardedFetch, pageTimeoutMs } from './guarded-fetch';

/**
 * Sends an app's call (contract/api-call.ts) with the session's cookie jar and the call's own
 * headers, inside the allowed origins, under one time limit (a page's, or a file's: twice that),
 * reading at most `maxBytes`. A larger answer is refused with a message naming the cap.
 */
export async function sendApiCall(fetcher: GuardedFetch, call: ApiCall): Promise<ApiAnswer> {
	const exchange = await fetcher.send(call.url, {
		method: call.method,
		body: call.json === undefined ? undefined : JSON.stringify(call.json),
		headers: call.headers,
		kind: call.kind === 'file' ? 'file' : 'api',
		stopAtRedirect: call.stopAtRedirect,
		timeoutMs: (call.kind === 'file' ? 2 : 1) * pageTimeoutMs(),
	});
	const where = safeUrl(exchange.url);
	const tooLarge = () =>
		new PortalError(
			call.kind === 'file' ? 'INVALID_FILE' : 'PORTAL_UNAVAILABLE',
			call.kind === 'file'
				? `The file is larger than the limit of ${call.maxBytes} bytes.`
				: `The portal's API answered more than ${call.maxBytes / 1024 / 1024} MB at ${where}; it was not read.`,
			{ url: where },
		);
	const declared = Number(exchange.response.headers.get('content-length') ?? undefined);
	if (Number.isFinite(declared) && declared > call.maxBytes) {
		await fetcher.discard(exchange);
		throw tooLarge();
	}
	const body = await fetcher.read(exchange, call.maxBytes, tooLarge);
	return {
		status: exchange.response.status,
		url: exchange.url,
		body,
		headers: Object.fromEntries(exchange.response.headers),
	};
}

/** A value of a session held over HTTP: a cookie for an address, or a saved storage value. */
export async function sessionValueOf(
	jar: CookieJar,
	state: Pick<StorageState, 'origins' | 'sessionStorage'>,
	area: 'cookie' | 'localStorage' | 'sessionStorage',
	name: string,
	url: string,
): Promise<string | undefined> {
	if (area !== 'cookie') return storedValue(state, area, name, new URL(url).origin);
	const cookies = await jar.getCookies(url).catch(() => []);
	return cookies.find((c) => c.key === name)?.value;
}

/**
 * A file's final GET on a download host (a definition's downloadDomains: a CDN or signed storage
 * the portal redirects to): an empty cookie jar and no header of the portal's, so nothing that
 * signs in to the portal ever reaches that host. Its redirects stay on the download hosts.
 */
export function fetchFromDownloadHost(
	url: string,
	downloadDomains: string[],
	maxBytes: number,
	signal?: AbortSignal,
): Promise<ApiAnswer> {
	const bare = new GuardedFetch(new CookieJar(), (u) => urlAllowed(u, downloadDomains), signal);
	return sendApiCall(bare, { method: 'GET', url, kind: 'file', maxBytes });
}
