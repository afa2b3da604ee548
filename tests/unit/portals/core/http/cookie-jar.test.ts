import {
	jarFromStorageState,
	storageStateFromJar,
} from '../../../../../portals/core/http/cookie-jar';
import type { StorageState } from '../../../../../portals/core/contract/session';

const inAnHour = Math.round(Date.now() / 1000) + 3600;

/** Cookies as Chromium's context.storageState() writes them. */
const browserState: StorageState = {
	cookies: [
		{
			name: 'sid',
			value: 'abc123',
			domain: 'portal.example.com',
			path: '/',
			expires: -1,
			httpOnly: true,
			secure: true,
			sameSite: 'Lax',
		},
		{
			name: 'lang',
			value: 'en',
			domain: '.example.com',
			path: '/',
			expires: inAnHour,
			httpOnly: false,
			secure: false,
			sameSite: 'None',
		},
		{
			name: 'mfa',
			value: 'remembered',
			domain: 'portal.example.com',
			path: '/account',
			expires: inAnHour,
			httpOnly: true,
			secure: true,
			sameSite: 'Strict',
		},
		{
			name: 'gone',
			value: 'x',
			domain: 'portal.example.com',
			path: '/',
			expires: Math.round(Date.now() / 1000) - 60,
			httpOnly: false,
			secure: false,
			sameSite: 'Lax',
		},
	],
	origins: [{ origin: 'https://portal.example.com', localStorage: [{ name: 'k', value: 'v' }] }],
};

const byName = (s: StorageState) => [...s.cookies].sort((a, b) => a.name.localeCompare(b.name));

describe('cookie jar and Playwright storage state', () => {
	test('a browser session comes back unchanged (expired cookies dropped, localStorage kept)', async () => {
		const jar = jarFromStorageState(browserState);
		const back = await storageStateFromJar(jar, browserState.origins);
		expect(byName(back)).toEqual(
			byName({ ...browserState, cookies: browserState.cookies.filter((c) => c.name !== 'gone') }),
		);
		expect(back.origins).toEqual(browserState.origins);
	});

	test('restored cookies are sent where a browser sends them', async () => {
		const jar = jarFromStorageState(browserState);
		expect(await jar.getCookieString('https://portal.example.com/invoices')).toBe(
			'sid=abc123; lang=en',
		);
		expect(await jar.getCookieString('https://portal.example.com/account/security')).toContain(
			'mfa=remembered',
		);
		// Host-only stays host-only; the domain cookie goes to the whole site.
		expect(await jar.getCookieString('https://www.example.com/')).toBe('lang=en');
		// Secure cookies never over plain HTTP to a real host.
		expect(await jar.getCookieString('http://portal.example.com/invoices')).toBe('lang=en');
	});

	test("cookies a portal set come out in Playwright's format", async () => {
		const jar = jarFromStorageState();
		await jar.setCookie('dt_session=s1; Path=/; HttpOnly', 'http://127.0.0.1:3300/login');
		await jar.setCookie(
			'pref=dark; Domain=example.com; Path=/; Max-Age=600; Secure; SameSite=Strict',
			'https://portal.example.com/',
		);
		const state = await storageStateFromJar(jar);
		expect(state.origins).toEqual([]);
		const [session, pref] = byName(state);
		expect(session).toEqual({
			name: 'dt_session',
			value: 's1',
			domain: '127.0.0.1',
			path: '/',
			expires: -1,
			httpOnly: true,
			secure: false,
			// No SameSite attribute: Chromium treats (and Playwright reports) it as Lax.
			sameSite: 'Lax',
		});
		expect(pref).toMatchObject({
			domain: '.example.com',
			secure: true,
			httpOnly: false,
			sameSite: 'Strict',
		});
		expect(pref.expires).toBeGreaterThan(Date.now() / 1000 + 590);
		expect(pref.expires).toBeLessThan(Date.now() / 1000 + 610);
		// And back into a jar: the session cookie goes to the same host again.
		expect(await jarFromStorageState(state).getCookieString('http://127.0.0.1:3300/x')).toBe(
			'dt_session=s1',
		);
	});
});
