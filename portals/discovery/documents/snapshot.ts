import type { Page } from 'playwright';
import type { PageLink } from './links';

/** What ranking needs to know of a page: read in one evaluate, nothing clicked. */
export interface PageSnapshot {
	url: string;
	title: string;
	/** The text of h1-h3 and of the current navigation item. */
	headings: string;
	lang: string;
	links: PageLink[];
	/** Buttons whose text says download (export forms): documents without a link. */
	downloadButtons: number;
}

/**
 * Waits until a page has settled: apps load their rows after the document (fetch, then
 * render), so the network going quiet is the sign; a page that never goes quiet (polling) is
 * read after the timeout anyway.
 */
export async function settle(page: Page, timeoutMs = 5_000): Promise<void> {
	await page.waitForLoadState('domcontentloaded', { timeout: timeoutMs }).catch(() => undefined);
	await page.waitForLoadState('networkidle', { timeout: timeoutMs }).catch(() => undefined);
}

export async function snapshot(page: Page, downloadWords: string[]): Promise<PageSnapshot> {
	return page.evaluate((words) => {
		const text = (el: Element) =>
			((el as HTMLElement).innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
		const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]')).map((a) => ({
			href: a.href,
			text: text(a) || a.title || a.getAttribute('aria-label') || '',
			download: a.hasAttribute('download'),
			rel: (a.getAttribute('rel') || '').toLowerCase(),
		}));
		const downloadButtons = Array.from(document.querySelectorAll('button')).filter((b) =>
			words.some((w) => text(b).toLowerCase().includes(w)),
		).length;
		return {
			url: location.href,
			title: document.title,
			headings: Array.from(document.querySelectorAll('h1, h2, h3, [aria-current="page"]'))
				.map(text)
				.join(' · '),
			lang: (document.documentElement.lang || '').toLowerCase(),
			links,
			downloadButtons,
		};
	}, downloadWords);
}
