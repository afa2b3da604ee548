import type { Page } from 'playwright';
import type { AccountIdRule } from '../../definitions/spec';
import { ACCOUNT_WORDS, documentWordHits, labelSays, PAGE_PARAMS } from '../words/document-words';
import { isForbiddenLink } from '../words/forbidden-words';
import { looksLikePdf, onSite, type PageLink } from './links';
import { listAddress } from './list-address';
import type { ScoredPage } from './page-score';
import { settle, snapshot } from './snapshot';

/** Sub-accounts given as links: where they are, how to pick them, and where each id is. */
export interface AccountLinksFinding {
	links: string;
	/** The page the links are on, when it is not the documents page. */
	page?: string;
	id: AccountIdRule;
	/** What they say, for the report. */
	labels: string[];
}

/** How an address differs from the documents page's: in one part of its path, or one parameter. */
type Variant = { key: string; value: string; id: AccountIdRule };

const withoutPaging = (href: string): URL => {
	const url = new URL(href);
	url.hash = '';
	for (const p of PAGE_PARAMS) url.searchParams.delete(p);
	return url;
};

/** The one place `href` differs from the list's address `list`, or undefined (none, or several). */
function variantOf(href: string, list: URL): Variant | undefined {
	const url = withoutPaging(href);
	if (url.origin !== list.origin) return undefined;
	const parts = url.pathname.split('/');
	const listParts = list.pathname.split('/');
	const query = url.searchParams.toString();
	if (parts.length === listParts.length && query === list.searchParams.toString()) {
		const differ = parts.map((p, i) => (p === listParts[i] ? -1 : i)).filter((i) => i >= 0);
		if (differ.length !== 1) return undefined;
		// Parts counted from 1 after the leading slash, as the definition's pathPart.
		const index = differ[0];
		return {
			key: `path:${index}`,
			value: decodeURIComponent(parts[index]),
			id: { pathPart: index },
		};
	}
	if (url.pathname !== list.pathname) return undefined;
	const names = new Set([...url.searchParams.keys(), ...list.searchParams.keys()]);
	const differ = [...names].filter((n) => url.searchParams.get(n) !== list.searchParams.get(n));
	if (differ.length !== 1 || !url.searchParams.get(differ[0])) return undefined;
	return {
		key: `param:${differ[0]}`,
		value: url.searchParams.get(differ[0])!,
		id: { param: differ[0] },
	};
}

/** The list's own value in that place: its path part or its parameter. */
function ownValue(variant: Variant, list: URL): string | undefined {
	if (variant.id.param) return list.searchParams.get(variant.id.param) ?? undefined;
	return decodeURIComponent(list.pathname.split('/')[variant.id.pathPart!] ?? '') || undefined;
}

/**
 * A link's text that reads as an account: it names the account's value (a contract or customer
 * number), says account, contract, customer …, or holds a long number; never a forbidden word.
 * Not a page number ("2", "Page 2"), a year or a month (those switch periods), nor a kind of
 * document.
 */
export function readsAsAccount(shown: string, value: string, href = ''): boolean {
	const text = shown.trim();
	if (!text || text.length > 80 || isForbiddenLink(text, href)) return false;
	if (/^((19|20)\d\d)([-/.]\d{1,2})?([-/.]\d{1,2})?$/.test(value)) return false;
	// Tabs of kinds (/documents/invoices, /documents/receipts) are not accounts either.
	if (documentWordHits(value.replace(/[-_]+/g, ' '))) return false;
	return (
		(value.length >= 3 && /\D/.test(value) && text.includes(value)) ||
		labelSays(text, ACCOUNT_WORDS) ||
		/\d{5,}/.test(text.replace(/[\s.-]/g, ''))
	);
}

interface Group {
	source: ScoredPage;
	variant: Variant;
	links: Map<string, PageLink>;
	values: Set<string>;
}

/** On each visited page, the links that lead to lists like the documents page's, grouped by where they differ. */
function groupsOf(visited: ScoredPage[], best: ScoredPage, domains: string[]): Group[] {
	const list = withoutPaging(best.url);
	const groups: Group[] = [];
	for (const source of visited) {
		const byKey = new Map<string, Group>();
		// Links to the documents page itself: its own account, in every group of this page.
		const own: PageLink[] = [];
		for (const link of source.snapshot.links) {
			if (!onSite(link.href, domains) || link.download || looksLikePdf(link.href)) continue;
			if (withoutPaging(link.href).href === list.href) own.push(link);
			const variant = variantOf(link.href, list);
			if (!variant) continue;
			const group = byKey.get(variant.key) ?? {
				source,
				variant,
				links: new Map(),
				values: new Set<string>(),
			};
			byKey.set(variant.key, group);
			group.links.set(withoutPaging(link.href).href, link);
			group.values.add(variant.value);
		}
		for (const group of byKey.values()) {
			const value = ownValue(group.variant, list);
			if (!value) continue;
			for (const link of own) {
				group.links.set(withoutPaging(link.href).href, link);
				group.values.add(value);
			}
			groups.push(group);
		}
	}
	return groups.filter((g) => {
		const own = ownValue(g.variant, list);
		if (!own) return false;
		const values = new Set([...g.values, own]);
		// A selection page lists the documents page's own account too; tabs on the list itself may not.
		if (values.size < 2 || (g.source !== best && !g.values.has(own))) return false;
		return [...g.links.values()].every((l) =>
			readsAsAccount(l.text, variantOf(l.href, list)?.value ?? own, l.href),
		);
	});
}

