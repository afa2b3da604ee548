import type { AdapterEnv, ListControl, PortalAdapter } from './adapter';
import type { DownloadedDocument, PortalDocument } from './documents';
import { documentMetadata } from './documents';
import { fetchWithSession } from './download';
import { PortalError } from './errors';
import { checkFile, documentFileName, sha256 } from './files';
import { emptyCounts, excludedBy, type DocumentFilters, type StageCounts } from './filters';
import type { ReasonCode } from './reasons';

export interface Failure {
	documentId: string;
	number: string;
	reason: ReasonCode;
	message: string;
}

export interface Selection {
	counts: StageCounts;
	selected: PortalDocument[];
}

/** The first stage that stops a listed document, or 'selected' when it is to be delivered. */
function stageOf(doc: PortalDocument, filters: DocumentFilters, isDelivered: (doc: PortalDocument) => boolean, selectedSoFar: number): Exclude<keyof StageCounts, 'found' | 'downloaded' | 'failed'> | 'selected' {
	const stage = excludedBy(doc, filters);
	if (stage) return stage;
	if (isDelivered(doc)) return 'alreadyDelivered';
	if (filters.limit !== undefined && selectedSoFar >= filters.limit) return 'overLimit';
	return 'selected';
}

/** Lists the portal and sorts every document into the first stage that stops it. */
export async function selectDocuments(
	adapter: PortalAdapter,
	env: AdapterEnv,
	filters: DocumentFilters,
	isDelivered: (doc: PortalDocument) => boolean,
	control?: ListControl,
): Promise<Selection> {
	const counts = emptyCounts();
	const selected: PortalDocument[] = [];
	for await (const doc of adapter.listDocuments(env, filters, control)) {
		counts.found += 1;
		const stage = stageOf(doc, filters, isDelivered, selected.length);
		if (stage === 'selected') selected.push(doc);
		else counts[stage] += 1;
	}
	return { counts, selected };
}

/**
 * How far to list: everything; until a page that holds nothing to deliver (every document on it
 * was delivered before or is filtered out — listings are newest first, so the older pages hold
 * nothing new either); or only the first page of each sub-account.
 */
export type ListingDepth = 'all' | 'untilKnown' | 'firstPage';

export function listControl(depth: ListingDepth, filters: DocumentFilters, isDelivered: (doc: PortalDocument) => boolean): ListControl | undefined {
	if (depth === 'firstPage') return { pageDone: () => true };
	if (depth === 'untilKnown') return { pageDone: (page) => page.every((doc) => isDelivered(doc) || excludedBy(doc, filters) !== null) };
	return undefined;
}

/** Keeps the `count` newest documents (by issue date, across sub-accounts); the others count as over the limit. */
export function keepNewest(selection: Selection, count: number): Selection {
	const sorted = [...selection.selected].sort((a, b) => b.issueDate.localeCompare(a.issueDate));
	selection.counts.overLimit += Math.max(0, sorted.length - count);
	return { counts: selection.counts, selected: sorted.slice(0, count) };
}

type Outcome = DownloadedDocument | Failure | 'known';

/** Fetches and checks one document; never throws: a failure is an outcome like any other. */
function fetcher(adapter: PortalAdapter, env: AdapterEnv, portal: string, isDeliveredFile: (sha256: string) => boolean) {
	// The same file twice in one run (a portal listing one bill in two rows) is delivered once.
	const seenThisRun = new Set<string>();
	return async (doc: PortalDocument): Promise<Outcome> => {
		try {
			let raw;
			if (doc.downloadUrl) raw = await fetchWithSession(env.context, doc.downloadUrl, env.maxFileBytes, undefined, doc.downloadForm);
			else if (adapter.download) raw = await adapter.download(env, doc);
			else throw new PortalError('DOWNLOAD_FAILED', 'The portal shows no download for this document.');
			const file = checkFile(raw.body, raw.contentType, env.maxFileBytes);
			const hash = sha256(raw.body);
			// 'known': the same file was delivered before under another id (second dedup key).
			if (isDeliveredFile(hash) || seenThisRun.has(hash)) return 'known';
			seenThisRun.add(hash);
			return {
				...documentMetadata(doc),
				portal,
				fileName: documentFileName(doc, portal, file.extension),
				mimeType: file.mimeType,
				sha256: hash,
				size: raw.body.length,
				data: raw.body,
			};
		} catch (error) {
			const portalError = error instanceof PortalError ? error : new PortalError('DOWNLOAD_FAILED', String((error as Error)?.message ?? error).split('\n')[0]);
			return { documentId: doc.id, number: doc.number, reason: portalError.code, message: portalError.message };
		}
	};
}

