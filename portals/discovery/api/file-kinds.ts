/**
 * Items that say their own file type: a file library (Directus's `/files`) lists every file, and
 * its PDFs are the documents. Discovery judges the fields on those (a photo's title holds no
 * number) and writes `documents.api.where` so that a run keeps only them.
 */

import { DEFAULT_ACCEPTS, KIND_MIME_TYPES, type FileKind } from '../../core/contract/file-kinds';

const MIME = /^[a-z]+\/[\w.+-]+$/i;
export const PDF = 'application/pdf';

/** The items' top-level field that holds a MIME type ("application/pdf"), when every item has one. */
export function mimeTypePath(items: Record<string, unknown>[]): string | undefined {
	if (!items.length) return undefined;
	return Object.keys(items[0] ?? {}).find((key) =>
		items.every((item) => typeof item?.[key] === 'string' && MIME.test(item[key] as string)),
	);
}

/** The PDFs among items that say their type (all items when they do not, or none is a PDF). */
export function documentItems<T extends Record<string, unknown>>(items: T[]): T[] {
	const path = mimeTypePath(items);
	const pdfs = path ? items.filter((item) => item[path] === PDF) : [];
	return pdfs.length ? pdfs : items;
}

/**
 * documents.api.where for items that say their type: those whose type is one of the kinds the
 * written definition accepts (documents.accepts; PDF alone where it writes none), so that the
 * list keeps no item the download would then refuse, and drops none it would take. Undefined
 * when the items do not say their type, or none of them is of an accepted kind.
 */
export function acceptedItemsWhere(
	items: Record<string, unknown>[],
	accepts: readonly FileKind[] = DEFAULT_ACCEPTS,
): { path: string; equals: string[] } | undefined {
	const path = mimeTypePath(items);
	const equals = accepts.map((kind) => KIND_MIME_TYPES[kind]);
	if (!path || !items.some((item) => equals.includes(item[path] as string))) return undefined;
	return { path, equals };
}
