import type { Locator, Page } from 'playwright';
import { PortalError, safeUrl } from '../outcomes/errors';
import { throwForStatus } from '../outcomes/http-status';

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
