import type { AdapterEnv, ListControl } from '../core/contract/adapter';
import { MAX_JSON_BYTES, type ApiAnswer } from '../core/contract/api-call';
import type { PortalDocument } from '../core/contract/documents';
import type { RawFile } from '../core/contract/raw-file';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import type { DocumentFilters } from '../core/contract/filters';
import { withAccountName } from './account-names';
import { accountsIn, type ApiAccount } from './api-accounts';
import { ApiAuth } from './api-auth';
import { throwForApiStatus } from './api-status';
import { apiDownload, downloadLocator } from './api-download';
import { DEFAULT_API_MAX_PAGES, type ApiFieldSpec, type ApiListSpec } from './api-spec';
import { toDocuments } from './fields';
import { fieldText, fillPlaceholders, jsonAt } from './json-path';
import type { RawRow } from './page-reader';
import type { DefinitionSpec, FieldSpec } from './spec';
import { throwIfNoFileOnPage } from './no-file';

/** Where the next page is: placeholders and query values for the next request, or its address. */
type PagePosition = { page?: number; offset?: number; cursor?: string; url?: string };

/**
 * The API reader of a definition's documents step (documents.api), beside the HTML reader
 * (document-list.ts): it calls the list the way the portal's app does, page by page up to the
 * cap, reads each item's fields by their paths with the HTML fields' own readers (dates, amounts,
 * type words: fields.ts), and hands out the same documents, so that filters, Only New, the ledger,
 * file checks and size caps work exactly as for an HTML list. Calls go from Node with the
 * session's cookies and the `auth` headers on either engine, or by fetch() inside the page
 * (`inPage`).
 */
export class ApiList {
	readonly auth: ApiAuth;
	/** The definition as the HTML field readers take it: each API field a field of a "row". */
	private readonly view: DefinitionSpec;

	constructor(
		private readonly spec: DefinitionSpec,
		private readonly at: (env: AdapterEnv, target: string) => string,
	) {
		this.auth = new ApiAuth(this.api, at);
		this.view = readerView(spec, this.api);
	}

	private get api(): ApiListSpec {
		return this.spec.documents.api!;
	}

	/**
	 * Whether a restored session still works: the list's first call answers with its items. No
	 * page is opened, so a session whose token can be carried is checked without a browser.
	 */
	async isLoggedIn(env: AdapterEnv): Promise<boolean> {
		try {
			// With sub-accounts the accounts call checks it: a list without an account may not exist.
			if (this.api.accounts) await this.accounts(env, {});
			else await this.items(await this.fetchPage(env, this.start()));
			return true;
		} catch (error) {
			if (error instanceof PortalError && error.code === 'SESSION_EXPIRED') {
				this.auth.reset();
				return false;
			}
			throw error;
		}
	}

	async *list(
		env: AdapterEnv,
		control?: ListControl,
		filters: DocumentFilters = {},
	): AsyncIterable<PortalDocument> {
		// Values taken before the sign-in (none, or a stale token) are taken again.
		this.auth.reset();
		// One list per sub-account where an accounts call names them; else the one list.
		const accounts = this.api.accounts ? await this.accounts(env, filters) : [undefined];
		for (const account of accounts)
			yield* this.pagesOf(env, account?.id ?? '', control, account?.name);
	}

	/** One account's list (or the whole list: account ''), page by page up to the cap. */
	private async *pagesOf(
		env: AdapterEnv,
		account: string,
		control?: ListControl,
		accountName?: string,
	): AsyncIterable<PortalDocument> {
		const maxPages = this.api.paging?.maxPages ?? DEFAULT_API_MAX_PAGES;
		const seen = new Set<string>();
		let position: PagePosition | undefined = this.start();
		for (let pageNo = 1; position && pageNo <= maxPages; pageNo++) {
			const answer = await this.fetchPage(env, position, account);
			const items = this.items(answer);
			// Items documents.api.where passes over are no documents (never read, never fetched),
			// but they count as the page's: a page of only those does not end the list.
			const wanted = items.filter((item) => this.wanted(item));
			const docs = withAccountName(
				this.toDocuments(env, wanted, answer.url, pageNo, account),
				account,
				accountName,
			);
			// A page of nothing new (an API that repeats its last page) is the end.
			const fresh = docs.filter((d) => !seen.has(d.id));
			fresh.forEach((d) => seen.add(d.id));
			yield* fresh;
			if (!items.length || (wanted.length && !fresh.length)) return;
			if (fresh.length && control?.pageDone(fresh)) return;
			position = this.next(position, answer, items.length);
		}
	}

