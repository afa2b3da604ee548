import type { Page, Route } from 'playwright';
import { onSite } from '../documents/links';
import { settle } from '../documents/snapshot';
import { forbiddenWord } from '../words/forbidden-words';
import type { ApiFieldSpec } from './api-spec';
import type { CollectionCandidate } from './collection';
import { fillPlaceholders } from '../../definitions/json-path';
import type { FileFinding, Probe } from './file';
import { FILE_TYPES, relative, templateOf } from './file-address';
import { replayVerdict } from './hold';
import { documentItems } from './file-kinds';
import { valueAt } from './json-paths';
import { fileLinks } from './page-view';
import type { ApiRecorder } from './record';

const MARK = 'data-invoice-portals-open';
/** Addresses of the detail view asked at most (each probe is one GET of one byte). */
const MAX_TRIED = 3;
const DOWNLOAD_HINT = /download|asset|file|pdf|attachment/i;

const pathOf = (field: ApiFieldSpec | undefined) =>
	typeof field === 'string' ? field : field?.path;

/**
 * One level down in an app (issue 33, "one level down"): the collection is found but neither its
 * items nor the list page give a file's address, as in a file library whose cards are not links.
 * One guarded click on one item's own value (its number or title, shown on the list) opens its
 * detail view; that view's links whose address holds a field of the item are asked once each, and
 * the first that answers with a file is written as a template of the item, then checked on a
 * second item before it counts. From the click until the list is shown again, any request the
 * read-only hold refuses (a change, another site, a forbidden word) is blocked.
 */
export async function fileOneLevelDown(
	page: Page,
	recorder: ApiRecorder,
	found: CollectionCandidate,
	probe: Probe,
	domains: string[],
): Promise<FileFinding> {
	const items = (valueAt(found.call.json, found.items) as Record<string, unknown>[]).filter(
		(item) => item && typeof item === 'object',
	);
	// A PDF's card where the items say their type: that one's detail view offers a PDF.
	const [item, second] = documentItems(items);
	if (!second) return { how: 'one level down: fewer than two items to learn and check on' };
	const idPath = pathOf(found.fields.id);
	const listUrl = page.url();
	// From the click until the list is back: an app that writes where its user was (Directus
	// saves the last page visited) is kept from writing it; every change is blocked.
	const unguard = await holdChanges(page, domains);
	const tried: string[] = [];
	try {
		const opened = await openItem(page, recorder, item, found);
		if (!opened)
			return { how: 'one level down: no element showing an item of the list opened anything' };
		const base = new URL(found.call.url);
		const links = (await fileLinks(page)).filter(
			(link) =>
				onSite(link, domains) &&
				replayVerdict({ method: 'GET', url: link }, domains).replay &&
				link !== page.url(),
		);
		// The view's download link before its other links (navigation, previews).
		links.sort((a, b) => Number(DOWNLOAD_HINT.test(b)) - Number(DOWNLOAD_HINT.test(a)));
		for (const link of links) {
			const template = templateOf(relative(new URL(link), base), item, idPath ? [idPath] : []);
			if (!template || tried.length >= MAX_TRIED) continue;
			const answer = await probe(link);
			tried.push(
				`${template} (${answer ? `${answer.status} ${answer.contentType}` : 'no answer'})`,
			);
			if (!answer || !FILE_TYPES.test(answer.contentType) || answer.status >= 300) continue;
			// One item's address may be a coincidence: the template must fit a second item too. The
			// second item's values are the portal's words: filled as a run fills them (encoded, so a
			// value "../../api/me/delete" stays one segment), and asked only under the same guards.
			const other = secondAddress(template, second, base, link, domains);
			const check = other === undefined || other === link ? undefined : await probe(other);
			if (!check || !FILE_TYPES.test(check.contentType) || check.status >= 300) continue;
			return {
				download: { urlTemplate: template },
				how: `one level down: the detail view of "${opened}" links to its file; written as ${template} (the server answers ${answer.contentType}, for a second item too)`,
			};
		}
		return {
			how: `one level down: the detail view of "${opened}" (${new URL(page.url()).pathname}, ${links.length} link(s) on the site) gave no file${tried.length ? `: tried ${tried.join(', ')}` : ': no link holds a field of the item'}`,
		};
	} finally {
		await backTo(page, listUrl);
		await unguard();
	}
}

