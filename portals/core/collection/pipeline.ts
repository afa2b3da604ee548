import type { AdapterEnv, ListControl, PortalAdapter } from '../contract/adapter';
import type { DownloadedDocument, PortalDocument } from '../contract/documents';
import { documentMetadata } from '../contract/documents';
import { PortalError } from '../outcomes/errors';
import type { Failure } from '../outcomes/result';
import { checkFile, documentFileName, sha256 } from './files';
import { excludedBy } from './filters';
import { emptyCounts, type StageCounts } from '../contract/counts';
import { type DocumentFilters } from '../contract/filters';

/**
 * How far to list: everything; until a page that holds nothing to deliver (every document on it
 * was delivered before or is filtered out — listings are newest first, so the older pages hold
 * nothing new either); or only the first page of each sub-account.
 */
export type ListingDepth = 'all' | 'untilKnown' | 'firstPage';

export interface CollectOptions {
	/** The portal's slug. */
	portal: string;
	/** How file names name the portal, when not by its slug (an Automatic portal's site). */
	fileLabel?: string;
	filters: DocumentFilters;
	/** False: list and select only (List, and nothing is downloaded). */
	fetch: boolean;
	listing: ListingDepth;
	/** Keep only this many of the newest selected documents (a trigger's test event). */
	newest?: number;
	/** Only New: documents delivered before are counted, not selected. */
	isDelivered?: (doc: PortalDocument) => boolean;
	/** Second dedup key: a file with this hash was delivered before (under another id). */
	isDeliveredFile?: (sha256: string) => boolean;
	/** Downloads at the same time (those with a URL; the others need the page, one by one). */
	concurrency: number;
	/**
	 * Told of each checked file as it arrives, while the run goes on (n8n's node starts storing
	 * it). Not a delivery: a document is delivered only once the caller output it. A throw is ignored.
	 */
	onDownloaded?: (doc: DownloadedDocument) => void;
}

export interface Collection {
	counts: StageCounts;
	/** The documents that passed every stage, in listing order (newest first when `newest` is set). */
	selected: PortalDocument[];
	documents: DownloadedDocument[];
	failures: Failure[];
}

type Stage = Exclude<keyof StageCounts, 'found' | 'downloaded' | 'failed'> | 'selected';

/** The first stage that stops a listed document, or 'selected' when it is to be delivered. */
function stageOf(doc: PortalDocument, options: CollectOptions, selectedSoFar: number): Stage {
	const stage = excludedBy(doc, options.filters);
	if (stage) return stage;
	if (options.isDelivered?.(doc)) return 'alreadyDelivered';
	if (options.filters.limit !== undefined && selectedSoFar >= options.filters.limit)
		return 'overLimit';
	return 'selected';
}

export function listControl(
	options: Pick<CollectOptions, 'listing' | 'filters' | 'isDelivered'>,
): ListControl | undefined {
	if (options.listing === 'firstPage') return { pageDone: () => true };
	if (options.listing === 'untilKnown') {
		const known = options.isDelivered ?? (() => false);
		return {
			pageDone: (page) =>
				page.every((doc) => known(doc) || excludedBy(doc, options.filters) !== null),
		};
	}
	return undefined;
}

/** The `count` newest documents (by issue date, across sub-accounts), and how many were left out. */
export function newestOf(
	docs: PortalDocument[],
	count: number,
): { kept: PortalDocument[]; dropped: number } {
	const sorted = [...docs].sort((a, b) => b.issueDate.localeCompare(a.issueDate));
	return { kept: sorted.slice(0, count), dropped: Math.max(0, sorted.length - count) };
}

type Outcome = DownloadedDocument | Failure | 'known';

