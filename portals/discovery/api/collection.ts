import type { RecordedCall } from './recorded-call';
import { arraysOfObjects, valueAt } from './json-paths';
import { documentItems } from './file-kinds';
import { itemFields, type ItemFields } from './item-fields';

/** One JSON array that may be the documents list, with what its items say. */
export interface CollectionCandidate extends ItemFields {
	call: RecordedCall;
	/** Dot path of the array in the answer ("" for a top-level array). */
	items: string;
	count: number;
	/** Share of the first items (up to 20) whose number or id the page shows (0 to 1). */
	onScreen: number;
	score: number;
}

/** The text the page shows, normalised as values are compared with it. */
const squash = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();

function onScreen(
	candidate: ItemFields,
	items: Record<string, unknown>[],
	visible: string,
): number {
	const path = candidate.fields.number ?? candidate.fields.id;
	if (!path || !visible) return 0;
	const key = typeof path === 'string' ? path : path.path;
	const sample = items.slice(0, 20);
	const shown = sample.filter((item) => {
		const value = valueAt(item, key);
		return (
			value !== undefined && String(value).length >= 3 && visible.includes(squash(String(value)))
		);
	});
	return shown.length / sample.length;
}

/**
 * Finds the documents collection among the app's JSON answers: an array whose items carry a
 * date, an amount or a number, and an id (or a number to serve as one). Ranked by what the
 * items hold, by how many of them the page shows (the same numbers on screen: the list the
 * user sees), then by size. One candidate per array path and address: a list fetched page by
 * page is one collection, its first page read.
 */
export function findCollections(
	calls: RecordedCall[],
	visibleText: string,
	lang: string,
): CollectionCandidate[] {
	const visible = squash(visibleText);
	const seen = new Set<string>();
	const found: CollectionCandidate[] = [];
	for (const call of calls) {
		if (call.json === undefined || call.status >= 400) continue;
		const address = new URL(call.url);
		for (const array of arraysOfObjects(call.json)) {
			const key = `${call.method} ${address.origin}${address.pathname} ${array.path}`;
			if (seen.has(key)) continue;
			// A file library's PDFs are its documents: the fields are judged on them.
			const documents = documentItems(array.items);
			const fields = itemFields(documents, lang);
			const { issueDate, amount, number, id } = fields.fields;
			if (!issueDate || !(amount || number) || !(id || number)) continue;
			seen.add(key);
			const shown = onScreen(fields, documents, visible);
			const score =
				3 +
				(amount ? 2 : 0) +
				(number ? 2 : 0) +
				(id ? 1 : 0) +
				(fields.urlPaths.length || fields.base64Paths.length ? 2 : 0) +
				(fields.fields.type ? 1 : 0) +
				Math.round(shown * 5) +
				Math.min(documents.length, 20) / 20;
			found.push({
				...fields,
				call,
				items: array.path,
				count: documents.length,
				onScreen: shown,
				score,
			});
		}
	}
	return found.sort((a, b) => b.score - a.score || a.call.order - b.call.order);
}
