import type { Page } from 'playwright';
import type { DefinitionSpec } from '../../definitions/spec';
import { DOWNLOAD_WORDS } from '../words/document-words';
import { forbiddenWord } from '../words/forbidden-words';
import type { DiscoveryReport } from '../report';
import { fileLinkSelector } from './detail-pages';
import type { PageLink } from './links';
import { holdsDocuments, shortUrl, type ScoredPage } from './page-score';
import type { PdfProbe } from './pdf-probe';
import { settle, snapshot } from './snapshot';

/**
 * One level down, in a popover (issue 33): a list whose rows show number, date and amount and a
 * button ("⋯", "More", "Actions", "Download") that draws a small menu holding the file link. Found
 * in the browser with ONE guarded press: the button must repeat once per row, say one of the words
 * below and no forbidden word (guard.ts refuses any form or forbidden address it might cause);
 * when the press reveals exactly one new PDF link, the download is written as `detail.press`.
 */
const OPENER =
	/\b(more|menu|actions?|options|download\w*|herunterladen|télécharger)\b|[⋯…⋮]|\.\.\./i;

export interface PopoverList {
	list: ScoredPage;
	/** The rows' opener button, and its text (what tells rows from other elements). */
	opener: { selector: string; text: string };
	/** The file link the press revealed, and a selector that finds it once a popover is open. */
	href: string;
	linkSelector: string;
}

/** The repeated opener buttons of the page the browser shows, most numerous first. */
async function openersOn(page: Page) {
	return page.evaluate((pattern) => {
		const re = new RegExp(pattern, 'i');
		const label = (b: Element) =>
			[b.textContent ?? '', b.getAttribute('aria-label') ?? '', b.getAttribute('title') ?? '']
				.join(' ')
				.replace(/\s+/g, ' ')
				.trim();
		const groups = new Map<string, Element[]>();
		for (const b of Array.from(document.querySelectorAll('button, [role="button"]'))) {
			if (!re.test(label(b))) continue;
			const key =
				b.tagName.toLowerCase() +
				Array.from(b.classList)
					.map((c) => `.${CSS.escape(c)}`)
					.join('');
			groups.set(key, [...(groups.get(key) ?? []), b]);
		}
		return [...groups]
			.filter(([, g]) => g.length >= 2)
			.sort((a, b) => b[1].length - a[1].length)
			.map(([selector, g]) => ({
				selector,
				text: (g[0].textContent ?? '').replace(/\s+/g, ' ').trim(),
				labels: g.map(label),
			}));
	}, OPENER.source);
}

/** Presses the first opener once and returns the links that appeared (waits up to 3 s). */
async function pressOnce(page: Page, selector: string): Promise<PageLink[]> {
	const before = new Set((await snapshot(page, DOWNLOAD_WORDS)).links.map((l) => l.href));
	await page.locator(selector).first().click({ timeout: 5_000 });
	for (let waited = 0; waited <= 3_000; waited += 250) {
		const shown = (await snapshot(page, DOWNLOAD_WORDS)).links.filter((l) => !before.has(l.href));
		if (shown.length) return shown;
		await page.waitForTimeout(250);
	}
	return [];
}

export async function findPopoverList(
	page: Page,
	visited: ScoredPage[],
	probe: PdfProbe,
	report: DiscoveryReport,
): Promise<PopoverList | undefined> {
	const lists = visited.filter((p) => !holdsDocuments(p)).sort((a, b) => b.score - a.score);
	for (const list of lists) {
		if (page.url() !== list.url) await page.goto(list.url, { waitUntil: 'domcontentloaded' });
		await settle(page);
		const opener = (await openersOn(page)).find(
			(o) => o.text && !o.labels.some((l) => forbiddenWord(l)),
		);
		if (!opener) continue;
		// The one press of discovery: the first row's opener, on the page the guard watches.
		const shown = await pressOnce(page, opener.selector).catch(() => []);
		const pdfs = await probe.pdfLinks(shown, page.url());
		if (pdfs.length !== 1) return undefined;
		const linkSelector = await fileLinkSelector(page, pdfs[0]);
		if (!linkSelector) return undefined;
		report.add({
			step: 'documents page',
			ok: true,
			summary: `${shortUrl(list.url)}: a button of each row (${opener.selector}) opens a popover holding the file (one level down)`,
			details: [`pressed it once in the first row; the file link there: ${linkSelector}`],
		});
		return { list, opener, href: pdfs[0], linkSelector };
	}
	return undefined;
}

/** The list's download written one level down, in the popover its rows' button opens. */
export function popoverDownload(found: PopoverList): DefinitionSpec['documents']['download'] {
	return {
		detail: {
			press: found.opener.selector,
			link: { selector: found.linkSelector, attribute: 'href' },
		},
	};
}
