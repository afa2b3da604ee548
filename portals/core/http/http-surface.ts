import { throwForStatus } from '../outcomes/http-status';
import { originGuard } from '../contract/origins';
import { filenameFrom, throwForDownloadStatus } from './download';
import { type RawFile } from '../contract/raw-file';
import { NeedsBrowser } from '../contract/needs-browser';
import type { PageFunction, Readable, Surface } from '../contract/surface';
import type { StorageState } from '../contract/session';
import type { ApiAnswer, ApiCall } from '../contract/api-call';
import { sendApiCall, sessionValueOf } from './api-call';
import type { CookieJar } from 'tough-cookie';
import { PortalError, safeUrl } from '../outcomes/errors';
import { jarFromStorageState, storageStateFromJar } from './cookie-jar';
import {
	formOwner,
	formSubmission,
	FormEdits,
	isSubmitControl,
	optionValue,
	typeOf,
} from './forms';
import type { Submission } from './forms';
import { GuardedFetch, MAX_PAGE_BYTES, pageTimeoutMs } from './guarded-fetch';
import { pageTooLarge } from './page-cap';
import {
	blankPage,
	decodeHtml,
	evaluateOn,
	hasScripts,
	pageText,
	parsePage,
	resolve,
	type HtmlPage,
} from './html-page';

/** A download may take longer than a page: twice a page's time (a minute unless set). */
const fileTimeoutMs = () => 2 * pageTimeoutMs();
/** Answers a browser shows as a page; anything else (a PDF, a ZIP) it would download. */
const HTML_TYPES = /html|xml|^text\/plain/i;
/** What a pressed element does: the nearest link or submit control around what was matched. */
const ACTIONABLE = 'a[href], area[href], button, input[type=submit i], input[type=image i]';
/** Input types one can type into. */
const TYPEABLE =
	/^(|text|email|password|search|tel|url|number|date|datetime-local|month|week|time)$/;

/** Immediate <meta> refreshes followed in a row; a page refreshing itself forever stops here. */
const MAX_REFRESHES = 5;

export interface HttpSurfaceOptions {
	/** The session to continue (a browser engine's storage state works too). */
	storageState?: StorageState;
	/** Cancels the request under way (the run was stopped). */
	signal?: AbortSignal;
}

/**
 * Shows a portal's pages without a browser: each page fetched with the session's cookie jar and
 * its HTML parsed in Node (linkedom). Several times faster and far lighter than Chromium, for
 * portals whose pages are plain HTML forms and links. Where a page needs scripts to show what a
 * definition asks for, it throws NeedsBrowser, and an `auto` run carries on in the browser.
 */
export class HttpSurface implements Surface {
	readonly engine = 'http' as const;
	private readonly fetcher: GuardedFetch;
	private readonly jar: CookieJar;
	private readonly origins: StorageState['origins'];
	private readonly sessionStorage: StorageState['sessionStorage'];
	private page: HtmlPage = blankPage();
	private edits = new FormEdits();

	/** `allowed`: the run's allowed origins (as confineToOrigins takes them), or its guard. */
	constructor(allowed: string[] | ((url: URL) => boolean), options: HttpSurfaceOptions = {}) {
		this.jar = jarFromStorageState(options.storageState);
		this.origins = options.storageState?.origins ?? [];
		this.sessionStorage = options.storageState?.sessionStorage;
		const guard = typeof allowed === 'function' ? allowed : originGuard(allowed);
		this.fetcher = new GuardedFetch(this.jar, guard, options.signal);
	}

	url(): string {
		return this.page.url;
	}

	/** Runs a reader in Node against the parsed page (see evaluateOn). */
	evaluate<R, A>(fn: PageFunction<A, R>, arg: A): Promise<R> {
		return evaluateOn(this.page, fn, arg);
	}

	async open(url: string): Promise<void> {
		const target = resolve(this.page, url);
		if (!target) throw new PortalError('INVALID_INPUT', 'The address to open is not valid.');
		await this.load({ method: 'GET', url: target.href }, false);
	}

