import type { BrowserContext, Locator } from 'playwright';
import { throwForStatus } from '../core/outcomes/http-status';

/** Opening a page, and an element a page object depends on: the browser engine's own steps. */
export { openPage, required } from '../core/browser/page-steps';

/** Text of an optional element (an error banner, say), or undefined when there is none. */
export async function optionalText(locator: Locator): Promise<string | undefined> {
	if ((await locator.count()) === 0) return undefined;
	const text = (await locator.first().innerText()).trim();
	return text || undefined;
}

/** Which second factor a prompt asks for, from its wording (the table lives with the methods). */
export { methodFromPrompt } from '../core/contract/two-factor';

/** Clicks something that loads a new page (a form submit) and waits until that page is there. */
export async function clickAndWaitForPage(locator: Locator, timeoutMs = 30_000): Promise<void> {
	const page = locator.page();
	await Promise.all([
		page.waitForEvent('domcontentloaded', { timeout: timeoutMs }),
		locator.click(),
	]);
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
