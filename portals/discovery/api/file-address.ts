import type { FileKind } from '../../core/contract/file-kinds';
import { leaves } from './json-paths';
import { withoutSecretParams } from './redact';

/**
 * What an item's file address is made of (file.ts and second-call.ts): the content types of a
 * file, an address written relative to the list's origin without its secret parameters, a
 * template of the item's fields, and the path of an address in a JSON answer.
 */
export const FILE_TYPES = /^application\/(pdf|octet-stream|zip|xml)|^text\/(xml|csv)/;
/**
 * The kind of document a probed file's content type names: what discovery writes as
 * documents.accepts beside PDF, so that a run takes the files it was learned on
 * (application/octet-stream names none: the run's check decides by the bytes).
 */
export function kindOfType(contentType: string): FileKind | undefined {
	const kind = /^(?:application|text)\/(pdf|zip|xml|csv)\b/.exec(contentType.toLowerCase())?.[1];
	return kind as FileKind | undefined;
}

// A signed address's signature or token is one download's: never part of a template.
export const relative = (address: URL, base: URL) => {
	const url = withoutSecretParams(address);
	return url.origin === base.origin ? `${url.pathname}${url.search}` : url.toString();
};

/** An item's address written as a template of its own fields: /api/invoices/{id}/pdf. */
export function templateOf(
	address: string,
	item: Record<string, unknown>,
	prefer: string[],
): string | undefined {
	const values = [...leaves(item)]
		.filter(([, v]) => (typeof v === 'string' || typeof v === 'number') && String(v).length >= 2)
		// The preferred field (the id) first, then the longest value: a path holds a name.
		.sort(
			([a, x], [b, y]) =>
				Number(prefer.includes(b)) - Number(prefer.includes(a)) ||
				String(y).length - String(x).length,
		);
	for (const [path, value] of values) {
		const text = String(value);
		for (const written of new Set([text, encodeURIComponent(text)]))
			if (address.includes(written) && !/^https?:/.test(text))
				return address.split(written).join(`{${path}}`);
	}
	return undefined;
}

/** The path of an address in a JSON answer (a signed address the second call returns). */
export function signedAddress(json: unknown, base: URL): string | undefined {
	for (const [path, value] of leaves(json))
		if (typeof value === 'string' && /^(https?:\/\/|\/)\S+$/.test(value)) {
			const url = new URL(value, base);
			if (url.toString() !== base.toString()) return path;
		}
	return undefined;
}
