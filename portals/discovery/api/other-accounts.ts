import type { Page } from 'playwright';
import { forbiddenWord } from '../words/forbidden-words';
import type { CollectionCandidate } from './collection';
import { findFile, type FileFinding, type Probe } from './file';
import { itemFields } from './item-fields';
import { valueAt } from './json-paths';
import { pressOneDownload } from './press';
import { ApiRecorder } from './record';
import type { RecordedCall } from './recorded-call';
import type { SubAccountsFinding } from './sub-accounts';

const MARK = 'data-invoice-portals-account';

export interface OtherAccountContext {
	chosen: CollectionCandidate;
	accounts: SubAccountsFinding;
	/** Where the first account's items carry their file inline. */
	base64Field: string;
	probe: Probe;
	domains: string[];
	links: string[];
}

/**
 * Apps give one contract's files inline and another's another way. Where the first account's
 * items carry their file as base64, discovery follows the page's link to one other account (as a
 * person switches contracts: a link whose address or text names the account's id and no
 * forbidden word), reads that account's list as the app asks for it, and, where its items have no
 * base64, finds their file as findFile does (with its one guarded press). Undefined when there is
 * no other account, no link to it, or its items have their file inline too.
 */
export async function otherAccountFile(
	page: Page,
	ctx: OtherAccountContext,
): Promise<FileFinding | undefined> {
	const recorder = new ApiRecorder(page).start();
	try {
		return await afterSwitch(page, recorder, ctx);
	} finally {
		recorder.stop();
	}
}

/** What the switch to another account and then one press make the app ask (its own recorder). */
async function afterSwitch(
	page: Page,
	recorder: ApiRecorder,
	ctx: OtherAccountContext,
): Promise<FileFinding | undefined> {
	const { chosen, accounts } = ctx;
	const list = new URL(chosen.call.url);
	const current = list.searchParams.get(accounts.param);
	const other = accounts.ids.find((id) => id !== current);
	if (!other) return undefined;
	if (!(await followAccountLink(page, other))) return undefined;
	// The app asks for the list after the click (a hash change starts no navigation to wait for);
	// Playwright hands the answer to the listeners a moment after the page has it.
	const call = await heard(recorder, (c) => {
		const u = new URL(c.url);
		return (
			u.origin === list.origin &&
			u.pathname === list.pathname &&
			u.searchParams.get(accounts.param) === other &&
			c.json !== undefined
		);
	});
	const items = call && valueAt(call.json, chosen.items);
	if (!call || !Array.isArray(items) || !items.length) return undefined;
	const objects = items as Record<string, unknown>[];
	if (objects.every((item) => typeof valueAt(item, ctx.base64Field) === 'string')) return undefined;
	const { urlPaths } = itemFields(objects, '');
	const found: CollectionCandidate = { ...chosen, call, base64Paths: [], urlPaths };
	const file = await findFile(found, recorder.calls, ctx.probe, ctx.domains, ctx.links);
	if (file.download || !(await pressOneDownload(page, recorder))) return file;
	return findFile(found, recorder.calls, ctx.probe, ctx.domains, ctx.links);
}

/** Clicks the page's link to an account (its address or its text names the id): read-only. */
async function followAccountLink(page: Page, id: string): Promise<boolean> {
	const found = await page
		.evaluate(
			({ id, mark }) => {
				const names = (a: HTMLAnchorElement) => {
					const href = a.getAttribute('href') ?? '';
					return (
						href.includes(encodeURIComponent(id)) || href.includes(id) || a.innerText.includes(id)
					);
				};
				const link = [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].find(
					(a) => names(a) && a.getBoundingClientRect().width > 0,
				);
				if (!link) return '';
				link.setAttribute(mark, '');
				return `${link.innerText} ${link.getAttribute('href')}`;
			},
			{ id, mark: MARK },
		)
		.catch(() => '');
	if (!found || forbiddenWord(found)) return false;
	return page
		.locator(`[${MARK}]`)
		.first()
		.click({ timeout: 5_000 })
		.then(() => true)
		.catch(() => false);
}

/** The first recorded call that matches, waited for up to five seconds (undefined after that). */
async function heard(
	recorder: ApiRecorder,
	matches: (call: RecordedCall) => boolean,
): Promise<RecordedCall | undefined> {
	for (const end = Date.now() + 5_000; Date.now() < end; ) {
		await recorder.settled();
		const found = recorder.calls.find(matches);
		if (found) return found;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return undefined;
}
