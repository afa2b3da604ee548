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
