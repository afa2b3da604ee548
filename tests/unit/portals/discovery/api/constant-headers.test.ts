import { findAuth, type AuthSources } from '../../../../../portals/discovery/api/auth';
import { call } from './calls';

/**
 * Constant headers (`x-client: web-2.1`): an app's API may require a header that is the same on
 * every call. Discovery writes it as a constant only when every call that carried it carried that
 * one value and nothing about it looks like a secret; otherwise the definition never holds it.
 */
const at = (path: string, headers: Record<string, string>) =>
	call(`https://app.example.com${path}`, { data: [] }, { requestHeaders: headers });
const sources = (earlier: ReturnType<typeof at>[]): AuthSources => ({
	cookies: [],
	localStorage: {},
	sessionStorage: {},
	earlier,
	domains: ['app.example.com'],
});

test('a header with one value on every call is written as a constant', () => {
	const calls = [
		at('/api/me', { 'x-client': 'web-2.1' }),
		at('/api/invoices', { 'x-client': 'web-2.1' }),
	];
	const found = findAuth(calls[1], sources(calls));
	expect(found.auth).toEqual({ headers: { 'X-Client': { value: 'web-2.1' } } });
	expect(found.explained).toEqual(['X-Client, the constant "web-2.1" on every call']);
});

test('a header whose value changes between calls, or seen once, is not a constant', () => {
	const changing = [
		at('/api/me', { 'x-request-id': '1' }),
		at('/api/invoices', { 'x-request-id': '2' }),
	];
	expect(findAuth(changing[1], sources(changing)).auth).toBeUndefined();
	const once = [at('/api/invoices', { 'x-client': 'web-2.1' })];
	expect(findAuth(once[0], sources(once)).auth).toBeUndefined();
});

test('a constant that looks like a secret, by its name or its value, is never written', () => {
	const cases: Record<string, string>[] = [
		{ 'x-api-key': 'web-2.1' },
		{ 'x-tenant-signature': 'abc' },
		{ 'x-client': 'a8F3kP0qZ7mW2xL9vB4n' },
		{ 'x-client': 'c0ffee12beef34' },
		{ 'x-client': 'v'.repeat(80) },
	];
	for (const headers of cases) {
		const calls = [at('/api/me', headers), at('/api/invoices', headers)];
		const found = findAuth(calls[1], sources(calls));
		expect(JSON.stringify(found)).not.toContain(Object.values(headers)[0]);
	}
});

test('a value shaped like an e-mail address or a long id is never kept as a constant', () => {
	for (const value of [
		'anna.meier@example.com',
		'3f9a0c21',
		'7354920183746510293',
		'tenant-0b8e4d2a',
	]) {
		const calls = [at('/api/me', { 'x-user': value }), at('/api/invoices', { 'x-user': value })];
		const found = findAuth(calls[1], sources(calls));
		expect(found.auth).toBeUndefined();
		expect(JSON.stringify(found)).not.toContain(value);
	}
});

test('a value the session handed out (a cookie, the storage, an earlier answer) is no constant, even a short one', () => {
	const headers = { 'x-org': 'k7q2' };
	const calls = [at('/api/me', headers), at('/api/invoices', headers)];
	const given: AuthSources[] = [
		{ ...sources(calls), cookies: [{ name: 'org', value: 'k7q2' }] },
		{ ...sources(calls), localStorage: { prefs: '{"org":"k7q2","theme":"dark"}' } },
		{ ...sources(calls), sessionStorage: { org: 'k7q2' } },
		{
			...sources([
				call('https://app.example.com/api/session', { user: { org: 'k7q2' } }),
				...calls,
			]),
		},
	];
	for (const from of given) {
		const found = findAuth(calls[1], from);
		expect(found.auth).toBeUndefined();
		expect(JSON.stringify(found)).not.toContain('k7q2');
	}
	// The same header, handed out by nothing: a constant (the rule above is what refused it).
	expect(findAuth(calls[1], sources(calls)).auth).toEqual({
		headers: { 'X-Org': { value: 'k7q2' } },
	});
});
