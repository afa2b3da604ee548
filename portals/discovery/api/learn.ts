import type { Page } from 'playwright';
import type { DiscoveryReport } from '../report';
import type { ApiDocumentsSpec, ApiFieldSpec } from './api-spec';
import { findAuth } from './auth';
import { findCollections, type CollectionCandidate } from './collection';
import { findFile, type FileFinding } from './file';
import { replayVerdict } from './hold';
import { findPaging } from './paging';
import { pressOneDownload } from './press';
import { pageProbe } from './probe';
import type { ApiRecorder } from './record';
import { pageStorage } from './record';
import { printableAddress } from './redact';
import { otherAccountFile } from './other-accounts';
import { requestSpec } from './request-spec';
import { findSubAccounts } from './sub-accounts';
import type { RecordedCall } from './recorded-call';

export interface ApiLearned {
	api: ApiDocumentsSpec;
	downloadDomains?: string[];
	/** The chosen collection (for comparing with the HTML list). */
	chosen: CollectionCandidate;
}

export interface LearnOptions {
	domains: string[];
	/** The portal's origin: request addresses are written relative to it. */
	origin: string;
}

const sameList = (a: RecordedCall, b: RecordedCall) => {
	const [x, y] = [new URL(a.url), new URL(b.url)];
	return a.method === b.method && x.origin === y.origin && x.pathname === y.pathname;
};

/** The text the page shows and its language: what confirms a collection. */
async function shown(page: Page): Promise<{ text: string; lang: string }> {
	return page
		.evaluate(() => ({
			text: (document.body?.innerText ?? '').slice(0, 1_000_000),
			lang: (document.documentElement.lang || '').toLowerCase(),
		}))
		.catch(() => ({ text: '', lang: '' }));
}

/** The addresses the page links to (absolute, at most 500): a file's may be built from an item. */
async function fileLinks(page: Page): Promise<string[]> {
	return page
		.evaluate(() =>
			[
				...new Set(
					[...document.querySelectorAll('a[href]')].map((a) => (a as HTMLAnchorElement).href),
				),
			]
				.filter((href) => /^https?:/.test(href))
				.slice(0, 500),
		)
		.catch(() => [] as string[]);
}

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
	const screen = await shown(page);
	let ranked = findCollections(replayable(), screen.text, screen.lang);
	if (!ranked.length) return undefined;
	if (replayable().filter((c) => sameList(c, ranked[0].call)).length < 2) {
		// One page seen: scrolling shows how the app asks for the next one.
		await scrollOnce(page);
		await recorder.settled();
		ranked = findCollections(replayable(), (await shown(page)).text, screen.lang);
	}
	const chosen = ranked[0];
	const list = replayable().filter((c) => sameList(c, chosen.call));
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
	const accounts = findSubAccounts(chosen.call, replayable(), {
		...options,
		pagingParam: pagingParam(paging.paging),
	});
	if (accounts && file.download?.base64Field) {
		const ctx = { chosen, accounts, base64Field: file.download.base64Field, probe, links };
		file = withOtherKind(file, await otherAccountFile(page, { ...ctx, ...options }));
	}
	file = onListHost(file, new URL(chosen.call.url).origin, options.origin);
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
	return file.download ? { api, downloadDomains: file.downloadDomains, chosen } : undefined;
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
		how: `${file.how} where the item has it; for another account's items, ${other.how}`,
	};
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
			`credentials: ${r.auth.explained.length ? r.auth.explained.join('; ') : 'the session cookies'}${r.auth.unexplained.length ? `; from inside the page only: ${r.auth.unexplained.join(', ')} (calls made by fetch in the page)` : ''}`,
			...(r.held
				? [
						`${r.held} recorded call(s) held back: never replayed (another site, a change, a forbidden word)`,
					]
				: []),
		],
	});
}
