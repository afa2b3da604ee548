import { Cookie, CookieJar, MemoryCookieStore } from 'tough-cookie';
import type { StorageState } from '../contract/session';

type PlaywrightCookie = StorageState['cookies'][number];
type SameSite = PlaywrightCookie['sameSite'];

const SAME_SITE_IN: Record<SameSite, string> = { Strict: 'strict', Lax: 'lax', None: 'none' };
const SAME_SITE_OUT: Record<string, SameSite> = { strict: 'Strict', lax: 'Lax', none: 'None' };

/**
 * The HTTP engine's cookie jar, holding what a browser context would: it is filled from and
 * written back to Playwright's storage state, so a session saved by one engine is restored by
 * the other (the run's sealed session file does not say which engine wrote it).
 */
export function jarFromStorageState(state?: StorageState): CookieJar {
	// looseMode: browsers accept a cookie without a name ("=value", "value"), and so must we.
	const store = new MemoryCookieStore();
	const jar = new CookieJar(store, { looseMode: true });
	for (const c of state?.cookies ?? []) {
		// Straight into the store: setCookie would need a request URL to check the domain
		// against, and these cookies were already accepted by the browser that saved them. The
		// memory store files a cookie before putCookie returns, so the jar is complete here.
		const cookie = toToughCookie(c);
		if (cookie) store.putCookie(cookie).catch(() => undefined);
	}
	return jar;
}

/**
 * The jar's cookies in Playwright's format. `origins` (the browser's localStorage per origin)
 * are kept from the state the jar came from: plain HTTP neither reads nor changes them, and a
 * session saved by the HTTP engine must not lose what the browser stored there.
 */
export async function storageStateFromJar(
	jar: CookieJar,
	origins: StorageState['origins'] = [],
): Promise<StorageState> {
	const now = Date.now();
	const cookies = (await jar.store.getAllCookies())
		.filter((c) => (c.expiryTime() ?? Infinity) > now)
		.map(toPlaywrightCookie);
	return { cookies, origins };
}

function toToughCookie(c: PlaywrightCookie): Cookie | undefined {
	// Playwright writes a domain cookie with a leading dot (".example.com") and a host-only
	// cookie without one; tough-cookie keeps the domain bare and a hostOnly flag instead.
	const hostOnly = !c.domain.startsWith('.');
	const domain = c.domain.replace(/^\./, '').toLowerCase();
	if (!domain) return undefined;
	const now = new Date();
	return new Cookie({
		key: c.name,
		value: c.value,
		domain,
		hostOnly,
		path: c.path || '/',
		// -1 (or 0, as some tools write) is a session cookie: it lives as long as the jar.
		expires: c.expires > 0 ? new Date(c.expires * 1000) : 'Infinity',
		secure: c.secure,
		httpOnly: c.httpOnly,
		sameSite: SAME_SITE_IN[c.sameSite] ?? undefined,
		creation: now,
		lastAccessed: now,
	});
}

function toPlaywrightCookie(c: Cookie): PlaywrightCookie {
	const expiry = c.expiryTime();
	return {
		name: c.key,
		value: c.value,
		domain: c.hostOnly ? (c.domain ?? '') : `.${c.domain ?? ''}`,
		path: c.path ?? '/',
		// Playwright counts in (fractional) seconds; -1 is a session cookie.
		expires: expiry === undefined || !Number.isFinite(expiry) ? -1 : expiry / 1000,
		httpOnly: c.httpOnly,
		secure: c.secure,
		// A cookie set without SameSite is treated as Lax by Chromium, and Playwright reports it so.
		sameSite: SAME_SITE_OUT[String(c.sameSite).toLowerCase()] ?? 'Lax',
	};
}
