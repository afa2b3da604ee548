import type { BrowserContext, Locator, Page } from 'playwright';
import { openPage, required } from './page-steps';
import { readDownload } from './read-download';
import { printingPage, printShown } from './print-page';
import { type RawFile } from '../contract/raw-file';
import { HttpSurface } from '../http/http-surface';
import { storedValue, type StorageState } from '../contract/session';
import type { ApiAnswer, ApiCall } from '../contract/api-call';
import { callInPage, pageSessionStorage } from './in-page-call';
import type { PageFunction, Readable, Surface } from '../contract/surface';
import { hasScripts, readablePage } from '../http/html-page';
import type { Boundary } from './boundary';
import { PortalError, safeUrl } from '../outcomes/errors';
import { pressForFile } from './press-tab';

/**
 * Clicks, then waits until the page changed (a new page loaded, or a single-page app redrew
 * itself) and shows something `ready` knows. Classic sites navigate; apps only change the DOM,
 * which a MutationObserver notices. When a loaded page shows nothing known, the caller's rules
 * report it (LAYOUT_CHANGED) after a short grace for late scripts.
 */
async function clickAndSettle(
	page: Page,
	button: Locator,
	ready: () => Promise<boolean>,
	timeoutMs = 20_000,
): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __ipChanged?: boolean; __ipObserver?: MutationObserver };
		w.__ipObserver?.disconnect();
		w.__ipChanged = false;
		w.__ipObserver = new MutationObserver(() => {
			w.__ipChanged = true;
		});
		w.__ipObserver.observe(document, {
			subtree: true,
			childList: true,
			characterData: true,
			attributes: true,
		});
	});
	await button.click();
	const deadline = Date.now() + timeoutMs;
	let loadedAt: number | undefined;
	while (Date.now() < deadline) {
		// After a navigation the marker is gone with the old page: undefined counts as changed.
		const state = await page
			.evaluate(() => (window as unknown as { __ipChanged?: boolean }).__ipChanged)
			.catch(() => false as boolean | undefined);
		if (state !== false) {
			if (state === undefined) loadedAt ??= Date.now();
			if (await ready().catch(() => false)) return;
			if (loadedAt && Date.now() - loadedAt > 2_000) return;
		}
		// A short beat: each step of a login waits here once, and 100 ms beats cost a login
		// in the browser a few hundred milliseconds for nothing.
		await page.waitForTimeout(25);
	}
}

/** A portal page in a real browser (Chromium through Playwright): scripts run, apps draw themselves. */
export class BrowserSurface implements Surface {
	readonly engine = 'browser' as const;

	/**
	 * Node's HTTP client for files and for pages read without rendering, with the browser's
	 * cookies as they were when it was made: made again after the browser showed another page.
	 */
	private client?: Promise<HttpSurface>;

	constructor(
		readonly page: Page,
		readonly context: BrowserContext,
		private readonly boundary: Boundary,
		/** The saved session's sessionStorage (restored into the page by with-engine.ts). */
		private readonly restored: StorageState['sessionStorage'] = [],
	) {}

	url(): string {
		return this.page.url();
	}

	evaluate<R, A>(fn: PageFunction<A, R>, arg: A): Promise<R> {
		// Playwright types the argument as "unboxed"; readers take and return plain JSON.
		return this.page.evaluate(fn as never, arg) as Promise<R>;
	}

	async open(url: string): Promise<void> {
		await this.refusedByProxy(openPage(this.page, url));
		this.client = undefined;
	}

	/**
	 * A page over MAX_PAGE_BYTES never reaches the browser (the context's proxy answers with a
	 * short refusal page instead), nor does one whose server cannot be reached (the browser meets a
	 * failed connection), see forward-proxy.ts: the step that led there ends with the HTTP engine's
	 * reason for such a page, not with what the refusal page looks like or the browser's wording.
	 */
	private async refusedByProxy(step: Promise<void>): Promise<void> {
		await step.catch((error: unknown) => {
			throw this.boundary.proxyRefusal() ?? error;
		});
		const refused = this.boundary.proxyRefusal();
		if (refused) throw refused;
	}

	/**
	 * A list's next pages are several times faster read from the server's HTML than rendered
	 * (the demo's coded adapter does the same), and Node's HTTP client fetches them several times
	 * faster than the browser context's request API, with every redirect checked before it is
	 * followed. Cookies the portal sets on the way go back into the browser. Rendered all the
	 * same where the server's HTML lacks what is expected and the page has scripts that may draw
	 * it (an app's list), or where the answer is no page.
	 */
	async openToRead(url: string, expected: string): Promise<Readable> {
		const client = await this.nodeClient();
		const before = client.cookiesReceived();
		let page;
		try {
			page = await client.readPage(url);
		} finally {
			if (client.cookiesReceived() !== before)
				await this.context.addCookies((await client.storageState()).cookies);
		}
		if (page && (page.document.querySelector(expected) || !hasScripts(page)))
			return readablePage(page);
		await this.open(url);
		return this;
	}

	count(selector: string): Promise<number> {
		return this.page.locator(selector).count();
	}

	async required(selector: string, what: string, timeoutMs?: number): Promise<void> {
		await required(this.page.locator(selector), what, timeoutMs);
	}

	async fill(selector: string, value: string, what: string): Promise<void> {
		await (await required(this.page.locator(selector), what)).fill(value);
	}

	async check(selector: string): Promise<void> {
		await this.page.locator(selector).first().check();
	}

