import { findAuth, type AuthSources } from '../../../../../portals/discovery/api/auth';
import { call } from './calls';

/**
 * The calls' credentials: each header the app adds is matched against the places its value can
 * come from, so that a run can fill it in again after its own sign-in.
 */
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm5hIn0.c2lnbmF0dXJl';
const base = (over: Partial<AuthSources> = {}): AuthSources => ({
	cookies: [],
	localStorage: {},
	sessionStorage: {},
	earlier: [],
	domains: ['app.example.com'],
	...over,
});
const target = (headers: Record<string, string>) =>
	call(
		'https://app.example.com/api/invoices',
		{ data: [] },
		{
			requestHeaders: {
				accept: 'application/json',
				'user-agent': 'Chromium',
				cookie: 'sid=abc123456',
				...headers,
			},
		},
	);

test('a Bearer token kept in sessionStorage', () => {
	const found = findAuth(
		target({ authorization: `Bearer ${TOKEN}` }),
		base({ sessionStorage: { token: TOKEN, theme: 'dark' } }),
	);
	expect(found.auth).toEqual({
		headers: { Authorization: { template: 'Bearer {value}', from: { sessionStorage: 'token' } } },
	});
	expect(found.explained).toEqual(['Authorization from sessionStorage "token"']);
	expect(found.unexplained).toEqual([]);
});

test('a CSRF header copied from a cookie (URL-encoded there), and one from localStorage', () => {
	const found = findAuth(
		target({ 'x-xsrf-token': 'a+b/c==1234', 'x-api-key': 'k-778899' }),
		base({
			cookies: [{ name: 'XSRF-TOKEN', value: 'a%2Bb%2Fc%3D%3D1234' }],
			localStorage: { apiKey: 'k-778899' },
		}),
	);
	expect(found.auth?.headers).toEqual({
		'X-Xsrf-Token': { template: '{value}', from: { cookie: 'XSRF-TOKEN' } },
		'X-Api-Key': { template: '{value}', from: { localStorage: 'apiKey' } },
	});
});

test("an earlier answer's header and an earlier answer's JSON (an init call)", () => {
	const init = call(
		'https://app.example.com/api/init',
		{ csrf: 'c5rf-9911-aa' },
		{ responseHeaders: { 'x-request-token': 'rt-55667788' } },
	);
	const found = findAuth(
		target({ 'x-csrf-token': 'c5rf-9911-aa', 'x-request-token': 'rt-55667788' }),
		base({ earlier: [init] }),
	);
	expect(found.auth?.headers).toEqual({
		'X-Csrf-Token': { template: '{value}', from: { json: { url: '/api/init', path: 'csrf' } } },
		'X-Request-Token': {
			template: '{value}',
			from: { responseHeader: { url: '/api/init', name: 'x-request-token' } },
		},
	});
});

test('a token from a call that may not be replayed (the sign-in POST, another site) is not a source', () => {
	const signIn = call(
		'https://app.example.com/api/session',
		{ token: TOKEN },
		{ method: 'POST', requestBody: 'x=1' },
	);
	const elsewhere = call('https://id.example.net/token', { access_token: TOKEN });
	const found = findAuth(
		target({ authorization: `Bearer ${TOKEN}` }),
		base({ earlier: [signIn, elsewhere] }),
	);
	expect(found.auth).toBeUndefined();
	expect(found.unexplained).toEqual(['Authorization']);
});

test('the cookie header itself and browser headers need no explaining', () => {
	const found = findAuth(target({ 'x-client': 'web-2.1' }), base());
	expect(found).toEqual({ auth: undefined, explained: [], unexplained: [] });
});

test('a header that holds more than a scheme word before the value is not written as a template: that part is a secret too', () => {
	const found = findAuth(
		target({ 'x-auth': `u42-k9x:${TOKEN}` }),
		base({ sessionStorage: { token: TOKEN } }),
	);
	expect(JSON.stringify(found.auth ?? {})).not.toContain('u42-k9x');
});
