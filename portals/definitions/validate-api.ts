import { urlAllowed } from '../core/contract/origins';
import { forbiddenWord } from '../discovery/words/forbidden-words';
import type { ApiFieldSpec, ApiListSpec, ApiRequestSpec } from './api-spec';
import { fieldOptionProblems } from './field-checks';
import type { DefinitionSpec } from './spec';

interface Problem {
	field: string;
	message: string;
}

/** The HTML parts a documents list has; an API list (documents.api) has none of them. */
const HTML_PARTS = ['url', 'clicks', 'rows', 'list', 'fields', 'id', 'pagination', 'download'];
const DOWNLOAD_KINDS = ['urlField', 'urlTemplate', 'base64Field', 'call'] as const;
const PAGING_KINDS = ['page', 'offset', 'cursor', 'next'] as const;
/** Placeholders a list request may hold; the paging kind or the sub-account fills them. */
const LIST_PLACEHOLDERS = ['page', 'offset', 'cursor', 'account'];

/**
 * What the schema cannot say about `documents.api`, one message per problem: exactly one download
 * kind and at most one paging kind, no HTML parts beside it, a GET without a body, queries only (a
 * GraphQL mutation or a forbidden word in an address or body is refused: a definition only reads),
 * addresses inside the domains, placeholders the run can fill, and the fields' formats.
 */
export function apiProblems(spec: DefinitionSpec): Problem[] {
	const api = spec.documents.api;
	if (!api) return [];
	const problems: Problem[] = [];
	const add = (field: string, message: string) => problems.push({ field, message });
	for (const part of HTML_PARTS)
		if (part in spec.documents)
			add(
				`documents.${part}`,
				'is an HTML part, but documents.api reads the list from the API; remove one of them',
			);
	const kinds = DOWNLOAD_KINDS.filter((k) => api.download[k] !== undefined);
	// base64Field may stand beside one other kind: the item's base64 where it has one, else that.
	const pair = kinds.length === 2 && kinds.includes('base64Field');
	if (kinds.length !== 1 && !pair)
		add(
			'documents.api.download',
			`name exactly one of ${DOWNLOAD_KINDS.join(', ')} (or base64Field with one other)`,
		);
	if (api.download.call?.urlField !== undefined && api.download.call.base64Field !== undefined)
		add('documents.api.download.call', 'name at most one of urlField, base64Field');
	const paging = PAGING_KINDS.filter((k) => api.paging?.[k] !== undefined);
	if (paging.length > 1)
		add('documents.api.paging', `name at most one of ${PAGING_KINDS.join(', ')}`);
	problems.push(...requestProblems(spec, api));
	problems.push(...placeholderProblems(api, paging[0]));
	problems.push(...accountsProblems(spec, api));
	for (const [name, field] of Object.entries(api.fields))
		problems.push(...fieldProblems(`documents.api.fields.${name}`, field));
	return problems;
}

/**
 * A request's own problems (the list's, or the accounts call's at `at`): a body with GET, both a
 * body and a GraphQL query, a GraphQL change, a forbidden word in its query or body.
 */
function callProblems(request: ApiRequestSpec, at: string): Problem[] {
	const problems: Problem[] = [];
	const add = (field: string, message: string) => problems.push({ field, message });
	const method = request.method ?? 'GET';
	if (method === 'GET' && (request.body || request.graphql))
		add(`${at}.${request.body ? 'body' : 'graphql'}`, 'is sent only with method POST');
	if (request.body && request.graphql) add(at, 'name one of body and graphql, not both');
	const operation = request.graphql && graphqlOperation(request.graphql.query);
	if (operation && operation !== 'query')
		add(
			`${at}.graphql.query`,
			operation === 'unknown'
				? 'is not a GraphQL query (it starts with neither "query" nor "{")'
				: `is a GraphQL ${operation}; a definition only reads: use a query`,
		);
	const texts: [string, string][] = [
		...Object.entries(request.query ?? {}).map(([k, v]): [string, string] => [
			`${at}.query.${k}`,
			`${k} ${v}`,
		]),
		[`${at}.body`, request.body ? JSON.stringify(request.body) : ''],
	];
	for (const [field, text] of texts) {
		const word = forbiddenWord(text);
		if (word) add(field, forbidden(word));
	}
	return problems;
}

/**
 * The accounts call (documents.api.accounts): a request of its own, made once and inside the
 * domains, filling no placeholder; and a list request that names {account}, since otherwise
 * every account's list would be the same call.
 */
