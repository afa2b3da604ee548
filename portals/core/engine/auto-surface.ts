import type { RawFile } from '../contract/raw-file';
import type { ApiAnswer, ApiCall } from '../contract/api-call';
import type { StorageState } from '../contract/session';
import { PortalError } from '../outcomes/errors';
import { NeedsBrowser } from '../contract/needs-browser';
import type { EngineName, PageFunction, Readable, Surface } from '../contract/surface';

/** The browser's page for the rest of a run, started on demand with the HTTP engine's cookies. */
export type StartBrowser = (storage: StorageState) => Promise<Surface>;

/**
 * `"engine": "auto"`: plain HTTP until a step needs scripts (NeedsBrowser), then the browser for
 * the rest of the run. The browser starts with the HTTP engine's cookies and opens the page the
 * HTTP engine was on, so the run goes on where it was: a login is never sent twice. A step the
 * HTTP engine had not carried out yet is carried out in the browser; one it had sent (a form
 * whose answer draws itself with scripts) is only waited for there. What was typed into the
 * current page's form goes along.
 */
export class AutoSurface implements Surface {
	private browser?: Surface;
	/** Why the run moved to the browser, for its report. */
	switchedBecause?: string;
	private typed: { selector: string; value?: string }[] = [];

	constructor(
		private readonly http: Surface,
		private readonly startBrowser: StartBrowser,
	) {}

	get engine(): EngineName {
		return this.browser ? 'browser' : 'http';
	}

	/** The surface that shows the pages now. */
	get current(): Surface {
		return this.browser ?? this.http;
	}

	/**
	 * The browser for the rest of the run, started now when a step asks for it by name (the
	 * Automatic portal's discovery reads pages only a browser shows).
	 */
	async useBrowser(why: string): Promise<Surface> {
		return this.browser ?? this.moveToBrowser(why);
	}

	private async moveToBrowser(why: string): Promise<Surface> {
		const where = this.http.url();
		let browser: Surface;
		try {
			browser = await this.startBrowser(await this.http.storageState());
		} catch (error) {
			// Where no browser can start (none installed, or INVOICE_PORTALS_BROWSER=none), say
			// that this portal is one that needs it, and for which step.
			if (error instanceof PortalError && error.code === 'BROWSER_UNAVAILABLE')
				throw new PortalError(
					'BROWSER_UNAVAILABLE',
					`This portal needs a browser for a step plain HTTP cannot do (${why}). ${error.message}`,
				);
			throw error;
		}
		this.browser = browser;
		this.switchedBecause = why;
		if (/^https?:/.test(where)) await browser.open(where);
		for (const { selector, value } of this.typed) {
			if (!(await browser.count(selector))) continue;
			if (value === undefined) await browser.check(selector);
			else await browser.fill(selector, value, selector);
		}
		return browser;
	}

	/**
	 * Runs a step on the current surface; on NeedsBrowser, moves and runs it in the browser, or
	 * (the HTTP engine had already sent it) runs `afterSent` there instead.
	 */
	private async step<T>(
		run: (surface: Surface) => Promise<T>,
		afterSent?: (browser: Surface) => Promise<T>,
	): Promise<T> {
		if (this.browser) return run(this.browser);
		try {
			return await run(this.http);
		} catch (error) {
			if (!(error instanceof NeedsBrowser)) throw error;
			const browser = await this.moveToBrowser(error.why);
			return error.sent && afterSent ? afterSent(browser) : run(browser);
		}
	}

	url(): string {
		return this.current.url();
	}

	evaluate<R, A>(fn: PageFunction<A, R>, arg: A): Promise<R> {
		return this.current.evaluate(fn, arg);
	}

	open(url: string): Promise<void> {
		this.typed = [];
		return this.current.open(url);
	}

	async openToRead(url: string, expected: string): Promise<Readable> {
		this.typed = [];
		const page = await this.current.openToRead(url, expected);
		// The engine's own page is read through this surface, which follows a later switch.
		return page === this.current ? this : page;
	}

	count(selector: string): Promise<number> {
		return this.current.count(selector);
	}

	required(selector: string, what: string, timeoutMs?: number): Promise<void> {
		return this.step((s) => s.required(selector, what, timeoutMs));
	}

	async fill(selector: string, value: string, what: string): Promise<void> {
		await this.step((s) => s.fill(selector, value, what));
		this.typed.push({ selector, value });
	}

	async check(selector: string): Promise<void> {
		await this.step((s) => s.check(selector));
		this.typed.push({ selector });
	}

	async press(
		selector: string,
		what: string,
		ready: () => Promise<boolean>,
		options?: { nth?: { rows: string; index: number }; timeoutMs?: number },
	): Promise<void> {
		await this.step(
			(s) => s.press(selector, what, ready, options),
			async (browser) => {
				await browser.waitUntil(ready, options?.timeoutMs ?? 20_000);
			},
		);
		this.typed = [];
	}

	async choose(selector: string, value: string, what: string): Promise<void> {
		await this.step((s) => s.choose(selector, value, what));
		this.typed = [];
	}

	waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
		return this.step((s) => s.waitUntil(check, timeoutMs));
	}

	appears(selector: string, timeoutMs: number): Promise<boolean> {
		return this.step((s) => s.appears(selector, timeoutMs));
	}

	more(rows: string, loadMore?: string): Promise<boolean> {
		return this.step((s) => s.more(rows, loadMore));
	}

	fetchFile(url: string, maxBytes: number, form?: Record<string, string>): Promise<RawFile> {
		return this.current.fetchFile(url, maxBytes, form);
	}

	downloadByPress(
		rows: string,
		index: number,
		button: string,
		what: string,
		maxBytes: number,
	): Promise<RawFile> {
		return this.step((s) => s.downloadByPress(rows, index, button, what, maxBytes));
	}

	/** Printing needs the browser: a run on HTTP moves there for it. */
	async printPage(url: string, expected: string, maxBytes: number): Promise<RawFile> {
		const browser = await this.useBrowser('documents.download.print: a page printed to PDF');
		return browser.printPage!(url, expected, maxBytes);
	}

	call(request: ApiCall): Promise<ApiAnswer> {
		// An inPage call on HTTP moves the run to the browser, where the page holds the token.
		return this.step((s) => s.call(request));
	}

	sessionValue(
		area: 'cookie' | 'localStorage' | 'sessionStorage',
		name: string,
		url: string,
	): Promise<string | undefined> {
		return this.current.sessionValue(area, name, url);
	}

	storageState(): Promise<StorageState> {
		return this.current.storageState();
	}

	screenshot(): Promise<Buffer | undefined> {
		return this.current.screenshot();
	}

	blockedNavigation(): string | undefined {
		return this.http.blockedNavigation() ?? this.browser?.blockedNavigation();
	}

	proxyRefusal(): Error | undefined {
		return this.browser?.proxyRefusal();
	}
}
