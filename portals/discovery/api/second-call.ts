import { onSite } from '../documents/links';
import type { FileFinding } from './file';
import { FILE_TYPES, relative, signedAddress, templateOf } from './file-address';
import { valueAt } from './json-paths';
import { replayVerdict } from './hold';
import type { RecordedCall } from './recorded-call';

const FILE_WORDS = /url|href|link|location|download|file/i;
const FILE_ENDINGS = /\.(pdf|xml|zip|csv)$/i;

/**
 * A second call the app made for an item's file while discovery watched (after the one guarded
 * press of a download button): a GET, passed by the read-only hold, whose address is built from
 * the item (`/api/invoices/{id}/download`) and whose JSON answer holds the address the app then
 * fetched the file from (a signed address). Where that address is on another site, its host is
 * written to downloadDomains: only the file's final GET goes there, bare.
 */
export function observedSecondCall(
	calls: RecordedCall[],
	items: Record<string, unknown>[],
	base: URL,
	domains: string[],
	idPath?: string,
): FileFinding | undefined {
	for (const call of calls) {
		if (call.method !== 'GET' || call.json === undefined || call.status >= 300) continue;
		if (!replayVerdict({ method: 'GET', url: call.url }, domains).replay) continue;
		const address = new URL(call.url);
		const path = signedAddress(call.json, address);
		if (!path) continue;
		const target = new URL(String(valueAt(call.json, path)), address);
		// The answer gives a file's address: the app fetched a file there, or the field or the
		// address says file. (A download host's fetch by the page itself is refused by the run's
		// boundary, so it may never be answered while discovery watches.)
		const fetched = calls.some(
			(c) => c.order > call.order && c.url === target.href && FILE_TYPES.test(c.contentType),
		);
		if (!fetched && !FILE_WORDS.test(path) && !FILE_ENDINGS.test(target.pathname)) continue;
		for (const item of items) {
			const template = templateOf(relative(address, base), item, idPath ? [idPath] : []);
			if (!template) continue;
			const away = onSite(target.href, domains) ? undefined : [target.host];
			return {
				download: { call: { method: 'GET', url: template, urlField: path } },
				downloadDomains: away,
				how: `a second call ${template} the app made, whose answer holds the file's address at "${path}"${away ? ` on ${target.host} (a download host)` : ''}`,
			};
		}
	}
	return undefined;
}
