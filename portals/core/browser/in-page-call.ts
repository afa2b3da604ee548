import type { Page } from 'playwright';
import type { ApiAnswer, ApiCall } from '../contract/api-call';
import type { StoredStorage } from '../contract/session';
import { pageTimeoutMs } from '../http/guarded-fetch';
import { PortalError, safeUrl } from '../outcomes/errors';

type InPageResult =
	| { status: number; url: string; headers: Record<string, string>; body: string }
	| { tooLarge: true }
	| { failed: string; timedOut: boolean };

/**
 * A documents.api call made by fetch() inside the signed-in page, for apps whose token lives only
 * there (documents.api.inPage). The page's own cookies go with it; the context's proxy keeps it
 * inside the allowed origins as it does every request of the page, and the address is checked
 * here first. Time-limited and capped like a call from Node; a redirect is followed by the page.
 */
export async function callInPage(
	page: Page,
	call: ApiCall,
	allows: (url: URL) => boolean,
): Promise<ApiAnswer> {
	const where = safeUrl(call.url);
	if (!allows(new URL(call.url)))
		throw new PortalError(
			'NAVIGATION_BLOCKED',
			`The portal's API is at ${where}, outside its own address; the call was not made.`,
			{ url: where },
		);
	const timeoutMs = (call.kind === 'file' ? 2 : 1) * pageTimeoutMs();
	const result = (await page.evaluate(inPageFetch as never, {
		url: call.url,
		method: call.method,
		headers: call.headers ?? {},
		body: call.json === undefined ? null : JSON.stringify(call.json),
		maxBytes: call.maxBytes,
		timeoutMs,
	})) as InPageResult;
	if ('tooLarge' in result)
		throw new PortalError(
			call.kind === 'file' ? 'INVALID_FILE' : 'PORTAL_UNAVAILABLE',
			`The answer at ${where} is larger than the limit of ${call.maxBytes} bytes; it was not read.`,
			{ url: where },
		);
	if ('failed' in result)
		throw new PortalError(
			result.timedOut ? 'TIMEOUT' : 'PORTAL_UNAVAILABLE',
			result.timedOut
				? `The portal did not answer ${where} within ${Math.round(timeoutMs / 1000)} s.`
				: `The portal's API cannot be reached at ${where} from the page.`,
			{ url: where },
		);
	return { ...result, body: Buffer.from(result.body, 'base64') };
}

/** Runs inside the page: self-contained, plain JSON in and out (the body as base64). */
async function inPageFetch(arg: {
	url: string;
	method: string;
	headers: Record<string, string>;
	body: string | null;
	maxBytes: number;
	timeoutMs: number;
}): Promise<InPageResult> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), arg.timeoutMs);
	try {
		const headers =
			arg.body === null ? arg.headers : { ...arg.headers, 'content-type': 'application/json' };
		const response = await fetch(arg.url, {
			method: arg.method,
			headers,
			body: arg.body,
			credentials: 'include',
			signal: controller.signal,
		});
		const reader = response.body?.getReader();
		const chunks: Uint8Array[] = [];
		let size = 0;
		for (;;) {
			if (!reader) break;
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > arg.maxBytes) {
				await reader.cancel();
				return { tooLarge: true };
			}
			chunks.push(value);
		}
		let binary = '';
		for (const chunk of chunks)
			for (let i = 0; i < chunk.length; i += 0x8000)
				binary += String.fromCharCode(...chunk.subarray(i, i + 0x8000));
		const headersOut: Record<string, string> = {};
		response.headers.forEach((value, name) => (headersOut[name] = value));
		return { status: response.status, url: response.url, headers: headersOut, body: btoa(binary) };
	} catch (error) {
		return { failed: String(error), timedOut: controller.signal.aborted };
	} finally {
		clearTimeout(timer);
	}
}

/** The page's sessionStorage (an app's token), where the page is a web page. */
export async function pageSessionStorage(page: Page): Promise<StoredStorage | undefined> {
	const url = page.url();
	if (!/^https?:/.test(url)) return undefined;
	const values = await page
		.evaluate(() =>
			Object.keys(sessionStorage).map((name) => ({
				name,
				value: sessionStorage.getItem(name) ?? '',
			})),
		)
		.catch(() => undefined);
	return values?.length ? { origin: new URL(url).origin, values } : undefined;
}

/**
 * Puts saved sessionStorage back before the app's scripts run (Playwright restores cookies and
 * localStorage only): a restored session finds its token where the app keeps it.
 */
export function restoreSessionStorage(saved: StoredStorage[]): void {
	const mine = saved.find((s) => s.origin === location.origin);
	for (const { name, value } of mine?.values ?? [])
		if (sessionStorage.getItem(name) === null) sessionStorage.setItem(name, value);
}
