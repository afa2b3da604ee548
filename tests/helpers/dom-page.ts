import type { Page } from 'playwright';

/** The part of jsdom (a dev dependency; it ships no types) these tests use. */
interface Jsdom {
	JSDOM: new (html: string, options: { url: string }) => { window: { document: Document } };
}

/**
 * A stand-in for a Playwright page that runs page.evaluate's function against a jsdom document
 * in Node, for code that reads pages with standard DOM calls inside one evaluate. jsdom has no
 * layout: innerText is absent, so such code falls back to textContent as it is written to.
 */
export function domPage(html: string, url = 'https://portal.example/'): Page {
	const { JSDOM } = jest.requireActual<Jsdom>('jsdom');
	const { document } = new JSDOM(html, { url }).window;
	const global = globalThis as { document?: Document };
	return {
		url: () => url,
		async evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R> {
			const before = global.document;
			global.document = document;
			try {
				return fn(arg);
			} finally {
				global.document = before;
			}
		},
	} as unknown as Page;
}
