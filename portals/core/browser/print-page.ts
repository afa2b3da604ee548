import type { BrowserContext, Page } from 'playwright';
import { PortalError, safeUrl } from '../outcomes/errors';
import { pageTimeoutMs } from '../http/guarded-fetch';
import { withinTime } from '../timing/time-limit';
import type { RawFile } from '../contract/raw-file';

/** Printing a page of a few screens takes Chromium well under a second; a page that never finishes is stopped. */
const PRINT_TIMEOUT_MS = 30_000;

/**
 * Chromium prints every page of a document, however long: an invoice is a few pages, a page
 * that grows without end (an endless list) stops at this many instead of filling memory.
 */
const PRINT_PAGE_RANGE = '1-50';

/** Characters that make a number part of a longer token: `12` is not shown by `INV-2026-12` or `120`. */
const TOKEN_BEFORE = String.raw`(?<![\p{L}\p{N}_/-]|\p{N}[.,])`;
const TOKEN_AFTER = String.raw`(?![\p{L}\p{N}_/-]|[.,]\p{N})`;

/**
 * Whether a page's text shows the invoice number as a whole word, not inside a longer token: a
 * short number like "12" is in the text of almost any page (a date, an amount, another invoice's
 * number), which would let a sign-in page or another invoice's page pass as this invoice's.
 */
export function showsNumber(text: string, expected: string): boolean {
	if (!expected.trim()) return false;
	const escaped = expected.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`${TOKEN_BEFORE}${escaped}${TOKEN_AFTER}`, 'u').test(text);
}

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
 * printed in its place. At most PRINT_PAGE_RANGE pages, capped at maxBytes and time-limited like a file download.
 */
export async function printShown(page: Page, expected: string, maxBytes: number): Promise<RawFile> {
	const text = await page
		.locator('body')
		.innerText()
		.catch(() => '');
	if (!showsNumber(text, expected))
		throw new PortalError(
			'DOWNLOAD_FAILED',
			`The invoice page ${safeUrl(page.url())} does not show ${expected}: it was not printed (the next run tries again).`,
		);
	await page.emulateMedia({ media: 'print' });
	const body = await withinTime(
		page.pdf({ format: 'A4', printBackground: true, pageRanges: PRINT_PAGE_RANGE }),
		PRINT_TIMEOUT_MS,
		() => new PortalError('TIMEOUT', 'Printing the invoice page took too long.'),
	);
	if (body.length > maxBytes)
		throw new PortalError(
			'INVALID_FILE',
			`The printed invoice is ${body.length} bytes, above the limit of ${maxBytes} bytes.`,
		);
	return { body, contentType: 'application/pdf', printed: true };
}
