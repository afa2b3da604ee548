import type { Page } from 'playwright';
import type { FileKind } from '../../core/contract/file-kinds';
import type { DiscoveryReport } from '../report';
import type { ApiDocumentsSpec, ApiFieldSpec } from './api-spec';
import { findAuth } from './auth';
import { findCollections, type CollectionCandidate } from './collection';
import { fileOneLevelDown } from './detail';
import { acceptedItemsWhere } from './file-kinds';
import { findFile, type FileFinding } from './file';
import { replayVerdict } from './hold';
import { findPaging } from './paging';
import { pressOneDownload } from './press';
import { fileLinks, shown } from './page-view';
import { pageProbe } from './probe';
import type { ApiRecorder } from './record';
import { pageStorage } from './record';
import { printableAddress } from './redact';
import { otherAccountFile } from './other-accounts';
import { requestSpec } from './request-spec';
import { findSubAccounts } from './sub-accounts';
import type { RecordedCall } from './recorded-call';
import { valueAt } from './json-paths';
import { onSite } from '../documents/links';
import { settle } from '../documents/snapshot';

export interface ApiLearned {
	api: ApiDocumentsSpec;
	downloadDomains?: string[];
	/** documents.accepts: PDF and the kind the file probe found, when that is not PDF. */
	accepts?: FileKind[];
	/** The chosen collection (for comparing with the HTML list). */
	chosen: CollectionCandidate;
}

export interface LearnOptions {
	domains: string[];
	/** The portal's origin: request addresses are written relative to it. */
	origin: string;
}

/**
 * Calls for the same list as the chosen one: its address, and items of its kind at its path (an
 * app may ask the same address for a count, Directus's `/files?aggregate[countDistinct]=id`,
 * whose answer is no page of the list).
 */
const sameList = (a: RecordedCall, chosen: CollectionCandidate) => {
	const b = chosen.call;
	const [x, y] = [new URL(a.url), new URL(b.url)];
	if (a.method !== b.method || x.origin !== y.origin || x.pathname !== y.pathname) return false;
	const items = valueAt(a.json, chosen.items);
	const key = fieldPath(chosen.fields.id ?? chosen.fields.number);
	return (
		Array.isArray(items) &&
		(!items.length || !key || (items[0] !== null && valueAt(items[0], key) !== undefined))
	);
};
const fieldPath = (field: ApiFieldSpec | undefined) =>
	typeof field === 'string' ? field : field?.path;

/** Scrolls to the end once, as a reader does: an app fetches its next page (read-only). */
async function scrollOnce(page: Page): Promise<void> {
	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight)).catch(() => undefined);
	await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
}

/**
 * Learns the documents API from what the recorder saw while discovery signed in and crawled:
 * the collection (confirmed by the page on screen), its paging, the file and the credentials of
 * the calls, written as `documents.api`. Only calls the read-only hold passes are candidates:
 * one it refuses is never sent again, by discovery or by a run. Undefined when the app's calls
 * hold no documents list.
 */
