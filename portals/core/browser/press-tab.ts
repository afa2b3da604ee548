import type { BrowserContext, Download, Page, Route } from 'playwright';
import { PortalError } from '../outcomes/errors';
import { withinTime } from '../timing/time-limit';

/** What a download button's press led to: a browser download, or a new tab's address. */
export type PressOutcome = { download: Download } | { tab: string };

/**
 * Presses `click` and waits for what it leads to: a download in `page`, or a new tab that `page`
 * opened (window.open, target=_blank) on a file or a viewer whose address is the file, as on
 * about one portal in six. The tab's first request is stopped before the browser sends it (a
 * route handler, which runs before the run's boundary ones): only its address is kept, and the
 * caller fetches that the HTTP engine's way (every redirect checked, download hosts bare), so a
 * tab to another site sends nothing there. Every tab the press opened is closed before this
 * returns, whatever happened: nothing is left open.
 */
export async function pressForFile(
	context: BrowserContext,
	page: Page,
	click: () => Promise<void>,
	/**
	 * Stop `page`'s own page loads (GET) too and hand their address over: where the definition
	 * has download hosts, a button's file may come through a redirect to one, which the browser
	 * must not fetch with the portal's context; Node's client follows it, bare there.
	 */
	handOverPageLoads = false,
	timeoutMs = 30_000,
): Promise<PressOutcome> {
	const opened: Page[] = [];
	let settle: (outcome: PressOutcome) => void = () => undefined;
	const outcome = new Promise<PressOutcome>((resolve) => (settle = resolve));
	const onDownload = (download: Download) => settle({ download });
	const onPage = (tab: Page) => void (opened.includes(tab) || opened.push(tab));
	const before = new Set(context.pages());
	// Decided at once, with nothing awaited: a tab's file may otherwise start as a download of
	// `page` before the handler answers.
	const stopTab = async (route: Route) => {
		const request = route.request();
		// A new tab's first request may come before Playwright knows its frame (frame() throws):
		// that too is a page load outside the pages there were before the press.
		const from = pageOf(() => request.frame());
		const own = from === page && handOverPageLoads && request.method() === 'GET';
		if (!request.isNavigationRequest() || (from && before.has(from) && !own))
			return route.fallback();
		if (from && !before.has(from) && !opened.includes(from)) opened.push(from);
		settle({ tab: request.url() });
		await route.abort('aborted').catch(() => undefined);
	};
	page.on('download', onDownload);
	context.on('page', onPage);
	await context.route('**/*', stopTab);
	try {
		return await withinTime(
			click().then(() => outcome),
			timeoutMs,
			() =>
				new PortalError(
					'DOWNLOAD_FAILED',
					`The press started no download and opened no tab within ${timeoutMs / 1000} s.`,
				),
		);
	} finally {
		page.off('download', onDownload);
		context.off('page', onPage);
		await context.unroute('**/*', stopTab).catch(() => undefined);
		await Promise.all(opened.map((tab) => tab.close().catch(() => undefined)));
		await closeLateTabs(context, before, opened);
	}
}

/** The page a request's frame belongs to; undefined for requests without one (service workers). */
function pageOf(frame: () => { page(): Page }): Page | undefined {
	try {
		return frame().page();
	} catch {
		return undefined;
	}
}

/**
 * Every page the context has that it had not before the press, and not closed yet, is closed. (A
 * tab whose first request was stopped is, in Chromium, never announced as a page: Playwright
 * keeps none; this is for a tab that was, e.g. one that showed a viewer page first.)
 */
async function closeLateTabs(context: BrowserContext, before: Set<Page>, closed: Page[]) {
	const late = context.pages().filter((p) => !before.has(p) && !closed.includes(p));
	await Promise.all(late.map((tab) => tab.close().catch(() => undefined)));
}