	async press(
		selector: string,
		what: string,
		ready: () => Promise<boolean>,
		options: { nth?: { rows: string; index: number }; timeoutMs?: number } = {},
	): Promise<void> {
		const locator = options.nth
			? this.page.locator(options.nth.rows).nth(options.nth.index).locator(selector)
			: this.page.locator(selector);
		const button = await required(locator, what);
		await this.refusedByProxy(clickAndSettle(this.page, button, ready, options.timeoutMs));
		this.client = undefined;
	}

	async choose(selector: string, value: string, what: string): Promise<void> {
		const element = await required(this.page.locator(selector), what);
		// Most portals reload the page for the choice (the select's onchange submits its form).
		await this.refusedByProxy(
			Promise.all([
				this.page.waitForEvent('domcontentloaded', { timeout: 30_000 }),
				element.selectOption(value),
			]).then(() => undefined),
		);
		this.client = undefined;
	}

	async waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (await check().catch(() => false)) return true;
			if (Date.now() >= deadline) return false;
			await this.page.waitForTimeout(25);
		}
	}

	async appears(selector: string, timeoutMs: number): Promise<boolean> {
		// Usually there already (the page was loaded and read): one look instead of waitFor's
		// polling, whose first retry comes only after about 100 ms.
		if (await this.count(selector).catch(() => 0)) return true;
		return this.page
			.locator(selector)
			.first()
			.waitFor({ timeout: timeoutMs })
			.then(
				() => true,
				() => false,
			);
	}

	async more(rows: string, loadMore?: string): Promise<boolean> {
		const button = loadMore ? this.page.locator(loadMore) : undefined;
		if (button && !(await button.count())) return false;
		const before = await this.page.locator(rows).count();
		if (button) await button.first().click();
		else await this.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
		return this.page
			.waitForFunction(
				({ selector, count }) => document.querySelectorAll(selector).length > count,
				{ selector: rows, count: before },
				{ timeout: 5_000 },
			)
			.then(
				() => true,
				() => false,
			);
	}

	/**
	 * Files whose address is known are fetched the HTTP engine's way, with the browser's cookies:
	 * Node's own HTTP client is several times lighter per request than the browser context's
	 * request API (which passes every body through Playwright's protocol), and every redirect is
	 * checked against the allowed domains before it is followed. The cookies are taken from the
	 * browser again after it showed another page (a portal may have changed them there).
	 */
	async fetchFile(url: string, maxBytes: number, form?: Record<string, string>): Promise<RawFile> {
		return (await this.nodeClient()).fetchFile(url, maxBytes, form);
	}

	/** The client with the browser's cookies; a failed snapshot of them is taken again next time. */
	private nodeClient(): Promise<HttpSurface> {
		this.client ??= this.context.storageState().then(
			(storageState) =>
				new HttpSurface(this.boundary.allows, {
					storageState,
					downloads: this.boundary.downloads,
				}),
		);
		const client = this.client;
		client.catch(() => {
			if (this.client === client) this.client = undefined;
		});
		return client;
	}

	async downloadByPress(
		rows: string,
		index: number,
		button: string,
		what: string,
		maxBytes: number,
	): Promise<RawFile> {
		const element = await required(this.page.locator(rows).nth(index).locator(button), what);
		const led = await pressForFile(
			this.context,
			this.page,
			() => element.click(),
			Boolean(this.boundary.downloads),
		);
		if ('download' in led) return readDownload(led.download, maxBytes);
		// A new tab (already closed), or the page's own load where there are download hosts: its
		// address is fetched as a known file address is (caps, timeouts, checks; redirects to a
		// download host followed bare); a tab to another site is refused before anything is sent.
		const url = new URL(led.tab);
		if (!this.boundary.allows(url) && !this.boundary.downloads?.(url))
			throw new PortalError(
				'NAVIGATION_BLOCKED',
				`${what} opened a tab on ${safeUrl(led.tab)}, outside the portal's sites: not sent.`,
				{ url: safeUrl(led.tab) },
			);
		return this.fetchFile(led.tab, maxBytes);
	}

	/** Opens an invoice page in a page of its own (inside the allowed origins) and prints it to PDF. */
	async printPage(url: string, expected: string, maxBytes: number): Promise<RawFile> {
		const page = await printingPage(this.context);
		try {
			await this.refusedByProxy(openPage(page, url));
			return await printShown(page, expected, maxBytes);
		} finally {
			await page.close().catch(() => undefined);
		}
	}

	/** Playwright's storage state, plus the page's sessionStorage (which Playwright does not keep). */
	async storageState(): Promise<StorageState> {
		const state = await this.context.storageState();
		const captured = await pageSessionStorage(this.page);
		const sessionStorage = [
			...(this.restored ?? []).filter((s) => s.origin !== captured?.origin),
			...(captured ? [captured] : []),
		];
		return sessionStorage.length ? { ...state, sessionStorage } : state;
	}

	/** From Node with the browser's cookies, or (inPage) by fetch() inside the page. */
	async call(request: ApiCall): Promise<ApiAnswer> {
		if (request.inPage) return callInPage(this.page, request, this.boundary.allows);
		return (await this.nodeClient()).call(request);
	}

	async sessionValue(
		area: 'cookie' | 'localStorage' | 'sessionStorage',
		name: string,
		url: string,
	): Promise<string | undefined> {
		if (area === 'cookie')
			return (await this.context.cookies(url)).find((c) => c.name === name)?.value;
		return storedValue(await this.storageState(), area, name, new URL(this.page.url()).origin);
	}

	screenshot(): Promise<Buffer | undefined> {
		return this.page.screenshot({ fullPage: false, timeout: 5_000 }).catch(() => undefined);
	}

	blockedNavigation(): string | undefined {
		return this.boundary.blockedNavigation();
	}

	proxyRefusal(): PortalError | undefined {
		return this.boundary.proxyRefusal();
	}
}
