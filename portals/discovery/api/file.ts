import { onSite } from '../documents/links';
import type { ApiDocumentsSpec } from './api-spec';
import type { CollectionCandidate } from './collection';
import { replayVerdict } from './hold';
import { valueAt } from './json-paths';
import type { RecordedCall } from './recorded-call';
import type { FileKind } from '../../core/contract/file-kinds';
import { FILE_TYPES, kindOfType, relative, signedAddress, templateOf } from './file-address';
import { observedSecondCall } from './second-call';

export { templateOf } from './file-address';

/** What the server says about an address when asked (probe.ts asks; tests answer). */
export interface ProbeAnswer {
	status: number;
	contentType: string;
	location?: string;
	json?: unknown;
}
export type Probe = (url: string) => Promise<ProbeAnswer | undefined>;

export interface FileFinding {
	download?: ApiDocumentsSpec['download'];
	/** Hosts a file's address redirects to (a CDN, signed storage): for its final GET only. */
	downloadDomains?: string[];
	/** The kind of file the probe or a watched download answered (kindOfType). */
	kind?: FileKind;
	how: string;
}

/**
 * How a document's file is fetched: its bytes in the item (base64), its address in the item
 * (asked once per shape, as the HTML discovery probes links: a file, a redirect to one, or JSON
 * that holds the signed address: a second call), or, when the items hold no address, the
 * address of a download the app made while discovery watched, written as a template of the
 * item's fields. Only addresses the read-only hold passes are asked.
 */
export async function findFile(
	found: CollectionCandidate,
	calls: RecordedCall[],
	probe: Probe,
	domains: string[],
	links: string[] = [],
): Promise<FileFinding> {
	if (found.base64Paths[0])
		return {
			download: { base64Field: found.base64Paths[0] },
			how: `the file itself, base64, at "${found.base64Paths[0]}"`,
		};
	const base = new URL(found.call.url);
	const items = valueAt(found.call.json, found.items) as Record<string, unknown>[];
	const idPath = typeof found.fields.id === 'string' ? found.fields.id : found.fields.id?.path;
	for (const path of found.urlPaths) {
		const address = new URL(String(valueAt(items[0], path)), base);
		if (
			!onSite(address.toString(), domains) ||
			!replayVerdict({ method: 'GET', url: address.toString() }, domains).replay
		)
			continue;
		const answer = await probe(address.toString());
		if (!answer) continue;
		if (FILE_TYPES.test(answer.contentType) && answer.status < 300)
			return {
				download: { urlField: path },
				kind: kindOfType(answer.contentType),
				how: `the address at "${path}" (the server answers ${answer.contentType})`,
			};
		if (answer.status >= 300 && answer.status < 400 && answer.location) {
			const target = new URL(answer.location, address);
			const away = onSite(target.toString(), domains) ? undefined : [target.host];
			return {
				download: { urlField: path },
				downloadDomains: away,
				how: `the address at "${path}", which redirects${away ? ` to ${target.host} (a download host)` : ''}`,
			};
		}
		const signed = answer.json === undefined ? undefined : signedAddress(answer.json, address);
		const template = templateOf(relative(address, base), items[0], idPath ? [idPath] : []);
		if (signed && template)
			return {
				download: { call: { method: 'GET', url: template, urlField: signed } },
				how: `a second call ${template} whose answer holds the file's address at "${signed}"`,
			};
	}
	return (
		(await linkedFile(items, links, base, probe, domains, idPath)) ??
		observedSecondCall(calls, items, base, domains, idPath) ??
		observedDownload(found, calls, items, base, idPath)
	);
}

/**
 * A file the page links to whose address holds an item's field (a file browser's
 * `/files/{path}`): written as a template when the server answers it with a file. The same
 * template must fit at least two items (one is a coincidence), and one address is asked.
 */
async function linkedFile(
	items: Record<string, unknown>[],
	links: string[],
	base: URL,
	probe: Probe,
	domains: string[],
	idPath?: string,
): Promise<FileFinding | undefined> {
	const tried = new Set<string>();
	for (const link of links) {
		if (!onSite(link, domains) || !replayVerdict({ method: 'GET', url: link }, domains).replay)
			continue;
		const address = relative(new URL(link), base);
		for (const item of items) {
			const template = templateOf(address, item, idPath ? [idPath] : []);
			if (!template || tried.has(template)) continue;
			tried.add(template);
			// Distinct items must give distinct linked addresses (a field every item shares, a
			// type "file", would give one address for all).
			const fits = new Set(
				items
					.map((other) => fill(template, other))
					.filter((filled) => links.some((l) => relative(new URL(l), base) === filled)),
			).size;
			if (fits < Math.min(2, items.length)) continue;
			const answer = await probe(link);
			if (answer && FILE_TYPES.test(answer.contentType) && answer.status < 300)
				return {
					download: { urlTemplate: template },
					kind: kindOfType(answer.contentType),
					how: `the address of a file the page links to, built from the item (${template}; the server answers ${answer.contentType})`,
				};
		}
	}
	return undefined;
}

/** A template filled from one item, as a run fills it (values written as they are). */
export const fill = (template: string, item: Record<string, unknown>) =>
	template.replace(/\{([^}]+)\}/g, (_, path: string) => String(valueAt(item, path) ?? ''));

/** A download the app itself made while discovery watched, whose address holds an item's field. */
function observedDownload(
	found: CollectionCandidate,
	calls: RecordedCall[],
	items: Record<string, unknown>[],
	base: URL,
	idPath?: string,
): FileFinding {
	for (const call of calls.filter((c) => FILE_TYPES.test(c.contentType) && c.status < 300)) {
		const address = new URL(call.url);
		for (const item of items) {
			const template = templateOf(relative(address, base), item, idPath ? [idPath] : []);
			if (template)
				return {
					download: { urlTemplate: template },
					kind: kindOfType(call.contentType),
					how: `the address of a download the app made (${template})`,
				};
		}
	}
	const hint = found.urlPaths.length
		? `addresses at ${found.urlPaths.map((p) => `"${p}"`).join(', ')} did not answer with a file`
		: 'no address in the items';
	return { how: `no file found: ${hint}, and no download was seen` };
}
