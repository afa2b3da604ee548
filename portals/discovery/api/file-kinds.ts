/**
 * Items that say their own file type: a file library (Directus's `/files`) lists every file, and
 * its PDFs are the documents. Discovery judges the fields on those (a photo's title holds no
 * number) and writes `documents.api.where` so that a run keeps only them.
 */

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
