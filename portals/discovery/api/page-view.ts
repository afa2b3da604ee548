import type { Page } from 'playwright';

/** The text the page shows and its language: what confirms a collection. */
export async function shown(page: Page): Promise<{ text: string; lang: string }> {
	return page
		.evaluate(() => ({
			text: (document.body?.innerText ?? '').slice(0, 1_000_000),
			lang: (document.documentElement.lang || '').toLowerCase(),
		}))
		.catch(() => ({ text: '', lang: '' }));
}

/** The addresses the page links to (absolute, at most 500): a file's may be built from an item. */
export async function fileLinks(page: Page): Promise<string[]> {
	return page
		.evaluate(() =>
			[
				...new Set(
					[...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
				),
			]
				.filter((href) => /^https?:/.test(href))
				.slice(0, 500),
		)
		.catch(() => [] as string[]);
}