/** Fetches and checks one document; never throws: a failure is an outcome like any other. */
function fetcher(adapter: PortalAdapter, env: AdapterEnv, options: CollectOptions) {
	// The same file twice in one run (a portal listing one bill in two rows) is delivered once.
	const seenThisRun = new Set<string>();
	return async (doc: PortalDocument): Promise<Outcome> => {
		let downloaded: DownloadedDocument;
		try {
			let raw;
			if (doc.downloadUrl)
				raw = await env.surface.fetchFile(doc.downloadUrl, env.maxFileBytes, doc.downloadForm);
			else if (adapter.download) raw = await adapter.download(env, doc);
			else
				throw new PortalError('DOWNLOAD_FAILED', 'The portal shows no download for this document.');
			// A printed page is a PDF the browser made: only ever checked, and named, as that.
			const accepts = raw.printed ? (['pdf'] as const) : adapter.accepts;
			const file = checkFile(raw.body, raw.contentType, env.maxFileBytes, accepts);
			const hash = sha256(raw.body);
			// 'known': the same file was delivered before under another id (second dedup key).
			if (options.isDeliveredFile?.(hash) || seenThisRun.has(hash)) return 'known';
			seenThisRun.add(hash);
			downloaded = {
				...documentMetadata(doc),
				portal: options.portal,
				fileName: documentFileName(
					doc,
					options.fileLabel ?? options.portal,
					raw.printed ? `printed.${file.extension}` : file.extension,
				),
				mimeType: file.mimeType,
				fileKind: file.kind,
				...(raw.printed ? { printed: true as const } : {}),
				sha256: hash,
				size: raw.body.length,
				data: raw.body,
			};
		} catch (error) {
			const portalError =
				error instanceof PortalError
					? error
					: new PortalError(
							'DOWNLOAD_FAILED',
							String((error as Error)?.message ?? error).split('\n')[0],
						);
			return {
				documentId: doc.id,
				number: doc.number,
				reason: portalError.code,
				message: portalError.message,
			};
		}
		try {
			options.onDownloaded?.(downloaded);
		} catch {
			// The caller's trouble, not the document's: it is still delivered with the result.
		}
		return downloaded;
	};
}

/**
 * A pool of `concurrency` workers that fetch queued documents while the listing goes on, so a
 * run takes about as long as the longer of the two, not their sum.
 */
function fetchPool(fetchOne: (doc: PortalDocument) => Promise<Outcome>, concurrency: number) {
	const results = new Map<number, Outcome>();
	const queue: { index: number; doc: PortalDocument }[] = [];
	let closed = false;
	let waiting: (() => void)[] = [];
	const wake = () => {
		const all = waiting;
		waiting = [];
		for (const resume of all) resume();
	};
	const worker = async () => {
		for (;;) {
			const next = queue.shift();
			if (next) results.set(next.index, await fetchOne(next.doc));
			else if (closed) return;
			else await new Promise<void>((resume) => waiting.push(resume));
		}
	};
	const workers = Array.from({ length: Math.max(1, concurrency) }, worker);
	return {
		results,
		add(index: number, doc: PortalDocument) {
			queue.push({ index, doc });
			wake();
		},
		/** Drops what is still queued (the listing failed: nothing of the run is delivered). */
		cancel() {
			queue.length = 0;
		},
		async drain() {
			closed = true;
			wake();
			await Promise.all(workers);
		},
	};
}

/** Fetched by the pool while the listing goes on: a URL, or an adapter download needing no page. */
const alongside = (doc: PortalDocument) =>
	doc.downloadUrl !== undefined || doc.fetchAlongside === true;

/**
 * The one collection pipeline: list → select (each document into the first stage that stops it)
 * → newest (when asked) → fetch. List is the same chain without the fetch. Documents with a URL
 * (or an adapter download that needs no page: fetchAlongside) are fetched while the listing goes
 * on (unless only the newest are wanted, which needs the whole listing first); documents that
 * need the page are fetched one by one after it. Results keep the
 * selection's order; a failed document is counted and reported, never delivered. If the listing
 * fails, nothing queued is fetched any more and the error is passed on.
 */
export async function collect(
	adapter: PortalAdapter,
	env: AdapterEnv,
	options: CollectOptions,
): Promise<Collection> {
	const counts = emptyCounts();
	let selected: PortalDocument[] = [];
	const fetchOne = fetcher(adapter, env, options);
	const early = options.fetch && options.newest === undefined;
	const pool = options.fetch ? fetchPool(fetchOne, options.concurrency) : undefined;
	try {
		for await (const doc of adapter.listDocuments(env, options.filters, listControl(options))) {
			counts.found += 1;
			const stage = stageOf(doc, options, selected.length);
			if (stage !== 'selected') counts[stage] += 1;
			else {
				const index = selected.push(doc) - 1;
				if (early && alongside(doc)) pool!.add(index, doc);
			}
		}
	} catch (error) {
		pool?.cancel();
		await pool?.drain();
		throw error;
	}
	if (options.newest !== undefined) {
		const { kept, dropped } = newestOf(selected, options.newest);
		selected = kept;
		counts.overLimit += dropped;
	}
	if (!pool) return { counts, selected, documents: [], failures: [] };
	if (!early) selected.forEach((doc, index) => alongside(doc) && pool.add(index, doc));
	await pool.drain();
	for (const [index, doc] of selected.entries())
		if (!alongside(doc)) pool.results.set(index, await fetchOne(doc));
	return {
		counts,
		selected,
		...tally(
			selected.map((_, index) => pool.results.get(index)!),
			counts,
		),
	};
}

function tally(
	results: Outcome[],
	counts: StageCounts,
): { documents: DownloadedDocument[]; failures: Failure[] } {
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
