import { definitionProblems } from '../../../../portals/definitions/validate';
import { graphqlOperation } from '../../../../portals/definitions/validate-api';
import { readDefinition as read } from './shipped-definitions';

/**
 * `documents.api` (issue 33): a portal that is an app lists its documents through its JSON API.
 * The demo's definition is valid; each mistake is refused with one message that names the field,
 * and anything that would change the portal (a GraphQL mutation, a forbidden word) is refused:
 * a definition only reads.
 */
type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const base = () => read('demo/demo-spa.json');
const problemsAfter = (edit: Edit) => {
	const definition = base();
	edit(definition);
	return definitionProblems(definition);
};

test('the demo-spa definition (documents.api) is valid', () => {
	expect(definitionProblems(base())).toEqual([]);
});

const ACCOUNTS = { request: { url: '/spa/api/accounts' }, items: 'data', id: 'id', name: 'name' };

const cases: [string, Edit, string, RegExp][] = [
	[
		'two download kinds',
		(d) => (d.documents.api.download.urlTemplate = '/spa/api/invoices/{id}/pdf'),
		'documents.api.download',
		/^name exactly one of urlField, urlTemplate, base64Field, call \(or base64Field with one other\)$/,
	],
	[
		'no download kind',
		(d) => (d.documents.api.download = {}),
		'documents.api.download',
		/^name exactly one of urlField, urlTemplate, base64Field, call \(or base64Field with one other\)$/,
	],
	[
		'two paging kinds',
		(d) => (d.documents.api.paging.next = { path: 'links.next' }),
		'documents.api.paging',
		/^name at most one of page, offset, cursor, next$/,
	],
	[
		'a GraphQL mutation',
		(d) =>
			(d.documents.api.request = {
				method: 'POST',
				url: '/spa/graphql',
				graphql: { query: 'mutation { archiveInvoice(id: 1) { id } }' },
			}),
		'documents.api.request.graphql.query',
		/^is a GraphQL mutation; a definition only reads: use a query$/,
	],
	[
		'a mutation hidden after a query in the same document',
		(d) =>
			(d.documents.api.request = {
				method: 'POST',
				url: '/spa/graphql',
				graphql: { query: 'query A { invoices { id } } mutation B { pay(id: 1) }' },
			}),
		'documents.api.request.graphql.query',
		/is a GraphQL mutation/,
	],
	[
		'a forbidden word in the list address',
		(d) => (d.documents.api.request.url = '/spa/api/invoices/delete'),
		'documents.api.request.url',
		/^holds "delete", a word for changing something on the portal; a definition only reads$/,
	],
	[
		'a forbidden word in the body',
		(d) =>
			(d.documents.api.request = {
				method: 'POST',
				url: '/spa/api/search',
				body: { action: 'pay now' },
			}),
		'documents.api.request.body',
		/holds "pay/,
	],
	[
		'a forbidden word in a second call',
		(d) =>
			(d.documents.api.download = {
				call: { url: '/spa/api/invoices/{id}/archive', urlField: 'signedUrl' },
			}),
		'documents.api.download.call.url',
		/holds "archive"/,
	],
	[
		'a second call naming both an address and a base64 file',
		(d) =>
			(d.documents.api.download = {
				call: { url: '/spa/api/invoices/{id}', urlField: 'signedUrl', base64Field: 'content' },
			}),
		'documents.api.download.call',
		/^name at most one of urlField, base64Field$/,
	],
	[
		'a body with GET',
		(d) => (d.documents.api.request.body = { size: 50 }),
		'documents.api.request.body',
		/^is sent only with method POST$/,
	],
	[
		'a list address on another site',
		(d) => (d.documents.api.request.url = 'https://api.elsewhere.example/invoices'),
		'documents.api.request.url',
		/^points to api.elsewhere.example, which is not in domains \(\*\.spa\.localhost\)$/,
	],
	[
		'a placeholder the paging does not fill',
		(d) => (d.documents.api.request.query = { cursor: '{cursor}' }),
		'documents.api.request',
		/^uses \{cursor\}, but documents.api.paging has no cursor$/,
	],
	[
		'an unknown placeholder',
		(d) => (d.documents.api.request.url = '/spa/api/{tenant}/invoices'),
		'documents.api.request',
		/^uses \{tenant\}; a list request knows/,
	],
	[
		'HTML parts beside the API',
		(d) => (d.documents.rows = 'tr.invoice'),
		'documents.rows',
		/^is an HTML part, but documents.api reads the list from the API; remove one of them$/,
	],
	[
		'a date format without a year',
		(d) => (d.documents.api.fields.issueDate = { path: 'date', date: 'dd-MM' }),
		'documents.api.fields.issueDate.date',
		/needs day, month and year tokens/,
	],
	[
		'an auth header from two sources',
		(d) =>
			(d.documents.api.auth.headers.Authorization.from = {
				sessionStorage: 'token',
				cookie: 'XSRF-TOKEN',
			}),
		'documents.api.auth.headers.Authorization.from',
		/^may have only one of cookie, localStorage, sessionStorage, .* \(has sessionStorage, cookie\)$/,
	],
	['no items path', (d) => delete d.documents.api.items, 'documents.api.items', /^is missing$/],
	[
		'an unknown key in the request',
		(d) => (d.documents.api.request.headers = {}),
		'documents.api.request.headers',
		/^is not a known field here \(known: method, url, query, body, graphql\)$/,
	],
	[
		'an accounts call, but a list request without {account}',
		(d) => (d.documents.api.accounts = ACCOUNTS),
		'documents.api.request',
		/^names no \{account\}, so every account would get the same list/,
	],
	[
		'an accounts call on another site',
		(d) => {
			d.documents.api.accounts = { ...ACCOUNTS, request: { url: 'https://elsewhere.example/a' } };
			d.documents.api.request.query = { account: '{account}' };
		},
		'documents.api.accounts.request.url',
		/^points to elsewhere.example, which is not in domains/,
	],
	[
		'an accounts call with a placeholder',
		(d) => {
			d.documents.api.accounts = { ...ACCOUNTS, request: { url: '/spa/api/accounts?p={page}' } };
			d.documents.api.request.query = { account: '{account}' };
		},
		'documents.api.accounts.request',
		/^uses \{page\}; the accounts call is made once, as it is, and fills no placeholder$/,
	],
	[
		'an accounts call that is a GraphQL mutation',
		(d) => {
			d.documents.api.accounts = {
				...ACCOUNTS,
				request: { method: 'POST', url: '/spa/graphql', graphql: { query: 'mutation { a }' } },
			};
			d.documents.api.request.query = { account: '{account}' };
		},
		'documents.api.accounts.request.graphql.query',
		/^is a GraphQL mutation; a definition only reads/,
	],
	[
		'an accounts call without an id path',
		(d) => {
			d.documents.api.accounts = { request: ACCOUNTS.request, items: 'data' };
			d.documents.api.request.query = { account: '{account}' };
		},
		'documents.api.accounts.id',
		/^is missing$/,
	],
	[
		'a where without the values it keeps',
		(d) => (d.documents.api.where = { path: 'type' }),
		'documents.api.where.equals',
		/^is missing$/,
	],
	[
		'a where that keeps nothing',
		(d) => (d.documents.api.where = { path: 'type', equals: [] }),
		'documents.api.where.equals',
		/^must not be empty$/,
	],
];

