import type { Page } from 'playwright';
import { PortalError } from '../../core/outcomes/errors';
import type { DefinitionSpec } from '../../definitions/spec';
import type { DiscoveryReport, DiscoveryStep } from '../report';
import { learnApi, type ApiLearned } from '../api/learn';
import { ApiRecorder } from '../api/record';
import { accountButtonsOf } from './account-buttons';
import { accountLinksOf } from './account-links';
import { crawl } from './crawl';
import { describeList, missing } from './describe-list';
import { detailDownload, detailLinkProbe, findDetailList } from './detail-pages';
import { findPopoverList, popoverDownload } from './popover';
import { guardPage } from './guard';
import { holdsDocuments, rankingLine, shortUrl, type ScoredPage } from './page-score';
import { PdfProbe } from './pdf-probe';
import { settle } from './snapshot';

export interface DocumentsDiscoveryOptions {
	/** The page after login (the browser is on it); the crawl starts here. */
	startUrl: string;
	/** When the user knows where the documents are listed: tried first. */
	documentsUrl?: string;
	/**
	 * Host names (with port when not the default) the crawl may visit: same site only. The first
	 * is the login page's: a list on another host is written with its full address.
	 */
	domains: string[];
	/** Stop crawling after this many pages (default 25) or at this deadline (ms since epoch). */
	maxPages?: number;
	deadline?: number;
	/**
	 * The app's calls, recorded since the sign-in (the Automatic adapter starts it at the
	 * login); without one, calls are recorded from the crawl's start.
	 */
	recorder?: ApiRecorder;
	/**
	 * When the app's own JSON API is written instead of the HTML list: when no page holds a list
	 * ('fallback'), and also when the list needs the browser (scrolling, load more, a button per
	 * file) while the API is confirmed on screen ('prefer', the default: read over plain HTTP);
	 * or never ('off').
	 */
	api?: 'fallback' | 'prefer' | 'off';
	/** The portal's origin (the login URL's): API addresses are written relative to it. */
	origin?: string;
}

/** The documents part discovery writes, and the hosts a file's address may redirect to. */
export interface DiscoveredDocuments {
	documents: DefinitionSpec['documents'];
	downloadDomains?: string[];
}

/**
 * Finds the documents list by following same-site GET links from the page after login, and
 * writes the definition's `documents` part for it. Read-only: it never submits a form and never
 * follows a link that says log out, delete, cancel, pay ... It throws PortalError
 * LAYOUT_CHANGED (missingElement names what is missing) when no page holds documents.
 */
export async function discoverDocuments(
	page: Page,
	options: DocumentsDiscoveryOptions,
	report: DiscoveryReport,
): Promise<DefinitionSpec['documents']> {
	return (await discoverDocumentsAndApi(page, options, report)).documents;
}

/** discoverDocuments, with the hosts a learned API's files redirect to. */
export async function discoverDocumentsAndApi(
	page: Page,
	options: DocumentsDiscoveryOptions,
	report: DiscoveryReport,
): Promise<DiscoveredDocuments> {
	const unguard = await guardPage(page, options.domains);
	const recorder = options.recorder ?? new ApiRecorder(page).start();
	try {
		return await discover(page, options, recorder, report);
	} finally {
		if (!options.recorder) recorder.stop();
		await unguard();
	}
}

async function discover(
	page: Page,
	options: DocumentsDiscoveryOptions,
	recorder: ApiRecorder,
	report: DiscoveryReport,
): Promise<DiscoveredDocuments> {
	const mode = options.api ?? 'prefer';
	const api = () => (mode === 'off' ? undefined : tryApi(page, options, recorder, report));
	const deadline = options.deadline ?? Date.now() + 60_000;
	const probe = new PdfProbe(page, options.domains);
	const visited = await crawl(
		page,
		{ ...options, maxPages: options.maxPages ?? 25, deadline },
		probe,
	);

	// The documents page: the best score among pages that hold PDF links.
	const best = visited.filter(holdsDocuments).sort((a, b) => b.score - a.score)[0];
	// A page with one PDF link may be a row's detail page: the list is one level up.
	if (!best || best.pdfLinks.length === 1) {
		const down = await oneLevelDown(page, visited, options, probe, report);
		if (down) return down;
	}
	// No file link anywhere: perhaps in a popover a row's button draws (one press, popover.ts).
	if (!best) {
		const popover = await inPopover(page, visited, options, probe, report);
		if (popover) return popover;
	}
	if (!best) {
		const learned = await api();
		if (learned) return apiDocuments(learned);
		throw missing(
			`No page holds documents: ${visited.length} page(s) visited (${visited.map((p) => shortUrl(p.url)).join(', ')}), none with links to PDF files.`,
			report,
			'documents page',
		);
	}
	report.add({
		step: 'documents page',
		ok: true,
		summary: rankingLine(best, visited),
		details: [
			`${best.pdfLinks.length} PDF link(s)${best.downloadButtons ? `, ${best.downloadButtons} download button(s)` : ''}; ${visited.length} page(s) visited, ${probe.probes} content-type probe(s)`,
		],
	});
	if (page.url() !== best.url) await page.goto(best.url, { waitUntil: 'domcontentloaded' });
	await settle(page);
	const described = await describeOrApi(page, best, options, probe, report, api);
	if (described.learned) return described.learned;
	const html = await withAccountLinks(page, described.html, visited, best, options, report);
	const htmlResult: DiscoveredDocuments = {
		documents: html,
		...withDownloadHosts(probe, report),
	};
	// A list the browser must draw (scrolling, load more, a button per file) against the app's
	// own API, confirmed by the numbers on screen: the API is read over plain HTTP.
	const needsBrowser =
		!!html.pagination?.infiniteScroll || !!html.pagination?.loadMore || !!html.download.click;
	if (mode !== 'prefer' || !needsBrowser) return htmlResult;
	const learned = await api();
	if (!learned || learned.chosen.onScreen < 0.5) return htmlResult;
	const why = html.pagination?.infiniteScroll
		? 'infinite scroll'
		: html.pagination?.loadMore
			? 'a load-more button'
			: 'a button per file';
	report.add({
		step: 'api',
		ok: true,
		summary: `written instead of the rendered list, which needs the browser (${why}): the API is read over plain HTTP`,
	});
	return apiDocuments(learned);
}

