import type { DocumentMetadata } from '../../../portals/core/contract/documents';
import type { RunResult } from '../../../portals/core/outcomes/result';
import type { ApiFieldSpec, ApiListSpec } from '../../../portals/definitions/api-spec';
import { DEFAULT_API_MAX_PAGES } from '../../../portals/definitions/api-spec';

/**
 * The checker's lines for a definition whose documents come from the app's API (documents.api),
 * as it prints an HTML list's: the request, the paging, the items path, each field's path with
 * three values it read, the download kind and where the calls' headers come from (never their
 * values). Calls made inside the page (inPage) are said so.
 */
export function printApi(api: ApiListSpec, list: RunResult): void {
	const { request } = api;
	const query = Object.entries(request.query ?? {})
		.map(([k, v]) => `${k}=${v}`)
		.join('&');
	console.log(
		`  api request: ${request.method ?? 'GET'} ${request.url}${query ? `?${query}` : ''}${request.graphql ? ' (GraphQL query)' : request.body ? ' (JSON body)' : ''}`,
	);
	console.log(`  api paging: ${paging(api)}`);
	console.log(`  api items: ${api.items === '' ? '(the answer itself)' : api.items}`);
	const docs = list.selected as DocumentMetadata[];
	if (api.accounts) {
		// The sub-accounts whose lists were called, as the documents show them.
		const seen = [...new Set(docs.map((d) => d.accountId).filter(Boolean))].slice(0, 5);
		console.log(
			`  api accounts: ${api.accounts.request.method ?? 'GET'} ${api.accounts.request.url} → ${api.accounts.items || '(the answer itself)'}, id ${api.accounts.id}; one list each with {account} → ${seen.map((a) => JSON.stringify(a)).join(', ') || '(none)'}`,
		);
	}
	for (const [name, field] of Object.entries(api.fields)) {
		const samples = docs
			.slice(0, 3)
			.map((d) => d[name as keyof DocumentMetadata])
			.filter((v) => v !== undefined)
			.map((v) => JSON.stringify(v));
		console.log(`  api field ${name}: ${describeField(field)} → ${samples.join(', ') || '(none)'}`);
	}
	if (api.where)
		console.log(
			`  api items kept: those whose "${api.where.path}" is ${api.where.equals.join(' or ')} (where); the others are passed over`,
		);
	console.log(`  api download: ${download(api)}`);
	for (const [name, header] of Object.entries(api.auth?.headers ?? {})) {
		// A constant is no credential (validation refuses one under a credential's name).
		if ('value' in header) {
			console.log(`  api header ${name}: the constant ${JSON.stringify(header.value)}`);
			continue;
		}
		const [kind, value] = Object.entries(header.from)[0] as [string, unknown];
		const where =
			typeof value === 'string' ? `${kind} "${value}"` : `${kind} ${JSON.stringify(value)}`;
		console.log(`  api header ${name}: ${header.template ?? '{value}'} from ${where}`);
	}
	if (api.inPage)
		console.log(
			'  api calls: made by fetch() inside the signed-in page (inPage: the token lives only there)',
		);
	else
		console.log(
			"  api calls: from Node's HTTP client with the session's cookies and the headers above",
		);
}

function paging(api: ApiListSpec): string {
	const p = api.paging;
	const cap = `at most ${p?.maxPages ?? DEFAULT_API_MAX_PAGES} pages`;
	if (p?.page) return `page number in "${p.page.param}" from ${p.page.start ?? 1}, ${cap}`;
	if (p?.offset) return `offset in "${p.offset.param}", ${p.offset.size} a page, ${cap}`;
	if (p?.cursor) return `cursor from ${p.cursor.path} in "${p.cursor.param}", ${cap}`;
	if (p?.next) return `next address from ${p.next.path}, ${cap}`;
	return 'none (one call)';
}

function describeField(field: ApiFieldSpec): string {
	if (typeof field === 'string') return field;
	const options = [
		field.date && `date ${field.date}`,
		field.amount && 'amount',
		field.locale && `locale ${field.locale}`,
		field.map && `map of ${Object.keys(field.map).length} words`,
		field.regex && `regex ${field.regex}`,
	].filter(Boolean);
	return `${field.path}${options.length ? ` (${options.join(', ')})` : ''}`;
}

function download(api: ApiListSpec): string {
	const d = api.download;
	const other = { ...d, base64Field: undefined };
	// Either kind of file per item: the base64 where the item has it, the other kind elsewhere.
	if (d.base64Field !== undefined && (d.urlField ?? d.urlTemplate ?? d.call) !== undefined)
		return `base64Field ${d.base64Field} where the item has it, else ${download({ ...api, download: other })}`;
	if (d.urlField !== undefined) return `urlField ${d.urlField} (the file's address is in the item)`;
	if (d.urlTemplate !== undefined) return `urlTemplate ${d.urlTemplate}`;
	if (d.base64Field !== undefined) return `base64Field ${d.base64Field} (the file is in the item)`;
	const call = `call ${d.call!.method ?? 'GET'} ${d.call!.url}`;
	if (d.call!.base64Field !== undefined)
		return `${call}, the file in base64 at ${d.call!.base64Field} of its answer`;
	return `${call}${d.call!.urlField ? `, address from ${d.call!.urlField}` : ''} (or its redirect)`;
}