function tally(results: Outcome[], counts: StageCounts): { documents: DownloadedDocument[]; failures: Failure[] } {
	const documents: DownloadedDocument[] = [];
	const failures: Failure[] = [];
	for (const result of results) {
		if (result === 'known') counts.alreadyDelivered += 1;
		else if ('data' in result) documents.push(result);
		else failures.push(result);
	}
	counts.downloaded += documents.length;
	counts.failed += failures.length;
	return { documents, failures };
}

/**
 * Downloads the selected documents: those with a URL concurrently through the context's
 * request API, the others one by one through the adapter (they need the page). Results keep
 * the listing order. A failed document is counted and reported, never delivered.
 */
export async function downloadDocuments(
	adapter: PortalAdapter,
	env: AdapterEnv,
	portal: string,
	docs: PortalDocument[],
	counts: StageCounts,
	concurrency: number,
	isDeliveredFile: (sha256: string) => boolean = () => false,
): Promise<{ documents: DownloadedDocument[]; failures: Failure[] }> {
	const fetchOne = fetcher(adapter, env, portal, isDeliveredFile);
	const results: Outcome[] = new Array(docs.length);
	const direct = docs.map((doc, index) => ({ doc, index })).filter(({ doc }) => doc.downloadUrl);
	const viaPage = docs.map((doc, index) => ({ doc, index })).filter(({ doc }) => !doc.downloadUrl);
	let next = 0;
	const worker = async () => {
		while (next < direct.length) {
			const { doc, index } = direct[next++];
			results[index] = await fetchOne(doc);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, direct.length)) }, worker));
	for (const { doc, index } of viaPage) results[index] = await fetchOne(doc);
	return tally(results, counts);
}

/**
 * Lists and downloads at the same time: each selected document with a URL goes to a pool of
 * `concurrency` workers as soon as it is listed, while the page moves on to the next list page.
 * A run then takes about as long as the longer of the two, not their sum. Documents that need
 * the page are fetched after the listing. If the listing fails, nothing queued is fetched any
 * more and the error is passed on (nothing of such a run is delivered).
 */
export async function selectAndDownload(
	adapter: PortalAdapter,
	env: AdapterEnv,
	portal: string,
	filters: DocumentFilters,
	isDelivered: (doc: PortalDocument) => boolean,
	control: ListControl | undefined,
	concurrency: number,
	isDeliveredFile: (sha256: string) => boolean = () => false,
): Promise<Selection & { documents: DownloadedDocument[]; failures: Failure[] }> {
	const fetchOne = fetcher(adapter, env, portal, isDeliveredFile);
	const counts = emptyCounts();
	const selected: PortalDocument[] = [];
	const results: Outcome[] = [];
	const queue: number[] = [];
	const later: number[] = [];
	let closed = false;
	let waiting: (() => void)[] = [];
	const wake = () => {
		const all = waiting;
		waiting = [];
		for (const resume of all) resume();
	};
	const worker = async () => {
		for (;;) {
			const index = queue.shift();
			if (index !== undefined) results[index] = await fetchOne(selected[index]);
			else if (closed) return;
			else await new Promise<void>((resume) => waiting.push(resume));
		}
	};
	const workers = Array.from({ length: Math.max(1, concurrency) }, worker);
	try {
		for await (const doc of adapter.listDocuments(env, filters, control)) {
			counts.found += 1;
			const stage = stageOf(doc, filters, isDelivered, selected.length);
			if (stage !== 'selected') counts[stage] += 1;
			else {
				const index = selected.push(doc) - 1;
				if (doc.downloadUrl) {
					queue.push(index);
					wake();
				} else later.push(index);
			}
		}
	} catch (error) {
		queue.length = 0;
		throw error;
	} finally {
		closed = true;
		wake();
		await Promise.all(workers);
	}
	for (const index of later) results[index] = await fetchOne(selected[index]);
	return { counts, selected, ...tally(results, counts) };
}
