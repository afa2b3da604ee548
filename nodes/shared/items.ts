import type {
	BinaryHelperFunctions,
	IBinaryData,
	IBinaryKeyData,
	IDataObject,
	INodeExecutionData,
} from 'n8n-workflow';
import {
	documentMetadata,
	type DocumentMetadata,
	type DownloadedDocument,
} from '../../portals/core/contract/documents';
import type { StageCounts } from '../../portals/core/contract/counts';
import type { RunResult } from '../../portals/core/outcomes/result';
import { STEP_FOR_REASON } from '../../portals/core/outcomes/reasons';
import { STATUS_INFO } from '../../portals/core/contract/statuses';

/** What building items needs from a node's context: the action node's and the trigger's both have it. */
export interface BinaryContext {
	helpers: Pick<BinaryHelperFunctions, 'prepareBinaryData'>;
}

/** Items of an action node point back to their input item; a trigger's have none. */
const paired = (itemIndex?: number) =>
	itemIndex === undefined ? {} : { pairedItem: { item: itemIndex } };

/** n8n's own default binary field (Put Output File in Field), and the trigger's only one. */
export const DEFAULT_BINARY_FIELD = 'data';

/**
 * Each run's files in n8n's binary store. n8n 2.x keeps binary data on disk by default: each file
 * is a write, a stat and a metadata write, and 500 of them after the last download took about a
 * second on our 2-core machine (the benchmark's full run), while the run had spent most of its
 * time waiting for the portal. So each file is handed over as it arrives
 * (ConnectionRequest.onDownloaded); the items, built at the end, take what is stored. A file whose
 * run then fails is never output; it stays in the execution's binary data, which n8n removes with
 * the execution. The trigger does not hand files over early: a poll has no execution yet, and n8n
 * would keep such a file in the workflow's temporary binary data for good.
 */
export class BinaryFiles {
	private readonly stored = new Map<DownloadedDocument, Promise<IBinaryData>>();

	constructor(private readonly ctx: BinaryContext) {}

	/** For ConnectionRequest.onDownloaded: starts storing the file, never throws. */
	readonly add = (doc: DownloadedDocument): void => void this.of(doc).catch(() => undefined);

	/** The stored file; stored now if it was not handed over while the run went on. */
	of(doc: DownloadedDocument): Promise<IBinaryData> {
		let file = this.stored.get(doc);
		if (!file) {
			file = this.ctx.helpers.prepareBinaryData(doc.data, doc.fileName, doc.mimeType);
			this.stored.set(doc, file);
		}
		return file;
	}
}

/**
 * Files stored at the same time at the end (those not handed over during the run: all of a
 * trigger's poll). Bounded so that a first sync of thousands of documents does not open
 * thousands of files in n8n's binary store at once.
 */
const STORES_IN_FLIGHT = 8;

/**
 * One item per downloaded document: metadata as JSON, the file in the binary field the user
 * named (Download's "Put Output File in Field"), `data` unless told otherwise. Items keep the
 * documents' order.
 */
export async function documentItems(
	ctx: BinaryContext,
	docs: DownloadedDocument[],
	itemIndex?: number,
	binaryField = DEFAULT_BINARY_FIELD,
	files = new BinaryFiles(ctx),
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = new Array(docs.length);
	let next = 0;
	const worker = async () => {
		while (next < docs.length) {
			const at = next++;
			// The metadata without the file's bytes.
			const json: Partial<DownloadedDocument> = { ...docs[at] };
			delete json.data;
			items[at] = {
				json: json as unknown as IDataObject,
				binary: { [binaryField]: await files.of(docs[at]) },
				...paired(itemIndex),
			};
		}
	};
	await Promise.all(Array.from({ length: Math.min(STORES_IN_FLIGHT, docs.length) }, worker));
	return items;
}

export function metadataItems(
	portal: string,
	docs: DocumentMetadata[],
	itemIndex: number,
): INodeExecutionData[] {
	return docs.map((doc) => ({
		json: { portal, ...documentMetadata(doc) } as unknown as IDataObject,
		pairedItem: { item: itemIndex },
	}));
}

/** The status of a connection as an item (Check, and the Action Required output). */
export function statusJson(result: RunResult, connection: string): IDataObject {
	return {
		portal: result.portal,
		connection,
		status: result.status,
		statusLabel: STATUS_INFO[result.status].label,
		reason: result.reason ?? null,
		message: result.message,
		remedy: result.remedy,
		sessionReused: result.sessionReused,
		// Which engine showed the portal (plain HTTP or the browser), and why a run moved to the browser.
		...(result.engine ? { engine: result.engine } : {}),
		...(result.engineSwitch ? { movedToBrowserBecause: result.engineSwitch } : {}),
	};
}

/**
 * What the user needs to act on: which method the portal expects, its own words, what to do,
 * and the encrypted resume token for Submit Code. The captcha image or a screenshot of the page
 * goes along as binary where it helps.
 */
export async function actionItem(
	ctx: BinaryContext,
	result: RunResult,
	connection: string,
	itemIndex?: number,
): Promise<INodeExecutionData> {
	const json: IDataObject = {
		...statusJson(result, connection),
		method:
			result.challenge?.method ??
			(result.reason ? STEP_FOR_REASON[result.reason] : undefined) ??
			null,
		portalMessage: result.challenge?.portalMessage ?? null,
		resumeToken: result.challenge?.resumeToken ?? null,
		resumeTokenExpiresAt: result.challenge?.expiresAt ?? null,
	};
	const item: INodeExecutionData = { json, ...paired(itemIndex) };
	const image = result.challenge?.image;
	const binary: IBinaryKeyData = {};
	if (image) {
		binary.captcha = await ctx.helpers.prepareBinaryData(
			Buffer.from(image.base64, 'base64'),
			'captcha.png',
			image.mimeType,
		);
	} else if (result.debug?.screenshot) {
		binary.screenshot = await ctx.helpers.prepareBinaryData(
			result.debug.screenshot,
			'portal.png',
			'image/png',
		);
	}
	// Redacted (no form values, tokens, scripts or query strings): safe to attach to a bug report.
	if (result.debug?.html)
		binary.page = await ctx.helpers.prepareBinaryData(
			Buffer.from(result.debug.html),
			'portal.html',
			'text/html',
		);
	if (Object.keys(binary).length) item.binary = binary;
	return item;
}

const STAGE_WORDS: [keyof StageCounts, string][] = [
	['found', 'found on the portal'],
	['outsideDateRange', 'outside the date range'],
	['excludedByType', 'excluded by type'],
	['excludedByAccount', 'excluded by account'],
	['excludedByAmount', 'excluded by amount'],
	['alreadyDelivered', 'already delivered'],
	['overLimit', 'over the limit'],
	['downloaded', 'downloaded'],
	['failed', 'failed'],
];

/** One line for the output pane that answers "why is my invoice not here". */
export function countsSummary(counts: StageCounts): string {
	return STAGE_WORDS.filter(([key]) => key === 'found' || counts[key] > 0)
		.map(([key, words]) => `${counts[key]} ${words}`)
		.join(' · ');
}
