import type { AdapterEnv } from '../core/contract/adapter';
import type { PortalDocument } from '../core/contract/documents';
import type { RawFile } from '../core/contract/raw-file';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import type { Readable } from '../core/contract/surface';
import { fieldValue } from './fields';
import type { DefinitionSpec, DetailSpec } from './spec';

/**
 * One level down (documents.download.detail): the file's address is on the page a row links to,
 * or in a popover or menu a button of the row draws. The listing only notes where to look (a
 * locator); the detail page is opened, or the button pressed, when the document is downloaded,
 * which happens only for documents that passed the filters and were not delivered before: a run
 * that delivers nothing new costs no detail request. Everything goes through env.surface, so the
 * allowed sites, the timeouts and the page and file caps are those of every other page and file.
 */

/**
 * The file's address on a page: the first element the field names, inside the pressed row where
 * it has one (a popover drawn into the row), else anywhere on the page (one drawn at its end).
 */
async function linkOn(
	page: Readable,
	detail: DetailSpec,
	row?: { rows: string; index: number },
): Promise<string | undefined> {
	const raw = await page.evaluate(
		({ selector, attribute, row }) => {
			const inRow =
				row && selector
					? document.querySelectorAll(row.rows)[row.index]?.querySelector<HTMLElement>(selector)
					: undefined;
			const el =
				inRow ??
				(selector ? document.querySelector<HTMLElement>(selector) : document.documentElement);
			if (!el) return undefined;
			const value = attribute ? el.getAttribute(attribute) : el.innerText || el.textContent;
			return value === null || value === undefined ? undefined : String(value).trim();
		},
		{ selector: detail.link.selector, attribute: detail.link.attribute, row },
	);
	const href = fieldValue(detail.link, raw);
	return href ? new URL(href, page.url()).toString() : undefined;
}

function noLink(
	spec: DefinitionSpec,
	doc: PortalDocument,
	where: string,
	url: string,
): PortalError {
	const { link } = spec.documents.download.detail!;
	return new PortalError(
		'LAYOUT_CHANGED',
		`${spec.name}: ${doc.number}'s ${where} shows no file link (documents.download.detail.link).`,
		{
			missingElement: `documents.download.detail.link (${link.selector ?? 'page'})`,
			url: safeUrl(url),
		},
	);
}

/**
 * Opens the row's detail page (read only: over HTTP a GET; the browser reads the server's HTML
 * without rendering it where the link is in it) and fetches the file it links to. The address is
 * the one the row showed; a new tab the portal would open for it is never opened: its address
 * is read and loaded here.
 */
export async function downloadFromDetail(
	env: AdapterEnv,
	spec: DefinitionSpec,
	doc: PortalDocument,
	detailUrl: string,
): Promise<RawFile> {
	const detail = spec.documents.download.detail!;
	const page = await env.surface.openToRead(detailUrl, detail.link.selector || 'a[href]');
	const href = await linkOn(page, detail);
	if (!href) throw noLink(spec, doc, 'detail page', detailUrl);
	return env.surface.fetchFile(href, env.maxFileBytes);
}

/**
 * Presses the row's popover opener (row `index` of the page the run shows) and fetches the file
 * the popover links to. A popover drawn by a script needs the browser: over HTTP only a menu
 * already in the markup is read (at listing time, addDetail).
 */
export async function downloadFromPopover(
	env: AdapterEnv,
	spec: DefinitionSpec,
	doc: PortalDocument,
	index: number,
): Promise<RawFile> {
	const { rows, download } = spec.documents;
	const detail = download.detail!;
	if (env.surface.engine === 'http')
		throw new PortalError(
			'LAYOUT_CHANGED',
			`${spec.name}: ${doc.number}'s file link is in a popover a script draws; this needs the browser (engine auto or browser).`,
			{ missingElement: `documents.download.detail.link (${detail.link.selector ?? 'page'})` },
		);
	const what = `documents.download.detail.press (${detail.press})`;
	const row = { rows, index };
	const shown = async () => (await linkOn(env.surface, detail, row)) !== undefined;
	await env.surface.press(detail.press!, what, shown, { nth: row });
	const href = await linkOn(env.surface, detail, row);
	if (!href) throw noLink(spec, doc, 'popover', env.surface.url());
	return env.surface.fetchFile(href, env.maxFileBytes);
}