/** The template filled from the second item, or undefined when the guards refuse that address. */
function secondAddress(
	template: string,
	second: Record<string, unknown>,
	base: URL,
	link: string,
	domains: string[],
): string | undefined {
	const other = new URL(fillPlaceholders(template, {}, second), base);
	if (other.origin !== new URL(link).origin) return undefined;
	const address = other.toString();
	if (!onSite(address, domains)) return undefined;
	return replayVerdict({ method: 'GET', url: address }, domains).replay ? address : undefined;
}

/**
 * Clicks the element that shows the item's own value (its number, else its title or id): the
 * smallest visible one whose text is that value, never inside a button or link whose words the
 * guard forbids. Returns the value clicked, or undefined when none was found or nothing happened.
 */
async function openItem(
	page: Page,
	recorder: ApiRecorder,
	item: Record<string, unknown>,
	found: CollectionCandidate,
): Promise<string | undefined> {
	const values = [found.fields.number, found.fields.title, found.fields.id]
		.map((field) => pathOf(field))
		.map((path) => (path ? valueAt(item, path) : undefined))
		.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number')
		.map(String)
		.filter((v) => v.trim().length >= 3);
	for (const value of values) {
		const around = await markElementShowing(page, value);
		if (around === undefined || forbiddenWord(around)) continue;
		const before = { url: page.url(), calls: recorder.calls.length };
		const clicked = await page
			.locator(`[${MARK}]`)
			.first()
			.click({ timeout: 5_000 })
			.then(() => true)
			.catch(() => false);
		if (!clicked) continue;
		await settle(page);
		await recorder.settled();
		if (page.url() !== before.url || recorder.calls.length > before.calls) return value;
	}
	return undefined;
}

/** Marks the smallest visible element whose text is the value; its clickable ancestor's words. */
async function markElementShowing(page: Page, value: string): Promise<string | undefined> {
	return page
		.evaluate(
			({ value, mark }) => {
				document.querySelectorAll(`[${mark}]`).forEach((el) => el.removeAttribute(mark));
				const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
				const showing = Array.from(document.body.querySelectorAll('*')).filter((el) => {
					const box = (el as HTMLElement).getBoundingClientRect();
					return (
						box.width > 0 &&
						box.height > 0 &&
						!el.closest('input, textarea, select, nav, header') &&
						norm((el as HTMLElement).innerText ?? '') === value
					);
				});
				// The innermost: no other match inside it.
				const chosen = showing.find((el) => !showing.some((o) => o !== el && el.contains(o)));
				if (!chosen) return null;
				chosen.setAttribute(mark, '');
				const clickable = chosen.closest('a, button, [role="button"], [onclick]') ?? chosen;
				return norm((clickable as HTMLElement).innerText ?? '').slice(0, 200);
			},
			{ value: value.replace(/\s+/g, ' ').trim(), mark: MARK },
		)
		.then((text) => text ?? undefined)
		.catch(() => undefined);
}

/** While discovery is one level down: any request the read-only hold would refuse is blocked. */
async function holdChanges(page: Page, domains: string[]): Promise<() => Promise<void>> {
	const handler = async (route: Route) => {
		const request = route.request();
		const method = request.method();
		if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return route.fallback();
		const verdict = replayVerdict(
			{
				method,
				url: request.url(),
				headers: request.headers(),
				body: request.postData() ?? undefined,
			},
			domains,
		);
		return verdict.replay ? route.fallback() : route.abort('blockedbyclient');
	};
	await page.route('**/*', handler);
	return () => page.unroute('**/*', handler).catch(() => undefined);
}

/** Shows the list again: the browser's back, else the list's address (a GET). */
async function backTo(page: Page, listUrl: string): Promise<void> {
	if (page.url() === listUrl) return;
	await page.goBack({ timeout: 10_000 }).catch(() => null);
	await settle(page);
	if (page.url() !== listUrl)
		await page.goto(listUrl, { waitUntil: 'domcontentloaded', timeout: 15_000 }).catch(() => null);
	await settle(page);
}