test('a where naming a path and the values it keeps is valid', () => {
	const definition = base();
	definition.documents.api.where = { path: 'type', equals: ['application/pdf'] };
	expect(definitionProblems(definition)).toEqual([]);
});

test('an accounts call with {account} in the list request is valid', () => {
	expect(
		problemsAfter((d) => {
			d.documents.api.accounts = ACCOUNTS;
			d.documents.api.request.query = { account: '{account}' };
		}),
	).toEqual([]);
});

test.each(cases)('%s: one message naming the field', (_, edit, field, message) => {
	const problems = problemsAfter(edit);
	expect(problems).toHaveLength(1);
	expect(problems[0].field).toBe(field);
	expect(problems[0].message).toMatch(message);
});

test('an HTML definition without rows is still told what is missing; downloadDomains names hosts', () => {
	const html = read('demo/demo-energie.json');
	delete html.documents.rows;
	expect(definitionProblems(html)).toEqual([{ field: 'documents.rows', message: 'is missing' }]);
	expect(problemsAfter((d) => (d.downloadDomains = ['files.cdn.example']))).toEqual([]);
	expect(problemsAfter((d) => (d.downloadDomains = ['https://files.cdn.example/x']))).toEqual([
		expect.objectContaining({ field: 'downloadDomains[0]' }),
	]);
});

test('a GraphQL document is a query only when every operation in it is one', () => {
	expect(graphqlOperation('{ invoices { id } }')).toBe('query');
	expect(graphqlOperation('# list\nquery List($n: Int) { invoices(first: $n) { id } }')).toBe(
		'query',
	);
	expect(graphqlOperation('query { a(note: "mutation { x }") { id } }')).toBe('query');
	expect(graphqlOperation('subscription { invoiceAdded { id } }')).toBe('subscription');
});