function accountsProblems(spec: DefinitionSpec, api: ApiListSpec): Problem[] {
	if (!api.accounts) return [];
	const at = 'documents.api.accounts.request';
	const { request } = api.accounts;
	const problems = callProblems(request, at);
	const address = addressProblem(spec, request.url);
	if (address) problems.push({ field: `${at}.url`, message: address });
	const own = [
		request.url,
		...Object.values(request.query ?? {}),
		JSON.stringify(request.body ?? {}),
	];
	const placeholder = own.join(' ').match(/\{([a-z]+)\}/)?.[1];
	if (placeholder)
		problems.push({
			field: at,
			message: `uses {${placeholder}}; the accounts call is made once, as it is, and fills no placeholder`,
		});
	const list = [
		api.request.url,
		...Object.values(api.request.query ?? {}),
		JSON.stringify(api.request.body ?? api.request.graphql?.variables ?? {}),
	];
	if (!list.some((text) => text.includes('{account}')))
		problems.push({
			field: 'documents.api.request',
			message:
				'names no {account}, so every account would get the same list: put {account} where the app names the account (its address, a query value or the body)',
		});
	return problems;
}

function requestProblems(spec: DefinitionSpec, api: ApiListSpec): Problem[] {
	const problems: Problem[] = callProblems(api.request, 'documents.api.request');
	const add = (field: string, message: string) => problems.push({ field, message });
	const { request } = api;
	const addresses: [string, string | undefined][] = [
		['documents.api.request.url', request.url],
		['documents.api.download.urlTemplate', api.download.urlTemplate],
		['documents.api.download.call.url', api.download.call?.url],
	];
	for (const [name, header] of Object.entries(api.auth?.headers ?? {})) {
		if ('value' in header) {
			const problem = constantProblem(name, header);
			if (problem) add(`documents.api.auth.headers.${name}.value`, problem);
			continue;
		}
		const from = header.from as { responseHeader?: { url: string }; json?: { url: string } };
		const url = from.responseHeader?.url ?? from.json?.url;
		addresses.push([`documents.api.auth.headers.${name}.from`, url]);
	}
	for (const [field, value] of addresses) {
		if (value === undefined) continue;
		const problem = addressProblem(spec, value);
		if (problem) add(field, problem);
	}
	return problems;
}

/** Header names that carry a credential: such a value must come from the session, never the file. */
const CREDENTIAL_HEADER =
	/auth|token|csrf|xsrf|session|cookie|key|secret|signature|bearer|password/i;

/**
 * A constant header's problem: a credential's name (its value would be a secret written into the
 * definition), or a value with line breaks.
 */
function constantProblem(name: string, header: { value: string }): string | undefined {
	const { value } = header;
	if ('template' in header)
		return 'is a constant: it has no template (a template wraps a value taken "from" somewhere)';
	if (CREDENTIAL_HEADER.test(name))
		return `is a constant, but ${name} carries a credential: take it from the session with "from" (a cookie, storage, an answer), never write its value into the definition`;
	if (/[\r\n]/.test(value)) return 'holds a line break, which no header value may hold';
	return undefined;
}

const forbidden = (word: string) =>
	`holds "${word}", a word for changing something on the portal; a definition only reads`;

/** An address's problem: not an address, outside the domains, or a forbidden word in it. */
function addressProblem(spec: DefinitionSpec, value: string): string | undefined {
	// Placeholders are filled at run time; {a.b} is a field path, harmless in an address.
	const plain = value.replace(/\{[^}]*\}/g, '1');
	let url: URL;
	try {
		url = new URL(plain, 'https://relative.invalid');
	} catch {
		return `"${value}" is not a web address`;
	}
	if (url.hostname !== 'relative.invalid' && !urlAllowed(url, spec.domains))
		return `points to ${url.host}, which is not in domains (${spec.domains.join(', ')})`;
	const word = forbiddenWord(`${url.pathname} ${[...url.searchParams].flat().join(' ')}`);
	return word ? forbidden(word) : undefined;
}

function placeholderProblems(api: ApiListSpec, paging: string | undefined): Problem[] {
	const texts = [api.request.url, ...Object.values(api.request.query ?? {})];
	const used = texts.flatMap((t) => [...t.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]));
	const problems: Problem[] = [];
	for (const name of new Set(used)) {
		if (!LIST_PLACEHOLDERS.includes(name))
			problems.push({
				field: 'documents.api.request',
				message: `uses {${name}}; a list request knows {page}, {offset}, {cursor} and {account}`,
			});
		else if (name !== 'account' && name !== paging)
			problems.push({
				field: 'documents.api.request',
				message: `uses {${name}}, but documents.api.paging has no ${name}`,
			});
	}
	return problems;
}

function fieldProblems(path: string, field: ApiFieldSpec): Problem[] {
	return typeof field === 'string' ? [] : fieldOptionProblems(path, field, 'yyyy-MM-dd');
}

/**
 * The operation a GraphQL document starts with: query (also the `{ … }` shorthand), mutation or
 * subscription. Comments and strings before it do not count.
 */
export function graphqlOperation(document: string): string {
	const text = document
		.replace(/#[^\n]*/g, '')
		.replace(/"(?:[^"\\]|\\.)*"/g, '""')
		.trim();
	// A document may hold several operations: any change among them refuses it.
	const change = /(?:^|[}\s])(mutation|subscription)(?=[\s({])/.exec(text)?.[1];
	if (change) return change;
	if (text.startsWith('{') || /^query\b/.test(text)) return 'query';
	return 'unknown';
}
