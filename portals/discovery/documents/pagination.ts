import type { Page } from 'playwright';
import type { PaginationSpec } from '../../definitions/pagination';
import { forbiddenWord, isForbiddenLink } from '../words/forbidden-words';
import { LOAD_MORE_WORDS, NEXT_WORDS, PAGE_PARAMS } from '../words/document-words';
import { onSite } from './links';
import { shortUrl } from './page-score';

export interface PaginationFinding {
	spec?: PaginationSpec;
	how: string;
}

interface Candidates {
	relNext: string[];
	nextLinks: { selector?: string; text: string; href: string }[];
	pageLinks: string[];
	buttons: { selector?: string; text: string }[];
}

/** Reads the page's next links, page-numbered links and buttons; nothing is clicked. */
async function candidates(
	page: Page,
	nextWords: string[],
	moreWords: string[],
): Promise<Candidates> {
	return page.evaluate(
		({ nextWords, moreWords }) => {
			const text = (el: Element) =>
				((el as HTMLElement).innerText || el.textContent || el.getAttribute('aria-label') || '')
					.replace(/\s+/g, ' ')
					.trim();
			const startsWith = (t: string, words: string[]) => {
				const lower = t.toLowerCase();
				return words.some(
					(w) => lower === w || lower.startsWith(`${w} `) || lower.endsWith(` ${w}`),
				);
			};
			// A selector that finds exactly this element: its id, else one of its classes.
			// (Pagers are often shown twice, above and below the list: the same address counts as one.)
			const uniqueSelector = (el: Element) => {
				const tag = el.tagName.toLowerCase();
				const options = [
					el.id ? `${tag}#${CSS.escape(el.id)}` : '',
					...Array.from(el.classList).map((c) => `${tag}.${CSS.escape(c)}`),
					el.getAttribute('aria-label')
						? `${tag}[aria-label="${el.getAttribute('aria-label')!.replace(/"/g, '')}"]`
						: '',
				].filter(Boolean);
				const href = (e: Element) => (e as HTMLAnchorElement).href;
				return options.find((s) => {
					const found = Array.from(document.querySelectorAll(s));
					return found.length === 1 || (!!href(el) && found.every((f) => href(f) === href(el)));
				});
			};
			const anchors = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'));
			return {
				relNext: anchors
					.filter((a) => (a.getAttribute('rel') || '').toLowerCase().split(/\s+/).includes('next'))
					.map((a) => a.href),
				nextLinks: anchors
					.filter((a) => startsWith(text(a), nextWords))
					.map((a) => ({ selector: uniqueSelector(a), text: text(a), href: a.href })),
				pageLinks: anchors.map((a) => a.href),
				buttons: Array.from(document.querySelectorAll('button, [role=button]'))
					.filter((b) => startsWith(text(b), moreWords))
					.map((b) => ({ selector: uniqueSelector(b), text: text(b) })),
			};
		},
		{ nextWords, moreWords },
	);
}

/** Scrolls to the end (scrolling is no click) and tells whether the page grew: infinite scroll. */
async function growsOnScroll(page: Page, rows: string | undefined): Promise<boolean> {
	const size = () =>
		page.evaluate(
			(rows) =>
				rows ? document.querySelectorAll(rows).length : document.querySelectorAll('a[href]').length,
			rows,
		);
	const before = await size();
	await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	for (let i = 0; i < 30; i++) {
		await page.waitForTimeout(100);
		if ((await size()) > before) return true;
	}
	return false;
}

/**
 * How the documents list shows more: a rel=next link, a link whose text says next (weiter,
 * suivant, volgende, Oudere ...), page-numbered addresses (?page=2), a load-more button (found
 * only; the run presses it, discovery never), or rows added when scrolled to the end.
 */
export async function paginationOf(
	page: Page,
	domains: string[],
	rows?: string,
): Promise<PaginationFinding> {
	const found = await candidates(page, NEXT_WORDS, LOAD_MORE_WORDS);
	const safe = (href: string, text = '') => onSite(href, domains) && !isForbiddenLink(text, href);
	if (found.relNext.some((h) => safe(h)))
		return {
			spec: { next: 'a[rel=next]' },
			how: `a[rel=next] link (${shortUrl(found.relNext[0])})`,
		};
	const next = found.nextLinks.find((l) => l.selector && safe(l.href, l.text));
	if (next) return { spec: { next: next.selector }, how: `"${next.text}" link (${next.selector})` };
	const here = new URL(page.url());
	for (const href of found.pageLinks.filter((h) => safe(h))) {
		const url = new URL(href);
		if (url.pathname !== here.pathname) continue;
		const param = PAGE_PARAMS.find((p) => url.searchParams.get(p) === '2');
		if (param) return { spec: { pageParam: param }, how: `page parameter ?${param}=2` };
	}
	const more = found.buttons.find((b) => b.selector && !forbiddenWord(b.text));
	if (more)
		return {
			spec: { loadMore: more.selector },
			how: `"${more.text}" button (${more.selector}), pressed only by the run`,
		};
	if (await growsOnScroll(page, rows))
		return {
			spec: { infiniteScroll: true },
			how: 'more rows appear when scrolled to the end (infinite scroll)',
		};
	return { how: 'none: one page of documents' };
}