/**
 * The rendered list, or where its rows cannot be read (no issue date, no number on screen, as a
 * file browser shows names and sizes only) the app's own API behind the same page, confirmed by
 * what the page shows: its items carry what the rows lack. The list's failure stands otherwise.
 */
async function describeOrApi(
	page: Page,
	best: Parameters<typeof describeList>[1],
	options: DocumentsDiscoveryOptions,
	probe: PdfProbe,
	report: DiscoveryReport,
	api: () => Promise<ApiLearned | undefined> | undefined,
): Promise<
	| { html: DefinitionSpec['documents']; learned?: never }
	| { learned: DiscoveredDocuments; html?: never }
> {
	try {
		return { html: await describeList(page, best, options.domains, probe, report) };
	} catch (error) {
		if (!(error instanceof PortalError) || error.code !== 'LAYOUT_CHANGED') throw error;
		const learned = await api();
		if (!learned || learned.chosen.onScreen < 0.5) throw error;
		report.add({
			step: 'api',
			ok: true,
			summary: `written instead of the rendered list, whose rows cannot be read (${error.message}): the API is read over plain HTTP`,
		});
		return { learned: apiDocuments(learned) };
	}
}

/**
 * Sub-accounts given as links (account-links.ts), where the list has no switcher of its own:
 * written as documents.accounts.links, with the page they are on where it is not the list.
 */
async function withAccountLinks(
	page: Page,
	html: DefinitionSpec['documents'],
	visited: ScoredPage[],
	best: ScoredPage,
	options: DocumentsDiscoveryOptions,
	report: DiscoveryReport,
): Promise<DefinitionSpec['documents']> {
	if (html.accounts || html.fields.accountId) return html;
	const found = await accountLinksOf(
		page,
		visited,
		best,
		html.rows,
		options.domains,
		options.deadline,
	);
	if (!found) return withAccountButtons(page, html, best, report);
	const id = found.id.param ? `parameter ${found.id.param}` : `path part ${found.id.pathPart}`;
	const step: DiscoveryStep = {
		step: 'sub-accounts',
		ok: true,
		summary: `links ${found.links}${found.page ? ` on ${found.page}` : ''} (${found.labels.length}: ${found.labels
			.slice(0, 3)
			.map((l) => `"${l}"`)
			.join(', ')}), each account's id from its address's ${id}`,
	};
	replaceStep(report, step);
	const { links, page: where, id: rule } = found;
	return { ...html, accounts: { links, ...(where ? { page: where } : {}), id: rule } };
}

/** Sub-accounts as buttons that swap the list (account-buttons.ts): the browser then lists. */
async function withAccountButtons(
	page: Page,
	html: DefinitionSpec['documents'],
	best: ScoredPage,
	report: DiscoveryReport,
): Promise<DefinitionSpec['documents']> {
	const found = await accountButtonsOf(page, best.url, html.rows);
	if (!found) return html;
	replaceStep(report, {
		step: 'sub-accounts',
		ok: true,
		summary: `buttons ${found.buttons} (${found.labels.length}: ${found.labels
			.slice(0, 3)
			.map((l) => `"${l}"`)
			.join(
				', ',
			)}) swap the list: the browser lists them; each account's id from ${found.id?.attribute ?? 'its text'}`,
	});
	return {
		...html,
		accounts: { buttons: found.buttons, ...(found.id ? { id: found.id } : {}) },
	};
}

