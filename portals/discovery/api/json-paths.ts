/**
 * Dot paths into JSON, as the `documents.api` format writes them: "data.invoices",
 * "total.amount", "links.0.href" (numeric parts index arrays); "" is the value itself. The
 * reader's own jsonAt: a path discovery writes means exactly what the reader will read.
 */
export { jsonAt as valueAt } from '../../definitions/json-path';

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Every array of objects in a JSON value, with its path (depth-capped: hostile JSON nests). */
export function arraysOfObjects(
	value: unknown,
	path = '',
	depth = 0,
): { path: string; items: Record<string, unknown>[] }[] {
	if (depth > 6 || value === null || typeof value !== 'object') return [];
	if (Array.isArray(value)) {
		const objects = value.filter(
			(v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v),
		);
		return objects.length && objects.length === value.length ? [{ path, items: objects }] : [];
	}
	return Object.entries(value).flatMap(([key, v]) =>
		arraysOfObjects(v, join(path, key), depth + 1),
	);
}

/**
 * An item's plain values by path (strings, numbers, booleans), objects followed a few levels
 * down and an array's first element only ("lines.0.amount"): what a field path may point at.
 */
export function leaves(
	value: unknown,
	path = '',
	depth = 0,
	out: Map<string, string | number | boolean> = new Map(),
): Map<string, string | number | boolean> {
	if (depth > 4 || value === null || value === undefined) return out;
	if (typeof value !== 'object') {
		if (path) out.set(path, value as string | number | boolean);
		return out;
	}
	if (Array.isArray(value)) {
		if (value.length) leaves(value[0], join(path, '0'), depth + 1, out);
		return out;
	}
	for (const [key, v] of Object.entries(value)) leaves(v, join(path, key), depth + 1, out);
	return out;
}

/** Every path of a JSON value whose value is exactly this string (depth-capped). */
export function pathsOf(value: unknown, wanted: string, path = '', depth = 0): string[] {
	if (depth > 8 || value === null || value === undefined) return [];
	if (typeof value === 'string') return value === wanted ? [path] : [];
	if (typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, v]) =>
		pathsOf(v, wanted, join(path, key), depth + 1),
	);
}
