import type { BrowserContext, Locator, Page } from 'playwright';
import { PortalError, safeUrl } from '../core/outcomes/errors';

/**
 * Waits briefly for an element a page object depends on. When it is not there, the portal
 * changed: say which element, so the report is useful to whoever fixes the adapter.
 */
export async function required(
	locator: Locator,
	what: string,
	timeoutMs = 5_000,
): Promise<Locator> {
	try {
		await locator.first().waitFor({ state: 'attached', timeout: timeoutMs });
		return locator.first();
	} catch {
		throw new PortalError('LAYOUT_CHANGED', `Expected element not found: ${what}.`, {
			missingElement: what,
			url: safeUrl(locator.page().url()),
		});
	}
}

/** Text of an optional element (an error banner, say), or undefined when there is none. */
export async function optionalText(locator: Locator): Promise<string | undefined> {
	if ((await locator.count()) === 0) return undefined;
	const text = (await locator.first().innerText()).trim();
	return text || undefined;
}

/** Which second factor a prompt asks for, from its wording (the table lives with the methods). */
export { methodFromPrompt } from '../core/login/two-factor';

/** Clicks something that loads a new page (a form submit) and waits until that page is there. */
export async function clickAndWaitForPage(locator: Locator, timeoutMs = 30_000): Promise<void> {
	const page = locator.page();
	await Promise.all([
		page.waitForEvent('domcontentloaded', { timeout: timeoutMs }),
		locator.click(),
	]);
}

/**
 * Opens a page and turns the portal's HTTP answer into a reason: 429 (slow down), 503 with a
 * maintenance notice, other 5xx (down). Without this, an error page would be reported as a
 * layout change.
 */
export async function openPage(page: Page, url: string): Promise<void> {
	// The document is what we read; images and style sheets loading after it change nothing.
	const response = await page.goto(url, { waitUntil: 'domcontentloaded' });
	const status = response?.status() ?? 200;
	if (status < 429) return;
	throwForStatus(
		status,
		url,
		response?.headers()['retry-after'],
		(
			await page
				.locator('body')
				.innerText()
				.catch(() => '')
		).slice(0, 2000),
	);
}

/**
 * Turns an HTTP error answer to a page (status 429 or above) into a reason: 429 RATE_LIMITED with
 * the Retry-After seconds, 5xx with a maintenance notice in `text` (the page's text or HTML)
 * MAINTENANCE, anything else PORTAL_UNAVAILABLE. Shared by both engines, so a portal's answer
 * means the same whichever one showed it.
 */
export function throwForStatus(
	status: number,
	url: string,
	retryAfterHeader: string | undefined,
	text: string,
): never {
	if (status === 429) {
		const retryAfter = Number(retryAfterHeader);
		throw new PortalError('RATE_LIMITED', 'The portal answered "too many requests".', {
			retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
			url: safeUrl(url),
		});
	}
	if (status >= 500 && /maintenance|onderhoud|maintenance programm|wartung/i.test(text)) {
		throw new PortalError('MAINTENANCE', `The portal is in maintenance (HTTP ${status}).`, {
			url: safeUrl(url),
			portalMessage: text
				.split('\n')
				.find((l) => /maintenance/i.test(l))
				?.replace(/<[^>]+>/g, '')
				.trim(),
		});
	}
	throw new PortalError('PORTAL_UNAVAILABLE', `The portal answered HTTP ${status}.`, {
		url: safeUrl(url),
	});
}

/**
 * Fetches a page's HTML through the context's request API (the login cookies, no rendering):
 * several times faster than opening it, for list pages whose markup is already known to be
 * readable. HTTP errors become reasons as in openPage; `url` is where redirects ended.
 */
export async function fetchHtml(
	context: BrowserContext,
	url: string,
): Promise<{ url: string; html: string }> {
	const response = await context.request.get(url, { failOnStatusCode: false, timeout: 30_000 });
	try {
		const html = await response.text();
		if (response.status() >= 429)
			throwForStatus(
				response.status(),
				url,
				response.headers()['retry-after'],
				html.slice(0, 4000),
			);
		return { url: response.url(), html };
	} finally {
		await response.dispose().catch(() => undefined);
	}
}