	/** The sub-accounts the accounts call lists (documents.api.accounts), as the filter narrows them. */
	private async accounts(env: AdapterEnv, filters: DocumentFilters): Promise<ApiAccount[]> {
		const spec = this.api.accounts!;
		const url = new URL(this.at(env, spec.request.url));
		for (const [name, value] of Object.entries(spec.request.query ?? {}))
			url.searchParams.set(name, value);
		if (this.api.inPage) await this.pageOn(env, url);
		const json = spec.request.graphql
			? { query: spec.request.graphql.query, variables: spec.request.graphql.variables ?? {} }
			: spec.request.body;
		const answer = await env.surface.call({
			method: spec.request.method ?? 'GET',
			url: url.href,
			headers: await this.auth.of(env),
			json,
			kind: 'json',
			maxBytes: MAX_JSON_BYTES,
			inPage: this.api.inPage,
		});
		throwForApiStatus(answer);
		return accountsIn(parsed(answer), spec, filters, safeUrl(answer.url));
	}

	download(env: AdapterEnv, doc: PortalDocument): Promise<RawFile> {
		return apiDownload(env, this.spec, this.at, this.auth, doc);
	}

	private start(): PagePosition {
		const { paging } = this.api;
		if (paging?.page) return { page: paging.page.start ?? 1 };
		if (paging?.offset) return { offset: 0 };
		return {};
	}

	/** Where the page after this one is, or undefined at the end. */
	private next(position: PagePosition, answer: ApiAnswer, count: number): PagePosition | undefined {
		const { paging } = this.api;
		if (paging?.page) return { page: position.page! + 1 };
		if (paging?.offset) return { offset: position.offset! + count };
		const json = parsed(answer);
		if (paging?.cursor) {
			const cursor = fieldText(jsonAt(json, paging.cursor.path));
			return cursor && cursor !== position.cursor ? { cursor } : undefined;
		}
		if (paging?.next) {
			const address = fieldText(jsonAt(json, paging.next.path));
			if (!address) return undefined;
			const url = new URL(address, answer.url).href;
			return url !== answer.url ? { url } : undefined;
		}
		return undefined;
	}

	/**
	 * Calls made inside the page need a page on the API's own origin (a restored session starts
	 * blank; the sign-in may have been on another host of the site): the sign-in page where the API
	 * is on its host, else the root of the API's host.
	 */
	private async pageOn(env: AdapterEnv, api: URL): Promise<void> {
		const here = env.surface.url();
		if (/^https?:/.test(here) && new URL(here).origin === api.origin) return;
		const login = new URL(this.at(env, this.spec.loginUrl));
		await env.surface.open(login.origin === api.origin ? login.href : `${api.origin}/`);
	}

	/** One page of the list: the request with its placeholders filled and the paging's parameter. */
	private async fetchPage(
		env: AdapterEnv,
		position: PagePosition,
		account = '',
	): Promise<ApiAnswer> {
		const { request, paging } = this.api;
		const values = {
			page: position.page?.toString(),
			offset: position.offset?.toString(),
			cursor: position.cursor,
			account,
		};
		let url: URL;
		if (position.url) url = new URL(position.url);
		else {
			url = new URL(this.at(env, fillPlaceholders(request.url, values)));
			for (const [name, value] of Object.entries(request.query ?? {}))
				url.searchParams.set(name, fillPlaceholders(value, values, undefined, false));
			const param = paging?.page?.param ?? paging?.offset?.param ?? paging?.cursor?.param;
			const value = values.page ?? values.offset ?? values.cursor;
			// A POST carries the page in its body (see body()); a GET in the query.
			if (param && value !== undefined && (request.method ?? 'GET') === 'GET')
				url.searchParams.set(param, value);
		}
		if (this.api.inPage) await this.pageOn(env, url);
		const answer = await env.surface.call({
			method: request.method ?? 'GET',
			url: url.href,
			headers: await this.auth.of(env),
			json: this.body(values),
			kind: 'json',
			maxBytes: MAX_JSON_BYTES,
			inPage: this.api.inPage,
		});
		throwForApiStatus(answer);
		return answer;
	}