	/** The server's HTML is all there is: a page to read is simply opened. */
	async openToRead(url: string): Promise<Readable> {
		await this.open(url);
		return this;
	}

	/**
	 * A page's HTML for the browser engine to read without rendering it (a list's next pages):
	 * fetched and guarded as this engine opens pages, undefined when the answer is no page (a
	 * file). The browser's cookies went into this client's jar; `cookiesReceived` says whether
	 * the portal changed them on the way.
	 */
	async readPage(url: string): Promise<HtmlPage | undefined> {
		const target = resolve(this.page, url);
		if (!target) throw new PortalError('INVALID_INPUT', 'The address to open is not valid.');
		return (await this.load({ method: 'GET', url: target.href }, true)) ? this.page : undefined;
	}

	/** Set-Cookie headers received so far. */
	cookiesReceived(): number {
		return this.fetcher.cookiesReceived;
	}

	async count(selector: string): Promise<number> {
		return this.page.document.querySelectorAll(selector).length;
	}

	async required(selector: string, what: string): Promise<void> {
		// The server's HTML is final: nothing appears by waiting.
		this.find(selector, what);
	}

	async fill(selector: string, value: string, what: string): Promise<void> {
		const field = this.find(selector, what);
		const typeable =
			field.localName === 'textarea' ||
			(field.localName === 'input' && TYPEABLE.test(typeOf(field)));
		if (!typeable) throw new NeedsBrowser(`${what} is not a field to type into without scripts`);
		// A disabled field is not sent; on a page with scripts, a script may enable it.
		if (field.hasAttribute('disabled') && hasScripts(this.page))
			throw new NeedsBrowser(`${what} is disabled until a script enables it`);
		this.edits.setValue(field, value);
	}

	async check(selector: string): Promise<void> {
		const box = this.find(selector, selector);
		if (box.localName !== 'input' || !['checkbox', 'radio'].includes(typeOf(box)))
			throw new NeedsBrowser(`${selector} is not a checkbox without scripts`);
		this.edits.setChecked(box, true);
	}

	async press(
		selector: string,
		what: string,
		ready: () => Promise<boolean>,
		options: { nth?: { rows: string; index: number }; timeoutMs?: number } = {},
	): Promise<void> {
		const el = this.find(selector, what, options.nth);
		const submission = this.action(el, what);
		const loaded = await this.load(submission, true);
		// The step was sent: if its answer needs scripts, the browser takes over on that page.
		if (loaded && !(await ready()) && hasScripts(this.page))
			throw new NeedsBrowser(`the page after ${what} draws itself with scripts`, true);
	}

	async choose(selector: string, value: string, what: string): Promise<void> {
		const select = this.find(selector, what);
		const options = Array.from(select.querySelectorAll('option'));
		// As Playwright's selectOption: an option's value, else its label.
		const option =
			options.find((o) => optionValue(o) === value) ??
			options.find((o) => (o.textContent ?? '').trim() === value);
		if (!option) throw this.missing(`${what}: option "${value}"`);
		const form = formOwner(select);
		// Without a form, only a script can act on the choice.
		if (!form)
			throw new NeedsBrowser(`${what} is outside a form; choosing works only with scripts`);
		this.edits.choose(select, option);
		// What `onchange="this.form.submit()"` does: the form is sent without any button.
		await this.load(formSubmission(this.page, form, this.edits), true);
	}

	async waitUntil(check: () => Promise<boolean>): Promise<boolean> {
		// A page changes only when another one is loaded: one look is enough.
		if (await check()) return true;
		if (hasScripts(this.page)) throw new NeedsBrowser('the page draws itself with scripts');
		return false;
	}

	async appears(selector: string): Promise<boolean> {
		if ((await this.count(selector)) > 0) return true;
		if (hasScripts(this.page))
			throw new NeedsBrowser(`${selector} is not in the server's HTML and the page has scripts`);
		return false;
	}

