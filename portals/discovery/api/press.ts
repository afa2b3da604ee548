import type { Page } from 'playwright';
import { DOWNLOAD_WORDS } from '../words/document-words';
import { forbiddenWord } from '../words/forbidden-words';
import type { ApiRecorder } from './record';

const MARK = 'data-invoice-portals-press';

/**
 * The one press discovery allows itself: where the items hold no file address and the app made no
 * download, the first visible button (or script link) whose words say download and nothing
 * forbidden, in one row, is pressed once, so that the recorder sees the request the app makes for
 * a file. The page's guard (documents/guard.ts) still refuses any navigation that is not a GET,
 * leaves the site or names a forbidden word; a file the press saves is deleted at once. True when
 * the press led to a recorded call.
 */
export async function pressOneDownload(page: Page, recorder: ApiRecorder): Promise<boolean> {
	const found = await page
		.evaluate(
			({ words, mark }) => {
				const text = (el: Element) =>
					(
						(el as HTMLElement).innerText ||
						el.getAttribute('aria-label') ||
						el.getAttribute('title') ||
						''
					)
						.replace(/\s+/g, ' ')
						.trim();
				const candidates = Array.from(
					document.querySelectorAll(
						'button, [role="button"], a:not([href]), a[href^="javascript:"]',
					),
				).filter((el) => {
					const box = (el as HTMLElement).getBoundingClientRect();
					const says = text(el).toLowerCase();
					return (
						box.width > 0 &&
						box.height > 0 &&
						says.length <= 40 &&
						words.some((w) => says.includes(w))
					);
				});
				const chosen = candidates[0];
				if (!chosen) return '';
				chosen.setAttribute(mark, '');
				return text(chosen);
			},
			{ words: DOWNLOAD_WORDS, mark: MARK },
		)
		.catch(() => '');
	if (!found || forbiddenWord(found)) return false;
	const before = recorder.calls.length;
	const download = page.waitForEvent('download', { timeout: 5_000 }).catch(() => undefined);
	const pressed = await page
		.locator(`[${MARK}]`)
		.first()
		.click({ timeout: 5_000 })
		.then(() => true)
		.catch(() => false);
	if (!pressed) return false;
	await Promise.race([download, page.waitForTimeout(5_000)]);
	await (await download)?.delete().catch(() => undefined);
	await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
	await recorder.settled();
	return recorder.calls.length > before;
}