export async function learnApi(
	page: Page,
	recorder: ApiRecorder,
	options: LearnOptions,
	report: DiscoveryReport,
): Promise<ApiLearned | undefined> {
	await recorder.settled();
	const replayable = () =>
		recorder.calls.filter(
			(c) =>
				replayVerdict(
					{ method: c.method, url: c.url, headers: c.requestHeaders, body: c.requestBody },
					options.domains,
				).replay,
		);
	let screen = await shown(page);
	let ranked = findCollections(replayable(), screen.text, screen.lang);
	if (!ranked.length) return undefined;
	// The crawl ended elsewhere: the page that made the call shows its list again (a GET).
	if (await backToList(page, ranked[0].call, options.domains)) {
		await recorder.settled();
		screen = await shown(page);
		ranked = findCollections(replayable(), screen.text, screen.lang);
	}
	if (replayable().filter((c) => sameList(c, ranked[0])).length < 2) {
		// One page seen: scrolling shows how the app asks for the next one.
		await scrollOnce(page);
		await recorder.settled();
		ranked = findCollections(replayable(), (await shown(page)).text, screen.lang);
	}
	const chosen = ranked[0];
	const list = replayable().filter((c) => sameList(c, chosen));
	const paging = findPaging(list, chosen.items);
	const auth = findAuth(chosen.call, {
		...(await pageStorage(page)),
		cookies: await page.context().cookies(chosen.call.url),
		earlier: recorder.calls,
		domains: options.domains,
	});
	const headers = Object.fromEntries(
		Object.keys(auth.auth?.headers ?? {}).map((name) => [
			name,
			chosen.call.requestHeaders[name.toLowerCase()],
		]),
	);
	const probe = pageProbe(page, headers);
	const links = await fileLinks(page);
	let file = await findFile(chosen, recorder.calls, probe, options.domains, links);
	// Only a button gives the file: one guarded press in one row shows the app's request for it.
	if (!file.download && (await pressOneDownload(page, recorder)))
		file = await findFile(chosen, recorder.calls, probe, options.domains, links);
	// Neither: the file's address may be on an item's own detail view, one click down.
	if (!file.download) {
		const down = await fileOneLevelDown(page, recorder, chosen, probe, options.domains);
		file = down.download ? down : { how: `${file.how}; ${down.how}` };
	}
	const accounts = findSubAccounts(chosen.call, replayable(), {
		...options,
		pagingParam: pagingParam(paging.paging),
	});
	if (accounts && file.download?.base64Field) {
		const ctx = { chosen, accounts, base64Field: file.download.base64Field, probe, links };
		file = withOtherKind(file, await otherAccountFile(page, { ...ctx, ...options }));
	}
	file = onListHost(file, new URL(chosen.call.url).origin, options.origin);
	const where = pdfItemsOnly(chosen);
	// An id, a number and an issue date every document has (findCollections required them).
	const { id, number, issueDate } = chosen.fields;
	const fields = {
		...chosen.fields,
		id: (id ?? number)!,
		number: (number ?? id)!,
		issueDate: issueDate!,
	};
	const query = accounts ? { ...paging.query, [accounts.param]: '{account}' } : paging.query;
	const api: ApiDocumentsSpec = {
		request: requestSpec(chosen.call, query, options.origin),
		...(accounts ? { accounts: accounts.accounts } : {}),
		...(paging.paging ? { paging: paging.paging } : {}),
		items: chosen.items,
		fields,
		download: file.download ?? {},
		...(auth.auth ? { auth: auth.auth } : {}),
		...(where ? { where } : {}),
		// A credential the definition cannot fetch again: the calls are made inside the page.
		...(auth.unexplained.length ? { inPage: true } : {}),
	};
	reportApi(report, {
		ranked,
		chosen,
		paging: paging.how,
		file: file.how,
		accounts: accounts?.how,
		auth,
		held: recorder.calls.length - replayable().length,
		api,
		origin: options.origin,
	});
	return file.download ? { api, chosen, ...fromFile(file) } : undefined;
}

/**
 * What the file finding adds to the definition: its download hosts, and documents.accepts where
 * the probed file is not a PDF (PDF and that kind). Without it a run would refuse every file
 * discovery was learned on (PDF alone by default).
 */
function fromFile(file: FileFinding): Pick<ApiLearned, 'downloadDomains' | 'accepts'> {
	const { downloadDomains, kind } = file;
	return { downloadDomains, ...(kind && kind !== 'pdf' ? { accepts: ['pdf', kind] } : {}) };
}

/**
 * A learned template's address on the list's host: written relative to the list, it would be
 * read on the definition's origin (the login host), so it is made absolute where they differ.
 */
function onListHost(file: FileFinding, list: string, origin: string): FileFinding {
	const d = file.download;
	if (!d || list === origin) return file;
	const at = (url: string) => (url.startsWith('/') ? `${list}${url}` : url);
	return {
		...file,
		download: {
			...d,
			...(d.urlTemplate ? { urlTemplate: at(d.urlTemplate) } : {}),
			...(d.call ? { call: { ...d.call, url: at(d.call.url) } } : {}),
		},
	};
}

/** The parameter the paging fills (never an account's). */
const pagingParam = (p: ApiDocumentsSpec['paging']) =>
	p?.page?.param ?? p?.offset?.param ?? p?.cursor?.param;

/**
 * The first account's inline base64 with another account's other kind of file beside it (the
 * pair documents.api.download allows), and that kind's download hosts.
 */