	async more(): Promise<boolean> {
		throw new NeedsBrowser('"load more" and infinite scrolling need the browser');
	}

	async fetchFile(url: string, maxBytes: number, form?: Record<string, string>): Promise<RawFile> {
		const target = resolve(this.page, url);
		if (!target)
			throw new PortalError('DOWNLOAD_FAILED', 'The document address is not a web address.');
		return this.download(
			form
				? { method: 'POST', url: target.href, body: new URLSearchParams(form) }
				: { method: 'GET', url: target.href },
			maxBytes,
		);
	}

	async downloadByPress(
		rows: string,
		index: number,
		button: string,
		what: string,
		maxBytes: number,
	): Promise<RawFile> {
		const el = this.find(button, what, { rows, index });
		return this.download(this.action(el, what), maxBytes);
	}

	async storageState(): Promise<StorageState> {
		const state = await storageStateFromJar(this.jar, this.origins);
		return this.sessionStorage ? { ...state, sessionStorage: this.sessionStorage } : state;
	}

	async call(request: ApiCall): Promise<ApiAnswer> {
		if (request.inPage)
			throw new NeedsBrowser(
				'the definition calls its API from inside the page (documents.api.inPage)',
			);
		return sendApiCall(this.fetcher, request);
	}

	async sessionValue(
		area: 'cookie' | 'localStorage' | 'sessionStorage',
		name: string,
		url: string,
	): Promise<string | undefined> {
		const state = { origins: this.origins, sessionStorage: this.sessionStorage };
		return sessionValueOf(this.jar, state, area, name, url);
	}

	async screenshot(): Promise<Buffer | undefined> {
		return undefined;
	}

	blockedNavigation(): string | undefined {
		return this.fetcher.blockedNavigation();
	}

	proxyRefusal(): undefined {
		return undefined;
	}

	/**
	 * The element a step acts on: the first match, or the match inside the nth row. Missing, it
	 * means the page needs scripts (when it has some) or the portal changed.
	 */
	private find(selector: string, what: string, nth?: { rows: string; index: number }): Element {
		const scope = nth ? this.page.document.querySelectorAll(nth.rows)[nth.index] : undefined;
		if (nth && !scope) throw this.missing(what);
		const el = (scope ?? this.page.document).querySelector(selector);
		if (!el) throw this.missing(what);
		return el;
	}

	private missing(what: string): Error {
		if (hasScripts(this.page))
			return new NeedsBrowser(`${what} is not in the server's HTML and the page has scripts`);
		return new PortalError('LAYOUT_CHANGED', `Expected element not found: ${what}.`, {
			missingElement: what,
			url: safeUrl(this.page.url),
		});
	}

	/** What pressing an element sends: its form (a submit control) or its link's address. */
	private action(pressed: Element, what: string): Submission {
		// A click on a label or icon inside a link or button acts on that link or button.
		const el = pressed.closest(ACTIONABLE) ?? pressed;
		if (isSubmitControl(el)) {
			const form = formOwner(el);
			if (form) return formSubmission(this.page, form, this.edits, el);
		} else if ((el.localName === 'a' || el.localName === 'area') && el.hasAttribute('href')) {
			const href = el.getAttribute('href') ?? '';
			const target = resolve(this.page, href);
			// A link to a place on this very page only scrolls (note that "#top" resolves against
			// <base href>, and so leads to another page where there is one, in browsers too).
			const bare = (u: URL) => u.href.split('#')[0];
			const samePage =
				!!target && target.href.includes('#') && bare(target) === bare(new URL(this.page.url));
			if (target && target.protocol !== 'javascript:' && !samePage)
				return { method: 'GET', url: target.href };
		}
		throw new NeedsBrowser(`${what} works only with scripts`);
	}