/** A step's line in place of the list's own (the sub-accounts line says "none: one account"). */
function replaceStep(report: DiscoveryReport, step: DiscoveryStep): void {
	const at = report.steps.findIndex((s) => s.step === step.step);
	if (at >= 0) report.steps[at] = step;
	else report.add(step);
}

/**
 * A list whose rows link to detail pages holding the file (detail-pages.ts): read as a list whose
 * rows' links are the detail links, and written with `download.detail`. undefined when there is
 * none, or its rows cannot be read (no number or date): the crawl's own finding then stands.
 */
async function oneLevelDown(
	page: Page,
	visited: Parameters<typeof findDetailList>[1],
	options: DocumentsDiscoveryOptions,
	probe: PdfProbe,
	report: DiscoveryReport,
): Promise<DiscoveredDocuments | undefined> {
	const found = await findDetailList(page, visited, options.domains, probe, report);
	if (!found) return undefined;
	await page.goto(found.list.url, { waitUntil: 'domcontentloaded' });
	await settle(page);
	const rowProbe = detailLinkProbe(found);
	const list = { ...found.list, pdfLinks: await rowProbe.pdfLinks(found.list.snapshot.links) };
	try {
		const html = await describeList(page, list, options.domains, rowProbe, report);
		const documents = { ...html, download: detailDownload(html.download, found) };
		// The list's download step named the rows' link: it leads to the detail page, not the file.
		resummariseDownload(
			report,
			`one level down: each row's detail page (${documents.download.detail!.open!.selector}), the file link there (${found.fileLink.selector})`,
		);
		return { documents, ...withDownloadHosts(probe, report) };
	} catch (error) {
		if (!(error instanceof PortalError) || error.code !== 'LAYOUT_CHANGED') throw error;
		return undefined;
	}
}

/** A list whose rows' button opens a popover with the file link (popover.ts), as oneLevelDown. */
async function inPopover(
	page: Page,
	visited: Parameters<typeof findPopoverList>[1],
	options: DocumentsDiscoveryOptions,
	probe: PdfProbe,
	report: DiscoveryReport,
): Promise<DiscoveredDocuments | undefined> {
	const found = await findPopoverList(page, visited, probe, report);
	if (!found) return undefined;
	// The popover is still open: its link stands for the rows' file links, the opener for their button.
	const only = {
		pdfLinks: async (links: { href: string }[]) =>
			links.filter((l) => l.href === found.href).map((l) => l.href),
	} as unknown as PdfProbe;
	const list = { ...found.list, pdfLinks: [found.href] };
	try {
		const words = [found.opener.text.toLowerCase()];
		const html = await describeList(page, list, options.domains, only, report, words);
		const documents = { ...html, download: popoverDownload(found) };
		resummariseDownload(
			report,
			`one level down: each row's button ${found.opener.selector} opens a popover, the file link there (${found.linkSelector}); the browser presses it`,
		);
		return { documents, ...withDownloadHosts(probe, report) };
	} catch (error) {
		if (!(error instanceof PortalError) || error.code !== 'LAYOUT_CHANGED') throw error;
		return undefined;
	}
}

/** The list's last download step says how the file is really reached (one level down). */
function resummariseDownload(report: DiscoveryReport, summary: string): void {
	const step = [...report.steps].reverse().find((s) => s.step === 'download');
	if (step) step.summary = summary;
}

/** The hosts outside the portal that file links redirected to: written as downloadDomains. */
function withDownloadHosts(
	probe: PdfProbe,
	report: DiscoveryReport,
): Pick<DiscoveredDocuments, 'downloadDomains'> {
	if (!probe.downloadHosts.size) return {};
	const hosts = [...probe.downloadHosts];
	report.add({
		step: 'download',
		ok: true,
		summary: `files redirect to ${hosts.join(', ')}: written as downloadDomains (reached without the portal's cookies)`,
	});
	return { downloadDomains: hosts };
}

async function tryApi(
	page: Page,
	options: DocumentsDiscoveryOptions,
	recorder: ApiRecorder,
	report: DiscoveryReport,
): Promise<ApiLearned | undefined> {
	const origin = options.origin ?? new URL(options.startUrl).origin;
	// Recording began after the app had loaded its data: the start page once more (a GET).
	if (!recorder.calls.some((c) => c.json !== undefined)) {
		await page.goto(options.startUrl, { waitUntil: 'domcontentloaded' }).catch(() => null);
		await settle(page);
	}
	return learnApi(page, recorder, { domains: options.domains, origin }, report);
}

// A definition's documents hold either the HTML parts or `api`; the type keeps the HTML parts
// required (code that reads them checks `documents.api` first), so the API part is cast.
const apiDocuments = (learned: ApiLearned): DiscoveredDocuments => ({
	documents: {
		api: learned.api,
		...(learned.accepts ? { accepts: learned.accepts } : {}),
	} as unknown as DefinitionSpec['documents'],
	downloadDomains: learned.downloadDomains,
});
