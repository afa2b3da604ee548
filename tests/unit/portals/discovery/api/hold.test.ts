import { graphqlVerdict, replayVerdict } from '../../../../../portals/discovery/api/hold';
import { hideSecrets } from '../../../../../portals/discovery/api/record';

/**
 * The read-only hold (issue 33, "Must show"): a GraphQL mutation, a call that names a forbidden
 * word and a call to another site seen during discovery are never replayed; what an app sends
 * while only reading is.
 */
const DOMAINS = ['billing.example.com', '127.0.0.1:4100'];
const json = { 'content-type': 'application/json' };

describe('replayed: what an app sends while only reading', () => {
	test.each([
		[
			'a GET of the list',
			{ method: 'GET', url: 'https://billing.example.com/api/invoices?page=2' },
		],
		[
			'a GET on the allowed port',
			{ method: 'get', url: 'http://127.0.0.1:4100/app/api/documents?offset=5' },
		],
		[
			'a POST with a JSON search',
			{
				method: 'POST',
				url: 'https://billing.example.com/api/search',
				headers: json,
				body: '{"from":"2026-01-01","size":50}',
			},
		],
		[
			'a GraphQL query',
			{
				method: 'POST',
				url: 'https://billing.example.com/graphql',
				headers: json,
				body: JSON.stringify({
					operationName: 'Invoices',
					query: 'query Invoices($n: Int) { invoices(first: $n) { id number } }',
					variables: { n: 20 },
				}),
			},
		],
		[
			'an anonymous GraphQL query in the address',
			{
				method: 'GET',
				url: 'https://billing.example.com/graphql?query=%7B%20invoices%20%7B%20id%20%7D%20%7D',
			},
		],
	])('%s', (_what, call) => {
		expect(replayVerdict(call, DOMAINS)).toEqual({ replay: true });
	});
});

describe('never replayed', () => {
	test.each([
		[
			'a GraphQL mutation',
			{
				method: 'POST',
				url: 'https://billing.example.com/graphql',
				headers: json,
				body: JSON.stringify({
					query: 'mutation Ack($id: ID!) { markInvoiceSeen(id: $id) { id } }',
					variables: { id: '7' },
				}),
			},
			/GraphQL mutation \(Ack\)/,
		],
		[
			'a mutation hidden in a batch after a query',
			{
				method: 'POST',
				url: 'https://billing.example.com/graphql',
				headers: json,
				body: JSON.stringify([
					{ query: '{ invoices { id } }' },
					{ query: 'mutation { logoutEverywhere }' },
				]),
			},
			/GraphQL mutation/,
		],
		[
			'a mutation beside a query in one document',
			{
				method: 'POST',
				url: 'https://billing.example.com/graphql',
				headers: { 'content-type': 'application/graphql' },
				body: 'query A { invoices { id } } mutation B { archive(id: 1) }',
			},
			/GraphQL mutation \(B\)/,
		],
		[
			'a GraphQL subscription',
			{
				method: 'POST',
				url: 'https://billing.example.com/graphql',
				headers: json,
				body: JSON.stringify({ query: 'subscription { invoiceAdded { id } }' }),
			},
			/GraphQL subscription/,
		],
		[
			'a mutation in the address',
			{
				method: 'GET',
				url: `https://billing.example.com/graphql?query=${encodeURIComponent('mutation { x }')}`,
			},
			/GraphQL mutation/,
		],
		[
			'a forbidden word in the address',
			{ method: 'GET', url: 'https://billing.example.com/api/session/logout' },
			/says "logout"/,
		],
		[
			'a forbidden word in a parameter',
			{ method: 'GET', url: 'https://billing.example.com/api/invoices/7?action=pay' },
			/says "pay"/,
		],
		[
			'a forbidden word in a JSON body',
			{
				method: 'POST',
				url: 'https://billing.example.com/api/invoices/7',
				headers: json,
				body: '{"action":"cancel"}',
			},
			/body says "cancel"/,
		],
		[
			'a forbidden operation name of a query',
			{
				method: 'POST',
				url: 'https://billing.example.com/graphql',
				headers: json,
				body: JSON.stringify({
					operationName: 'DeleteDraft',
					query: 'query DeleteDraft { drafts { id } }',
				}),
			},
			/says "delete"/,
		],
		[
			'a call to another site',
			{ method: 'GET', url: 'https://tracker.example.net/collect?page=invoices' },
			/another site \(tracker.example.net\)/,
		],
		[
			'the same host on another port',
			{ method: 'GET', url: 'http://127.0.0.1:4200/app/api/documents' },
			/another site/,
		],
		[
			'a PUT',
			{ method: 'PUT', url: 'https://billing.example.com/api/profile' },
			/PUT changes things/,
		],
		[
			'a DELETE',
			{ method: 'DELETE', url: 'https://billing.example.com/api/invoices/7' },
			/DELETE changes things/,
		],
		[
			'a form post',
			{
				method: 'POST',
				url: 'https://billing.example.com/api/invoices',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'a=1',
			},
			/not JSON/,
		],
		[
			'a GraphQL document that does not parse',
			{
				method: 'POST',
				url: 'https://billing.example.com/graphql',
				headers: json,
				body: JSON.stringify({ query: 'mutation {' }),
			},
			/does not parse/,
		],
	])('%s', (_what, call, reason) => {
		const verdict = replayVerdict(call, DOMAINS);
		expect(verdict.replay).toBe(false);
		expect(!verdict.replay && verdict.reason).toMatch(reason);
	});
});

test('an operation name given beside the document is judged too', () => {
	expect(graphqlVerdict('query Q { a }', 'cancelOrder')).toEqual({
		replay: false,
		reason: 'the operation name "cancelOrder" says "cancel"',
	});
	expect(graphqlVerdict('query Q { a }', 'Invoices')).toEqual({ replay: true });
});

test('a sign-in or a code sent as JSON is never replayed, and its secrets are not kept', () => {
	const signIn = { method: 'POST', url: 'https://billing.example.com/api/session', headers: json };
	expect(replayVerdict({ ...signIn, body: '{"username":"anna","password":"…"}' }, DOMAINS)).toEqual(
		{
			replay: false,
			reason: 'its body carries "password" (a sign-in or a code)',
		},
	);
	expect(replayVerdict({ ...signIn, body: '{"step":{"otp":"…"}}' }, DOMAINS).replay).toBe(false);
	expect(hideSecrets('{"username":"anna","password":"hunter22","mfa":{"code":"123456"}}')).toBe(
		'{"username":"anna","password":"…","mfa":"…"}',
	);
	expect(hideSecrets('user=anna&pwd=hunter22')).toBe('user=anna&pwd=%E2%80%A6');
});

test('a forbidden word encoded in the path (an item value filled into a template) is still refused', () => {
	const url = `https://billing.example.com/files/${encodeURIComponent('../../api/me/delete')}/download`;
	expect(replayVerdict({ method: 'GET', url }, DOMAINS)).toEqual({
		replay: false,
		reason: expect.stringContaining('delete'),
	});
});
