import type { AdapterEnv } from '../core/contract/adapter';
import { MAX_JSON_BYTES, type ApiAnswer } from '../core/contract/api-call';
import type { PortalDocument } from '../core/contract/documents';
import { urlAllowed } from '../core/contract/origins';
import type { RawFile } from '../core/contract/raw-file';
import { filenameFrom, throwForDownloadStatus } from '../core/http/download';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import type { ApiAuth } from './api-auth';
import { fieldText, fillPlaceholders, jsonAt } from './json-path';
import type { DefinitionSpec } from './spec';
import { markNoFile } from './no-file';

/** How an API document's file is fetched, kept in the document's locator until its download. */
type Locator =
	| { kind: 'url'; url: string }
	| { kind: 'base64'; data: string }
	| { kind: 'call'; url: string };

const at = (spec: DefinitionSpec) => spec.documents.api!;

/**
 * Sets how a listed item's file is fetched (documents.api.download): its address (urlField, or
 * urlTemplate filled from the item), the file itself (base64Field), or the second call to make.
 * Where the calls carry no header, an address goes to the collection as a plain download link
 * (fetched while the listing goes on, with the session's cookies, like an HTML list's links).
 */
export function downloadLocator(
	env: AdapterEnv,
	spec: DefinitionSpec,
	address: (env: AdapterEnv, target: string) => string,
	doc: PortalDocument,
	item: unknown,
	pageUrl: string,
): void {
	const { download, auth, inPage } = at(spec);
	// An item without its file is that document's failure (no-file.ts), not the list's.
	const missing = (what: string) =>
		markNoFile(
			doc,
			`documents.api.download.${what}`,
			`its item has no ${what} in the API's answer`,
		);
	let locator: Locator;
	const data = download.base64Field !== undefined ? jsonAt(item, download.base64Field) : undefined;
	// With a second kind beside it (validate-api.ts allows that pair), an item without the base64
	// has its file the other way: apps give one contract's PDFs inline and another's by address.
	const other = download.urlField ?? download.urlTemplate ?? download.call;
	if (typeof data === 'string' && data) locator = { kind: 'base64', data };
	else if (download.base64Field !== undefined && other === undefined) return missing('base64Field');
	else if (download.call) {
		locator = { kind: 'call', url: address(env, fillPlaceholders(download.call.url, {}, item)) };
	} else {
		const href = download.urlField
			? fieldText(jsonAt(item, download.urlField))
			: fillPlaceholders(download.urlTemplate!, {}, item);
		if (!href) return missing(download.urlField ? 'urlField' : 'urlTemplate');
		// The portal's address is read from where it answered; the definition's own template is
		// placed as its other addresses are (on the credential's site, see credential-address.ts).
		const url = download.urlField ? new URL(href, pageUrl).href : address(env, href);
		locator = { kind: 'url', url };
	}
	delete doc.locator;
	const headers = Object.keys(auth?.headers ?? {}).length > 0;
	// A download host's address is fetched here (fileAt), never with the session's cookies.
	if (locator.kind === 'url' && !headers && !inPage && !onDownloadHost(spec, locator.url))
		doc.downloadUrl = locator.url;
	else {
		doc.locator = JSON.stringify(locator);
		// Calls from Node need no page: the files come four at a time while the listing goes on
		// (one after another, a 500-document list took 3.7 times the floor's time: bench app_api).
		// Calls inside the page (inPage) stay one by one after the listing, as pressing a button does.
		if (inPage) delete doc.fetchAlongside;
		else doc.fetchAlongside = true;
	}
}

/** Whether an address is on one of the definition's download hosts (and not on the portal). */
function onDownloadHost(spec: DefinitionSpec, url: string): boolean {
	const target = new URL(url);
	const hosts = spec.downloadDomains ?? [];
	return hosts.length > 0 && urlAllowed(target, hosts) && !urlAllowed(target, spec.domains);
}

