import type { CookieJar } from 'tough-cookie';
import { PortalError, redactUrls, safeUrl } from '../outcomes/errors';
import { timeLimit, type TimeLimit } from '../timing/time-limit';
import {
	blockedPortMessage,
	isBlockedPort,
	networkWords,
	withoutLibraryWording,
} from '../outcomes/network-words';

/** A page larger than this is no portal page; reading on could exhaust the n8n process's memory. */
export const MAX_PAGE_BYTES = 10 * 1024 * 1024;
/** How long one exchange (the request, its redirects and the body) may take, unless set. */
export const REQUEST_TIMEOUT_MS = 30_000;
const TIMEOUT_SETTING = 'INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS';

/**
 * The time one page's exchange may take: INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS (1 to 600) for
 * portals slower than usual (and for tests), otherwise 30 s. Read at each request, so a changed
 * setting needs no restart of the module.
 */
export function pageTimeoutMs(): number {
	const seconds = Number(process.env[TIMEOUT_SETTING]);
	return Number.isFinite(seconds) && seconds >= 1 && seconds <= 600
		? seconds * 1000
		: REQUEST_TIMEOUT_MS;
}
/** Browsers give up after about 20; a portal needs a handful at most (login, SSO hops). */
const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Some portals (and the firewalls in front of them) answer scripts that do not look like a
 * browser with an error page or a captcha. This is Chrome on Linux, the browser the browser engine
 * runs (Playwright's Chromium; keep the major version roughly in step).
 */
export const USER_AGENT =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/159.0.0.0 Safari/537.36';
const PAGE_ACCEPT =
	'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';
const ACCEPT_LANGUAGE = 'en-US,en;q=0.9';
const ACCEPT = { page: PAGE_ACCEPT, file: '*/*', api: 'application/json, text/plain, */*' };

export interface GuardedRequest {
	method?: 'GET' | 'POST';
	/** A form's fields: URL-encoded (URLSearchParams) or multipart (FormData); an API call's JSON text. */
	body?: URLSearchParams | FormData | string;
	/**
	 * An app's call (documents.api): headers it carries (Authorization, a CSRF header), sent to
	 * the call's own origin only, never after a redirect to another one (as browsers drop them).
	 */
	headers?: Record<string, string>;
	/** Answers a redirect instead of following it (the caller decides where its Location may go). */
	stopAtRedirect?: boolean;
	/**
	 * The page the request is made from. Sent as Referer, and its origin as Origin on a POST, as
	 * a browser does: portals' CSRF protection often checks one of them.
	 */
	referrer?: string;
	/** A page to show (a navigation: HTML wanted), a file to download (anything goes), an app's JSON call. */
	kind?: 'page' | 'file' | 'api';
	timeoutMs?: number;
}

/** The last answer (after redirects), its body not read yet, and the address it came from. */
export interface Exchange {
	response: Response;
	url: string;
	/**
	 * The exchange's time limit with the caller's signal: reading the body honours it too, and
	 * reading (or `discard`) ends it.
	 */
	limit: TimeLimit;
	timeoutMs: number;
}

/**
 * Sends requests as a browser would navigate, with the session's cookie jar, and keeps them on
 * the portal: redirects are followed here (fetch's redirect: 'manual'), each target checked by
 * `allowed` before it is sent. A browser follows a server's redirect before any route handler
 * sees it; here nothing goes to an address outside the portal, not even that one request.
 */
export class GuardedFetch {
	private blocked: string | undefined;
	/** Set-Cookie headers the portal sent so far (the browser engine copies them back to Chromium). */
	cookiesReceived = 0;

	constructor(
		private readonly jar: CookieJar,
		private readonly allowed: (url: URL) => boolean,
		private readonly signal?: AbortSignal,
	) {}

	/** The first address outside the allowed ones a request or redirect led to (never sent). */
	blockedNavigation(): string | undefined {
		return this.blocked;
	}

	/**
	 * Sends one request and follows its redirects; the caller reads the body (`read`) or drops it
	 * (`discard`). One time limit covers the request, its redirects and the body.
	 */
	async send(address: string, request: GuardedRequest = {}): Promise<Exchange> {
		const timeoutMs = request.timeoutMs ?? pageTimeoutMs();
		const limit = timeLimit(timeoutMs, this.signal);
		try {
			return await this.follow(address, request, limit, timeoutMs);
		} catch (error) {
			limit.end();
			throw error;
		}
	}

	private async follow(
		address: string,
		request: GuardedRequest,
		limit: TimeLimit,
		timeoutMs: number,
	): Promise<Exchange> {
		const { signal } = limit;
		let url = new URL(address);
		let method = request.method ?? 'GET';
		let body = method === 'POST' ? request.body : undefined;
		// After a cross-origin redirect of a POST, a browser sends "Origin: null".
		let tainted = false;
		const origin = url.origin;
		for (let hop = 0; ; hop++) {
			this.check(url);
			const headers = await this.headers(url, method, request, tainted);
			if (url.origin === origin)
				for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, value);
			if (typeof body === 'string') headers.set('content-type', 'application/json');
			let response: Response;
			try {
				response = await fetch(url, { method, headers, body, redirect: 'manual', signal });
			} catch (error) {
				throw this.failure(error, url, limit, timeoutMs);
			}
			await this.storeCookies(response, url);
			const location = response.headers.get('location');
			if (!REDIRECTS.has(response.status) || location === null || request.stopAtRedirect)
				return { response, url: url.href, limit, timeoutMs };
			await response.body?.cancel().catch(() => undefined);
			if (hop >= MAX_REDIRECTS)
				throw new PortalError(
					'PORTAL_UNAVAILABLE',
					`The portal redirected more than ${MAX_REDIRECTS} times from ${safeUrl(address)}.`,
					{ url: safeUrl(address) },
				);
			let next: URL;
			try {
				next = new URL(location, url);
			} catch {
				throw new PortalError('PORTAL_UNAVAILABLE', 'The portal redirected to a broken address.', {
					url: safeUrl(url.href),
				});
			}
			// As browsers (and the Fetch standard): 303 always continues with a GET, 301/302 turn a
			// POST into a GET; 307/308 repeat the request as it was.
			if (response.status === 303 || (method === 'POST' && response.status <= 302)) {
				method = 'GET';
				body = undefined;
			} else if (method === 'POST' && next.origin !== url.origin) tainted = true;
			url = next;
		}
	}

	/**
	 * Reads a body up to `maxBytes`; past it, stops reading and throws `tooLarge()`. A page or
	 * file is never held in full before its size is known. A body that breaks off becomes
	 * TIMEOUT or PORTAL_UNAVAILABLE, or what `brokenOff` makes of that.
	 */
	async read(
		exchange: Exchange,
		maxBytes: number,
		tooLarge: () => Error,
		brokenOff?: (failure: PortalError) => Error,
	): Promise<Buffer> {
		const { response, url, limit, timeoutMs } = exchange;
		if (!response.body) {
			limit.end();
			return Buffer.alloc(0);
		}
		const reader = response.body.getReader();
		const chunks: Uint8Array[] = [];
		let size = 0;
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				size += value.byteLength;
				if (size > maxBytes) {
					await reader.cancel().catch(() => undefined);
					throw tooLarge();
				}
				chunks.push(value);
			}
		} catch (error) {
			if (error instanceof PortalError) throw error;
			const failure = this.failure(error, new URL(url), limit, timeoutMs);
			throw brokenOff && failure instanceof PortalError ? brokenOff(failure) : failure;
		} finally {
			limit.end();
		}
		return Buffer.concat(chunks);
	}

	/** Drops an answer's body unread (a file where a page was expected, an error status). */
	async discard(exchange: Exchange): Promise<void> {
		exchange.limit.end();
		await exchange.response.body?.cancel().catch(() => undefined);
	}

	/** Refuses an address outside the portal before anything is sent there. */
	private check(url: URL): void {
		const refused = refusal(url, this.allowed);
		if (!refused) return;
		if (refused.details.url) this.blocked ??= refused.details.url;
		throw refused;
	}

	private async headers(
		url: URL,
		method: string,
		request: GuardedRequest,
		tainted: boolean,
	): Promise<Headers> {
		const headers = new Headers({
			'user-agent': USER_AGENT,
			accept: ACCEPT[request.kind ?? 'page'],
			'accept-language': ACCEPT_LANGUAGE,
		});
		if (!request.kind || request.kind === 'page') headers.set('upgrade-insecure-requests', '1');
		const referrer = request.referrer ? new URL(request.referrer) : undefined;
		// A browser's default referrer policy (strict-origin-when-cross-origin): the full address
		// within the site, only the origin to another one, nothing from https to http.
		if (referrer && !(referrer.protocol === 'https:' && url.protocol === 'http:')) {
			const sameOrigin = referrer.origin === url.origin;
			headers.set('referer', sameOrigin ? stripFragment(referrer) : `${referrer.origin}/`);
		}
		// A browser sends Origin on every POST; after a redirect to another origin it is "null".
		if (method === 'POST' && (tainted || referrer))
			headers.set('origin', tainted ? 'null' : referrer!.origin);
		const cookie = await this.jar.getCookieString(url.href).catch(() => '');
		if (cookie) headers.set('cookie', cookie);
		// fetch sets Content-Type itself (with the multipart boundary) from the body.
		return headers;
	}

	private async storeCookies(response: Response, url: URL): Promise<void> {
		for (const header of response.headers.getSetCookie()) {
			this.cookiesReceived++;
			// A cookie the jar refuses (another domain, a malformed one) is dropped, as a browser does.
			await this.jar.setCookie(header, url.href, { ignoreError: true }).catch(() => undefined);
		}
	}

	/**
	 * What a failed request means for the run. The caller's own cancellation is passed on as it
	 * is; network errors quote no more than the address without its query.
	 */
	private failure(error: unknown, url: URL, limit: TimeLimit, timeoutMs: number): unknown {
		if (this.signal?.aborted) return this.signal.reason ?? error;
		const where = safeUrl(url.href);
		if (limit.expired)
			return new PortalError(
				'TIMEOUT',
				`The portal did not answer ${where} within ${Math.round(timeoutMs / 1000)} s.`,
				{ url: where },
			);
		const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
		const why = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
		if (isBlockedPort(String(why)))
			return new PortalError('INVALID_INPUT', blockedPortMessage(where), { url: where });
		return new PortalError(
			'PORTAL_UNAVAILABLE',
			`The portal cannot be reached at ${where}: ${networkWords(String(why)) ?? withoutLibraryWording(redactUrls(String(why)))}`,
			{ url: where },
		);
	}
}

function stripFragment(url: URL): string {
	const copy = new URL(url.href);
	copy.hash = '';
	return copy.href;
}

/**
 * Why a request to this address must not be sent, or undefined when it may: the one rule for
 * every request a run sends itself (the HTTP engine's, and the browser engine's files and pages
 * it reads without rendering), checked before anything leaves.
 */
function refusal(url: URL, allowed: (url: URL) => boolean): PortalError | undefined {
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		// data:, javascript:, mailto: ... : nothing a page request can open (browsers refuse
		// such redirects too). The address itself may carry anything, so it is not quoted.
		return new PortalError(
			'NAVIGATION_BLOCKED',
			`The portal led to a ${url.protocol} address, which is no web page; it was not opened.`,
		);
	}
	if (allowed(url)) return undefined;
	const offsite = safeUrl(url.href);
	return new PortalError(
		'NAVIGATION_BLOCKED',
		`The portal tried to lead to ${offsite}, outside its own address; the request was not sent.`,
		{ url: offsite },
	);
}
