import type { Page } from 'playwright';
import type { DefinitionSpec, FieldSpec } from '../../definitions/spec';
import { DOWNLOAD_WORDS } from '../words/document-words';
import type { DiscoveryReport } from '../report';
import { followable, pageKey, urlPattern, type PageLink } from './links';
import { holdsDocuments, shortUrl, type ScoredPage } from './page-score';
import type { PdfProbe } from './pdf-probe';
import { settle, snapshot } from './snapshot';

/**
 * One level down (issue 33): a list whose rows show number, date and amount but link to a
 * detail page per document, which holds the one PDF link. Found after the crawl, from the pages
 * it visited that hold no PDF link: a repeated link shape (one link per row: /invoices/123,
 * /invoices/124 …) is followed ONCE (a GET, through the same guard as the crawl: same site,
 * no forbidden word), and when that page holds exactly one PDF link, the list is read with those
 * links as its rows' links and the download is written as `download.detail`.
 */
export interface DetailList {
	/** The list page, with its rows' detail links standing for the files' links. */
	list: ScoredPage;
	/** The rows' links to their detail pages (one shape). */
	pattern: string;
	/** Where the file's address is on a detail page. */
	fileLink: FieldSpec;
	/** The detail page that was followed. */
	followed: string;
}

/** At most this many detail pages are opened while looking (one per candidate list). */
const MAX_FOLLOWED = 3;

export async function findDetailList(
	page: Page,
	visited: ScoredPage[],
	domains: string[],
	probe: PdfProbe,
	report: DiscoveryReport,
): Promise<DetailList | undefined> {
	const lists = visited.filter((p) => !holdsDocuments(p)).sort((a, b) => b.score - a.score);
	let followed = 0;
	for (const list of lists) {
		const group = repeatedLinks(list.snapshot.links, domains, list.url)[0];
		if (!group || followed >= MAX_FOLLOWED) continue;
		followed++;
		const target = group[0].href;
		const response = await page
			.goto(target, { waitUntil: 'domcontentloaded', timeout: 15_000 })
			.catch(() => null);
		if (!response?.ok() || !(response.headers()['content-type'] ?? '').includes('html')) continue;
		await settle(page);
		const snap = await snapshot(page, DOWNLOAD_WORDS);
		const pdfs = await probe.pdfLinks(snap.links, snap.url);
		if (pdfs.length !== 1) continue;
		const selector = await fileLinkSelector(page, pdfs[0]);
		if (!selector) continue;
		report.add({
			step: 'documents page',
			ok: true,
			summary: `${shortUrl(list.url)}: its rows link to a detail page holding the file (one level down)`,
			details: [`followed one row's link: ${shortUrl(target)}; the file link there: ${selector}`],
		});
		return {
			list,
			pattern: urlPattern(target),
			fileLink: { selector, attribute: 'href' },
			followed: target,
		};
	}
	return undefined;
}

/**
 * A page's followable links grouped by address shape, the groups of at least two different
 * addresses with a variable part (one link per row), largest first.
 */
function repeatedLinks(links: PageLink[], domains: string[], current: string): PageLink[][] {
	const groups = new Map<string, Map<string, PageLink>>();
	for (const link of links) {
		if (!followable(link, domains, current)) continue;
		const shape = urlPattern(link.href);
		if (!shape.includes('*')) continue;
		const group = groups.get(shape) ?? new Map<string, PageLink>();
		group.set(pageKey(link.href), link);
		groups.set(shape, group);
	}
	return [...groups.values()]
		.map((g) => [...g.values()])
		.filter((g) => g.length >= 2)
		.sort((a, b) => b.length - a.length);
}

/**
 * A selector that finds the file link on any detail page of the list, not only this one: its
 * id or classes (when they name no number), its download attribute, or an address ending in .pdf;
 * the first that matches this link alone on the page.
 */
export async function fileLinkSelector(page: Page, href: string): Promise<string | undefined> {
	return page.evaluate((wanted) => {
		const link = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]')).find(
			(a) => a.href === wanted,
		);
		if (!link) return undefined;
		const general = (name: string) => name && !/\d/.test(name);
		const candidates: string[] = [];
		if (general(link.id)) candidates.push(`#${CSS.escape(link.id)}`);
		const classes = Array.from(link.classList).filter(general);
		for (const name of classes) candidates.push(`a.${CSS.escape(name)}`);
		if (classes.length > 1) candidates.push(`a.${classes.map((c) => CSS.escape(c)).join('.')}`);
		if (link.hasAttribute('download')) candidates.push('a[download]');
		if (/\.pdf$/i.test(new URL(link.href).pathname)) candidates.push('a[href$=".pdf"]');
		return candidates.find((selector) => {
			const found = document.querySelectorAll(selector);
			return found.length === 1 && found[0] === link;
		});
	}, href);
}

/** The list's download written one level down: the rows' detail link, and the file link there. */
export function detailDownload(
	download: DefinitionSpec['documents']['download'],
	found: DetailList,
): DefinitionSpec['documents']['download'] {
	return { detail: { open: download.link!, link: found.fileLink } };
}

/** A probe that takes the rows' detail links (of the found shape) for the files' links. */
export function detailLinkProbe(found: DetailList): PdfProbe {
	return {
		pdfLinks: async (links: PageLink[]) =>
			links.filter((l) => urlPattern(l.href) === found.pattern).map((l) => l.href),
	} as unknown as PdfProbe;
}
