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
		const stage = excludedBy(doc, filters);
		if (stage) counts[stage] += 1;
		else if (isDelivered(doc)) counts.alreadyDelivered += 1;
		else if (filters.limit !== undefined && selected.length >= filters.limit) counts.overLimit += 1;
		else selected.push(doc);
	}
	return { counts, selected };
}

/** Keeps the `count` newest documents (by issue date, across sub-accounts); the others count as over the limit. */
export function keepNewest(selection: Selection, count: number): Selection {
	const sorted = [...selection.selected].sort((a, b) => b.issueDate.localeCompare(a.issueDate));
	selection.counts.overLimit += Math.max(0, sorted.length - count);
	return { counts: selection.counts, selected: sorted.slice(0, count) };
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
	// 'known': the same file was delivered before under another id (second dedup key).
	const results: (DownloadedDocument | Failure | 'known')[] = new Array(docs.length);

	const fetchOne = async (index: number) => {
		const doc = docs[index];
		try {
			let raw;
			if (doc.downloadUrl) raw = await fetchWithSession(env.context, doc.downloadUrl, env.maxFileBytes);
			else if (adapter.download) raw = await adapter.download(env, doc);
			else throw new PortalError('DOWNLOAD_FAILED', 'The portal shows no download for this document.');
			const file = checkFile(raw.body, raw.contentType, env.maxFileBytes);
			const hash = sha256(raw.body);
			if (isDeliveredFile(hash)) {
				results[index] = 'known';
				return;
			}
			results[index] = {
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
			results[index] = { documentId: doc.id, number: doc.number, reason: portalError.code, message: portalError.message };
		}
	};

	const direct = docs.map((doc, index) => ({ doc, index })).filter(({ doc }) => doc.downloadUrl);
	const viaPage = docs.map((doc, index) => ({ doc, index })).filter(({ doc }) => !doc.downloadUrl);
	let next = 0;
	const worker = async () => {
		while (next < direct.length) await fetchOne(direct[next++].index);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, direct.length)) }, worker));
	for (const { index } of viaPage) await fetchOne(index);

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