	/**
	 * A POST's JSON: the body, or the GraphQL query with its variables, placeholders filled in
	 * their string values; the paging's `param` names the body's (or the variables') key that
	 * carries the page, offset or cursor (numbers as numbers; the first cursor is left out).
	 */
	private body(values: Record<string, string | undefined>): unknown {
		const { request, paging } = this.api;
		if (!request.body && !request.graphql) return undefined;
		const fill = (value: unknown): unknown =>
			typeof value === 'string'
				? fillPlaceholders(value, values, undefined, false)
				: Array.isArray(value)
					? value.map(fill)
					: value && typeof value === 'object'
						? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]))
						: value;
		const target = (fill(request.graphql?.variables ?? request.body ?? {}) ?? {}) as Record<
			string,
			unknown
		>;
		const param = paging?.page?.param ?? paging?.offset?.param ?? paging?.cursor?.param;
		const position = values.page ?? values.offset;
		if (param && position !== undefined) target[param] = Number(position);
		else if (param && values.cursor !== undefined) target[param] = values.cursor;
		return request.graphql ? { query: request.graphql.query, variables: target } : target;
	}

	/** Whether an item is a document (documents.api.where), as its value at the path is written. */
	private wanted(item: unknown): boolean {
		const where = this.api.where;
		if (!where) return true;
		const value = jsonAt(item, where.path);
		return (
			(typeof value === 'string' || typeof value === 'number') &&
			where.equals.includes(String(value))
		);
	}

	/** The page's items (documents.api.items), or LAYOUT_CHANGED when the path leads to no list. */
	private items(answer: ApiAnswer): unknown[] {
		const items = jsonAt(parsed(answer), this.api.items);
		if (!Array.isArray(items))
			throw new PortalError(
				'LAYOUT_CHANGED',
				`${this.spec.name}: the API's answer at ${safeUrl(answer.url)} has no list at documents.api.items ("${this.api.items}").`,
				{ missingElement: `documents.api.items (${this.api.items})`, url: safeUrl(answer.url) },
			);
		return items;
	}

	private toDocuments(
		env: AdapterEnv,
		items: unknown[],
		pageUrl: string,
		pageNo: number,
		account: string,
	): PortalDocument[] {
		const rows: RawRow[] = items.map((item, index) => ({
			index: (pageNo - 1) * 1000 + index,
			values: Object.fromEntries(
				Object.entries(this.api.fields).map(([name, field]) => [
					name,
					fieldText(jsonAt(item, pathOf(field)), localeOf(field)),
				]),
			),
		}));
		// An item's own account (fields.accountId) wins; else the account whose list it is in.
		const docs = toDocuments(this.view, rows, account, pageUrl);
		docs.forEach((doc, i) => downloadLocator(env, this.spec, this.at, doc, items[i], pageUrl));
		throwIfNoFileOnPage(this.spec, docs);
		return docs;
	}
}

const pathOf = (field: ApiFieldSpec) => (typeof field === 'string' ? field : field.path);
const localeOf = (field: ApiFieldSpec) => (typeof field === 'string' ? 'en' : field.locale);

/** The API's fields as HTML fields of a row whose values are already read (fields.ts reads them). */
function readerView(spec: DefinitionSpec, api: ApiListSpec): DefinitionSpec {
	const fields: Record<string, FieldSpec> = {};
	for (const [name, field] of Object.entries(api.fields)) {
		if (name === 'id') continue;
		const options = typeof field === 'string' ? {} : { ...field, path: undefined };
		fields[name] = { selector: pathOf(field), ...options };
		delete (fields[name] as { path?: string }).path;
	}
	return {
		...spec,
		documents: {
			rows: 'documents.api.items',
			fields: fields as DefinitionSpec['documents']['fields'],
			id: { field: { selector: pathOf(api.fields.id) } },
			// The API reader sets each document's download itself (api-download.ts).
			download: { click: 'documents.api.download' },
		},
	};
}

function parsed(answer: ApiAnswer): unknown {
	try {
		return JSON.parse(answer.body.toString('utf8'));
	} catch {
		throw new PortalError(
			'LAYOUT_CHANGED',
			`The portal's API answered ${safeUrl(answer.url)} with something that is not JSON.`,
			{ missingElement: 'documents.api.request', url: safeUrl(answer.url) },
		);
	}
}