/** Fetches an API document's file as its locator says (see downloadLocator). */
export async function apiDownload(
	env: AdapterEnv,
	spec: DefinitionSpec,
	address: (env: AdapterEnv, target: string) => string,
	auth: ApiAuth,
	doc: PortalDocument,
): Promise<RawFile> {
	const locator = JSON.parse(doc.locator ?? '{}') as Locator;
	if (locator.kind === 'base64') return base64File(env, locator.data);
	if (locator.kind === 'url') return fileAt(env, spec, auth, locator.url);
	const call = at(spec).download.call!;
	const answer = await env.surface.call({
		method: call.method ?? 'GET',
		url: locator.url,
		headers: await auth.of(env),
		kind: 'json',
		maxBytes: MAX_JSON_BYTES,
		stopAtRedirect: true,
		inPage: at(spec).inPage,
	});
	if (call.base64Field !== undefined) return fileInAnswer(env, spec, answer, call.base64Field);
	const next = signedAddress(spec, answer, call.urlField);
	return fileAt(env, spec, auth, next);
}

/** A base64 file: the item's own field, or a second call's (its JSON is capped, then the file). */
function base64File(env: AdapterEnv, data: string): RawFile {
	// Node's decoder skips the line breaks some apps put into base64 (Jupyter's every 76 characters).
	const body = Buffer.from(data, 'base64');
	if (body.length > env.maxFileBytes)
		throw new PortalError(
			'INVALID_FILE',
			`The file is larger than the limit of ${env.maxFileBytes} bytes.`,
		);
	return { body };
}

/** The file a second call answered in base64 at `path` of its JSON (download.call.base64Field). */
function fileInAnswer(
	env: AdapterEnv,
	spec: DefinitionSpec,
	answer: ApiAnswer,
	path: string,
): RawFile {
	throwForDownloadStatus(answer.status, (name) => answer.headers[name], Infinity);
	let value: unknown;
	try {
		value = jsonAt(JSON.parse(answer.body.toString('utf8')), path);
	} catch {
		value = undefined;
	}
	if (typeof value !== 'string' || !value)
		throw new PortalError(
			'DOWNLOAD_FAILED',
			`${spec.name}: the call at ${safeUrl(answer.url)} gave no file at documents.api.download.call.base64Field "${path}".`,
			{ url: safeUrl(answer.url) },
		);
	return base64File(env, value);
}

/** The file's address a second call gave: its redirect's Location, or a field of its JSON. */
function signedAddress(spec: DefinitionSpec, answer: ApiAnswer, urlField?: string): string {
	const where = safeUrl(answer.url);
	if (answer.status >= 300 && answer.status < 400 && answer.headers.location)
		return new URL(answer.headers.location, answer.url).href;
	throwForDownloadStatus(answer.status, (name) => answer.headers[name], Infinity);
	let value: unknown;
	try {
		value = urlField ? jsonAt(JSON.parse(answer.body.toString('utf8')), urlField) : undefined;
	} catch {
		value = undefined;
	}
	const href = fieldText(value);
	if (!href)
		throw new PortalError(
			'DOWNLOAD_FAILED',
			`${spec.name}: the call at ${where} gave no file address (documents.api.download.call${urlField ? `.urlField "${urlField}"` : ''}).`,
			{ url: where },
		);
	return new URL(href, answer.url).href;
}

/**
 * The file's final GET. On the portal (its domains) it carries the session and the calls'
 * headers; on a host of `downloadDomains` (a CDN, signed storage) nothing of the portal's: the
 * engine's one download-host rule (GuardedFetch's bare GET) sends no cookie, no header, no
 * referrer there, keeps none of its cookies and follows no further redirect, and the call is
 * made from Node even where the list's calls are made inside the page. Anywhere else it is not
 * sent (NAVIGATION_BLOCKED).
 */
async function fileAt(
	env: AdapterEnv,
	spec: DefinitionSpec,
	auth: ApiAuth,
	url: string,
): Promise<RawFile> {
	const bare = onDownloadHost(spec, url);
	const answer = await env.surface.call({
		method: 'GET',
		url,
		headers: bare ? undefined : await auth.of(env),
		kind: 'file',
		maxBytes: env.maxFileBytes,
		finalFileGet: true,
		inPage: !bare && at(spec).inPage,
	});
	throwForDownloadStatus(answer.status, (name) => answer.headers[name], env.maxFileBytes);
	return {
		body: answer.body,
		contentType: answer.headers['content-type'],
		suggestedName: filenameFrom(answer.headers['content-disposition']),
	};
}
