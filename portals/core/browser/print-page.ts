import type { BrowserContext, Page } from 'playwright';
import { PortalError, safeUrl } from '../outcomes/errors';
import { pageTimeoutMs } from '../http/guarded-fetch';
import type { RawFile } from '../contract/raw-file';

/** Printing a page of a few screens takes Chromium well under a second; a page that never finishes is stopped. */
const PRINT_TIMEOUT_MS = 30_000;

/** A page of its own for printing, so that the run's page stays where the listing left it. */
export async function printingPage(context: BrowserContext): Promise<Page> {
	const page = await context.newPage();
	page.setDefaultTimeout(20_000);
	page.setDefaultNavigationTimeout(pageTimeoutMs());
	return page;
}

/**
 * Prints the invoice page `page` shows to PDF (Chromium's own print, headless only), once it
 * shows `expected` (the row's number): a sign-in page or another document's page is never
 * printed in its place. Capped at maxBytes and time-limited like a file download.
 */
export async function printShown(page: Page, expected: string, maxBytes: number): Promise<RawFile> {
	const text = await page
		.locator('body')
		.innerText()
		.catch(() => '');
	if (!expected || !text.includes(expected))
		throw new PortalError(
			'DOWNLOAD_FAILED',
			`The invoice page ${safeUrl(page.url())} does not show ${expected}: it was not printed (the next run tries again).`,
		);
	await page.emulateMedia({ media: 'print' });
	let timer: NodeJS.Timeout | undefined;
	const body = await Promise.race([
		page.pdf({ format: 'A4', printBackground: true }),
		new Promise<never>((_, reject) => {
			timer = setTimeout(
				() => reject(new PortalError('TIMEOUT', 'Printing the invoice page took too long.')),
				PRINT_TIMEOUT_MS,
			);
		}),
	]).finally(() => clearTimeout(timer));
	if (body.length > maxBytes)
		throw new PortalError(
			'INVALID_FILE',
			`The printed invoice is ${body.length} bytes, above the limit of ${maxBytes} bytes.`,
		);
	return { body, contentType: 'application/pdf', printed: true };
}