	/**
	 * Loads the answer to a request as the current page. HTTP errors become reasons as in the
	 * browser engine. `fromPage`: the request comes from the current page (a pressed link or
	 * button, not a typed address): it is sent with that page as referrer, and an answer that is
	 * no page (a file) leaves the page as it was, as a browser downloads it and stays (false).
	 */
	private async load(submission: Submission, fromPage: boolean): Promise<boolean> {
		let request = submission;
		let referrer = fromPage && this.page.url !== 'about:blank' ? this.page.url : undefined;
		for (let refreshes = 0; ; refreshes++) {
			const exchange = await this.fetcher.send(request.url, {
				method: request.method,
				body: request.body,
				referrer,
			});
			const { response } = exchange;
			const contentType = response.headers.get('content-type');
			const isPage = !contentType || HTML_TYPES.test(contentType);
			if (fromPage && !isPage && response.status < 429) {
				await this.fetcher.discard(exchange);
				return false;
			}
			const body = await this.fetcher.read(exchange, MAX_PAGE_BYTES, () =>
				pageTooLarge(exchange.url),
			);
			// The answer is the page now, an error page too (as in the browser, whose url() is there).
			this.page = parsePage(isPage ? decodeHtml(body, contentType) : '', exchange.url);
			this.edits = new FormEdits();
			if (response.status >= 429)
				throwForStatus(
					response.status,
					exchange.url,
					response.headers.get('retry-after') ?? undefined,
					pageText(this.page),
				);
			// A page that moves on at once by <meta http-equiv="refresh"> (sign-in hops do) moves
			// on in a browser without any script too.
			const next = refreshes < MAX_REFRESHES ? refreshTarget(this.page) : undefined;
			if (!next) return true;
			request = { method: 'GET', url: next };
			referrer = this.page.url;
		}
	}

	/** Fetches a file with the session (either engine's: see BrowserSurface.fetchFile), status reasons and cap checked. */
	private async download(submission: Submission, maxBytes: number): Promise<RawFile> {
		const where = safeUrl(submission.url);
		const brokenOff = (error: PortalError) =>
			new PortalError('DOWNLOAD_FAILED', `The download from ${where} broke off: ${error.message}`, {
				url: where,
			});
		let exchange;
		try {
			exchange = await this.fetcher.send(submission.url, {
				method: submission.method,
				body: submission.body,
				referrer: this.page.url === 'about:blank' ? undefined : this.page.url,
				kind: 'file',
				timeoutMs: fileTimeoutMs(),
			});
		} catch (error) {
			// A request that fails is a failed download (a refused
			// address stays NAVIGATION_BLOCKED, a stopped run stays stopped).
			if (error instanceof PortalError && ['TIMEOUT', 'PORTAL_UNAVAILABLE'].includes(error.code))
				throw brokenOff(error);
			throw error;
		}
		const { response } = exchange;
		try {
			throwForDownloadStatus(response.status, (name) => response.headers.get(name), maxBytes);
		} catch (error) {
			await this.fetcher.discard(exchange);
			throw error;
		}
		const body = await this.fetcher.read(
			exchange,
			maxBytes,
			() =>
				new PortalError('INVALID_FILE', `The file is larger than the limit of ${maxBytes} bytes.`),
			brokenOff,
		);
		return {
			body,
			contentType: response.headers.get('content-type') ?? undefined,
			suggestedName: filenameFrom(response.headers.get('content-disposition')),
		};
	}
}

/**
 * Where a <meta http-equiv="refresh"> sends the browser within a second, if anywhere. A page that
 * reloads itself later (a list refreshed every few minutes) stays as it is.
 */
function refreshTarget(page: HtmlPage): string | undefined {
	const meta = Array.from(page.document.querySelectorAll('meta[http-equiv]')).find(
		(m) => (m.getAttribute('http-equiv') ?? '').trim().toLowerCase() === 'refresh',
	);
	const match = meta
		?.getAttribute('content')
		?.match(/^\s*(\d+)(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(['"]?)([^'"]*)\2\s*$/i);
	if (!match || Number(match[1]) > 1 || !match[3].trim()) return undefined;
	const target = resolve(page, match[3]);
	if (!target || !/^https?:$/.test(target.protocol) || target.href === page.url) return undefined;
	return target.href;
}