/**
 * Sub-accounts given as links (issue 33): a page after sign-in, or the documents page itself,
 * whose links lead to pages of the documents page's shape (its address with one path part or one
 * parameter changed), the links' texts reading as accounts (a contract or customer number, a
 * name with such a word). Confirmed by opening one other account's list (a GET on the site,
 * guarded as the crawl is): the same rows, other documents. Returns what the definition writes:
 * a selector that picks exactly those links on their page, the page where it is not the list,
 * and where each account's id is. The browser is left on the documents page. At most
 * MAX_CONFIRM lists are opened in all (a page of many links must not become a crawl of its own),
 * each with a timeout, and none after the crawl's deadline.
 */
export async function accountLinksOf(
	page: Page,
	visited: ScoredPage[],
	best: ScoredPage,
	rows: string,
	domains: string[],
	deadline = Date.now() + 60_000,
): Promise<AccountLinksFinding | undefined> {
	const budget: Budget = { left: MAX_CONFIRM, deadline };
	const groups = groupsOf(visited, best, domains).sort(
		(a, b) =>
			b.values.size - a.values.size || Number(b.source === best) - Number(a.source === best),
	);
	try {
		for (const group of groups) {
			if (!(await otherListConfirmed(page, group, best, rows, budget))) continue;
			const selector = await selectorOn(page, group.source.url, [...group.links.keys()], budget);
			if (!selector) continue;
			return {
				links: selector,
				...(group.source === best
					? {}
					: { page: listAddress(group.source.url, undefined, domains[0]) }),
				id: group.variant.id,
				// In the page's order, each account once.
				labels: [
					...new Set(
						group.source.snapshot.links
							.filter((l) => group.links.has(withoutPaging(l.href).href))
							.map((l) => l.text),
					),
				],
			};
		}
		return undefined;
	} finally {
		// Back on the list even after the deadline, within a timeout of its own.
		if (page.url() !== best.url)
			await page
				.goto(best.url, { waitUntil: 'domcontentloaded', timeout: STEP_MS })
				.catch(() => null);
		await settle(page);
	}
}

/** Other accounts' lists opened at most to confirm a group, in all groups together. */
const MAX_CONFIRM = 3;
/** One page's timeout (the crawl's own cap per page is 30 s; a confirmation is worth less). */
const STEP_MS = 15_000;

interface Budget {
	left: number;
	deadline: number;
}

/** Opens a page within the budget's deadline; null when the time is up or it did not answer. */
async function openWithin(page: Page, href: string, budget: Budget) {
	const remaining = budget.deadline - Date.now();
	if (remaining <= 0) return null;
	const timeout = Math.max(1_000, Math.min(STEP_MS, remaining));
	const response = await page
		.goto(href, { waitUntil: 'domcontentloaded', timeout })
		.catch(() => null);
	if (response) await settle(page, Math.min(5_000, timeout));
	return response;
}

/** One other account's list has the documents page's rows, with other documents in them. */
async function otherListConfirmed(
	page: Page,
	group: Group,
	best: ScoredPage,
	rows: string,
	budget: Budget,
): Promise<boolean> {
	const own = ownValue(group.variant, withoutPaging(best.url));
	const list = withoutPaging(best.url);
	const bestFiles = new Set(best.pdfLinks);
	for (const href of group.links.keys()) {
		if (variantOf(href, list)?.value === own) continue;
		if (budget.left <= 0 || Date.now() >= budget.deadline) return false;
		budget.left--;
		const response = await openWithin(page, href, budget);
		if (!response?.ok()) continue;
		const count = await page.evaluate((s) => document.querySelectorAll(s).length, rows);
		const files = (await snapshot(page, [])).links.filter((l) => looksLikePdf(l.href));
		if (count > 0 && files.some((f) => !bestFiles.has(f.href))) return true;
	}
	return false;
}

/**
 * A CSS selector that picks exactly the account links on their page (each address at least
 * once, nothing else): their shared class, or their list's id or class; plain CSS, so the
 * HTTP engine reads it in the server's HTML too.
 */
async function selectorOn(
	page: Page,
	url: string,
	hrefs: string[],
	budget: Budget,
): Promise<string | undefined> {
	if (page.url() !== url) {
		// The page the links were seen on, again: a page the crawl already opened, not a new one.
		const response = await openWithin(page, url, budget);
		if (!response?.ok()) return undefined;
	}
	return page.evaluate(
		({ wanted, pageParams }) => {
			const key = (href: string) => {
				const u = new URL(href, document.baseURI);
				u.hash = '';
				for (const p of pageParams) u.searchParams.delete(p);
				return u.href;
			};
			const want = new Set(wanted);
			const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]')).filter(
				(a) => want.has(key(a.href)),
			);
			if (!links.length) return undefined;
			const cls = (el: Element) => Array.from(el.classList).map((c) => `.${CSS.escape(c)}`);
			const shared = cls(links[0]).filter((c) => links.every((a) => a.matches(`a${c}`)));
			const candidates = shared.map((c) => `a${c}`);
			for (let el = links[0].parentElement; el && el !== document.body; el = el.parentElement) {
				if (!links.every((a) => el!.contains(a))) continue;
				if (el.id)
					candidates.push(
						`#${CSS.escape(el.id)} a`,
						...shared.map((c) => `#${CSS.escape(el!.id)} a${c}`),
					);
				for (const c of cls(el))
					candidates.push(
						`${el.tagName.toLowerCase()}${c} a`,
						...shared.map((s) => `${el!.tagName.toLowerCase()}${c} a${s}`),
					);
			}
			const exact = (selector: string) => {
				const picked = Array.from(document.querySelectorAll<HTMLAnchorElement>(selector));
				return (
					picked.length > 0 &&
					picked.every((a) => links.includes(a)) &&
					links.every((a) => picked.includes(a))
				);
			};
			return candidates.find((c) => {
				try {
					return exact(c);
				} catch {
					return false;
				}
			});
		},
		{ wanted: hrefs, pageParams: PAGE_PARAMS },
	);
}