function withOtherKind(file: FileFinding, other: FileFinding | undefined): FileFinding {
	if (!other?.download || other.download.base64Field !== undefined) return file;
	return {
		download: { ...file.download, ...other.download },
		downloadDomains: other.downloadDomains,
		kind: other.kind,
		how: `${file.how} where the item has it; for another account's items, ${other.how}`,
	};
}

/**
 * Whether the page is elsewhere than where the app made the call, and was brought there: the
 * crawl's last page is rarely the list's, and the list must be on screen to be confirmed.
 */
async function backToList(page: Page, call: RecordedCall, domains: string[]): Promise<boolean> {
	const target = call.pageUrl;
	if (!target || target === page.url() || !onSite(target, domains)) return false;
	if (!replayVerdict({ method: 'GET', url: target }, domains).replay) return false;
	await page.goto(target, { waitUntil: 'domcontentloaded', timeout: 15_000 }).catch(() => null);
	await settle(page);
	return true;
}

/**
 * A collection whose items say their MIME type is a file library listing every file: only its
 * documents are invoices, so the definition keeps the items whose type is one it accepts
 * (documents.api.where; discovery writes no documents.accepts, so PDF alone), whatever else the
 * library holds now or later.
 */
function pdfItemsOnly(found: CollectionCandidate): ApiDocumentsSpec['where'] {
	const items = valueAt(found.call.json, found.items);
	if (!Array.isArray(items) || !items.length) return undefined;
	return acceptedItemsWhere(items as Record<string, unknown>[]);
}

/** A field as the HTML discovery's report shows one: its path, then its options. */
function describeField(spec: ApiFieldSpec | undefined): string {
	if (!spec || typeof spec === 'string') return spec ?? '';
	const options = [
		spec.date && `date "${spec.date}"`,
		spec.locale && `locale "${spec.locale}"`,
		spec.amount && 'amount',
		spec.map && `map of ${Object.keys(spec.map).length} words`,
	].filter(Boolean);
	return options.length ? `${spec.path} (${options.join(', ')})` : spec.path;
}

function reportApi(
	report: DiscoveryReport,
	r: {
		ranked: CollectionCandidate[];
		chosen: CollectionCandidate;
		paging: string;
		file: string;
		accounts?: string;
		auth: ReturnType<typeof findAuth>;
		held: number;
		api: ApiDocumentsSpec;
		origin: string;
	},
): void {
	const name = (c: CollectionCandidate) =>
		`${c.call.method} ${printableAddress(c.call.url, r.origin)}${c.items ? ` → ${c.items}` : ''}`;
	const samples = Object.entries(r.chosen.samples).map(
		([field, values]) =>
			`${field}: ${describeField(r.chosen.fields[field as keyof typeof r.chosen.fields])}: ${values!.map((v) => JSON.stringify(v)).join(', ')}`,
	);
	report.add({
		step: 'api',
		ok:
			!!r.api.download.urlField ||
			!!r.api.download.urlTemplate ||
			!!r.api.download.base64Field ||
			!!r.api.download.call,
		summary: `${name(r.chosen)}: ${r.chosen.count} item(s), ${Math.round(r.chosen.onScreen * 100)}% of them on screen, scored ${r.chosen.score.toFixed(1)}${
			r.ranked.length > 1
				? ` against ${r.ranked
						.slice(1, 4)
						.map((c) => `${name(c)} ${c.score.toFixed(1)}`)
						.join(', ')}`
				: ''
		}`,
		details: [
			...samples,
			`paging: ${r.paging}`,
			...(r.accounts ? [`accounts: ${r.accounts}`] : []),
			`file: ${r.file}`,
			...(r.api.where
				? [
						`only the items whose "${r.api.where.path}" is ${r.api.where.equals.join(' or ')} (documents.api.where): the items say their file type, so the list may hold any kind of file`,
					]
				: []),
			`credentials: ${r.auth.explained.length ? r.auth.explained.join('; ') : 'the session cookies'}${r.auth.unexplained.length ? `; from inside the page only: ${r.auth.unexplained.join(', ')} (calls made by fetch in the page)` : ''}`,
			...(r.held
				? [
						`${r.held} recorded call(s) held back: never replayed (another site, a change, a forbidden word)`,
					]
				: []),
		],
	});
}
