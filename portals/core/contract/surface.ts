import type { ApiAnswer, ApiCall } from './api-call';
import type { RawFile } from './raw-file';
import type { StorageState } from './session';

/** The two ways a run can show a portal's pages: a real browser, or plain HTTP with HTML parsed in Node. */
export type EngineName = 'browser' | 'http';

/** What a definition asks for: one engine, or HTTP first with the browser when a page needs scripts. */
export type EngineChoice = EngineName | 'auto';

/**
 * Reads a page with standard DOM calls. The function runs where the page is: inside the browser
 * (page.evaluate) or in Node against the parsed HTML, with `document` set to the page's document
 * either way. It must be self-contained (no outer variables, no imports) and return plain JSON.
 * Links: use getAttribute('href') resolved against document.baseURI (both engines give the
 * page's real base there); `option.textContent`, not `option.text`.
 */
export type PageFunction<A, R> = (arg: A) => R;

/** The part of a page a reader needs: what it shows, and where it is. A Playwright Page fits too. */
export interface Readable {
	url(): string;
	evaluate<R, A>(fn: PageFunction<A, R>, arg: A): Promise<R>;
}

/**
 * A page as a definition run works with it, whichever engine shows it. Selectors are CSS; each
 * action acts on the first matching element (or the nth, where given). Actions that find no
 * element throw LAYOUT_CHANGED naming `what`. HTTP errors of the portal become reasons (429
 * RATE_LIMITED, 5xx MAINTENANCE or PORTAL_UNAVAILABLE) as in the browser.
 */
export interface Surface extends Readable {
	readonly engine: EngineName;
	/** Opens an address (GET) and waits for its document. */
	open(url: string): Promise<void>;
	/**
	 * Opens a page only to read it (a documents list's next page) and returns it. The browser
	 * fetches the server's HTML with the session's cookies and reads it without rendering (several
	 * times faster) when `expected` is in that HTML or the page runs no scripts; otherwise it
	 * opens the page as open() does. HTTP: open(). The result is read, never acted on.
	 */
	openToRead(url: string, expected: string): Promise<Readable>;
	/** How many elements match now. */
	count(selector: string): Promise<number>;
	/**
	 * Waits briefly for an element; when it is not there, throws LAYOUT_CHANGED naming `what`
	 * (HTTP: the server's HTML is final, so there is no waiting).
	 */
	required(selector: string, what: string, timeoutMs?: number): Promise<void>;
	/** Types a value into a field (it replaces what was there). */
	fill(selector: string, value: string, what: string): Promise<void>;
	/** Ticks a checkbox. */
	check(selector: string): Promise<void>;
	/**
	 * Presses a button or link and waits until the page changed and `ready` says it shows
	 * something known, or a grace period passed. HTTP: a submit button submits its form as a
	 * browser would (every field, hidden ones too, and the button's own name and value); a link
	 * is followed.
	 */
	press(
		selector: string,
		what: string,
		ready: () => Promise<boolean>,
		options?: { nth?: { rows: string; index: number }; timeoutMs?: number },
	): Promise<void>;
	/** Chooses an option of a <select>; the portal shows the page for that choice (its form is submitted). */
	choose(selector: string, value: string, what: string): Promise<void>;
	/**
	 * Polls `check` until it is true or the time is up. HTTP: a page changes only when we load
	 * another one, so this checks once.
	 */
	waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean>;
	/** Waits for at least one element (rows an app draws after loading); false when none came. */
	appears(selector: string, timeoutMs: number): Promise<boolean>;
	/** Shows more rows on the same page (a "load more" button, or scrolling to the end); false when no more came. */
	more(rows: string, loadMore?: string): Promise<boolean>;
	/** Fetches a file with the session's cookies (GET, or POST of a download form), capped at maxBytes. */
	fetchFile(url: string, maxBytes: number, form?: Record<string, string>): Promise<RawFile>;
	/** Presses a row's download button and reads the file it gives. */
	downloadByPress(
		rows: string,
		index: number,
		button: string,
		what: string,
		maxBytes: number,
	): Promise<RawFile>;
	/**
	 * Opens an invoice page the portal offers instead of a file and prints it to PDF, once it shows
	 * `expected` (the row's number). The browser only (Chromium prints); the file is marked printed.
	 */
	printPage?(url: string, expected: string, maxBytes: number): Promise<RawFile>;
	/**
	 * Sends a call as the portal's app does (a definition's documents.api), with the session's
	 * cookies and the call's headers, inside the allowed origins, time-limited and capped. Both
	 * engines send it from Node; `inPage` calls are made by fetch() inside the page (browser only).
	 */
	call(request: ApiCall): Promise<ApiAnswer>;
	/**
	 * A value of the session: a cookie for an address, or what the signed-in page keeps in its
	 * localStorage or sessionStorage (the page's own origin first; over HTTP the saved session's).
	 */
	sessionValue(
		area: 'cookie' | 'localStorage' | 'sessionStorage',
		name: string,
		url: string,
	): Promise<string | undefined>;
	/** The session (cookies, and the browser's local storage) to save for the next run. */
	storageState(): Promise<StorageState>;
	/** A picture of the page for a bug report, where the engine can draw one. */
	screenshot(): Promise<Buffer | undefined>;
	/** An address outside the allowed ones the portal tried to lead to (and was stopped at). */
	blockedNavigation(): string | undefined;
	/**
	 * Why the browser was not handed a page (browser/forward-proxy.ts: too large, or its server not
	 * reachable). The HTTP engine throws its reason where it reads the page, so it has none to tell.
	 */
	proxyRefusal(): Error | undefined;
}
