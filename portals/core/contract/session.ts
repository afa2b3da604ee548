import type { ChallengeMethod } from './two-factor';

/**
 * A session as both engines keep it: cookies plus localStorage per origin, in Playwright's
 * storage-state format (written here, so that the floor does not depend on Playwright; the
 * browser engine hands it to Playwright and takes it back unchanged). Saved sessions of earlier
 * versions have this shape.
 */
export interface StorageState {
	cookies: StoredCookie[];
	origins: { origin: string; localStorage: { name: string; value: string }[] }[];
	/**
	 * Our addition (Playwright's storage state keeps no sessionStorage): the signed-in page's
	 * sessionStorage per origin, captured when the session is saved, where an app keeps its token
	 * (a definition's documents.api.auth). Saved and sealed with the rest; absent in older sessions.
	 */
	sessionStorage?: StoredStorage[];
}

/** One origin's sessionStorage as captured from the page. */
export interface StoredStorage {
	origin: string;
	values: { name: string; value: string }[];
}

/** A stored value by area and name: the origin given first, then any origin that holds it. */
export function storedValue(
	state: Pick<StorageState, 'origins' | 'sessionStorage'>,
	area: 'localStorage' | 'sessionStorage',
	name: string,
	origin: string,
): string | undefined {
	const lists =
		area === 'localStorage'
			? state.origins.map((o) => ({ origin: o.origin, values: o.localStorage }))
			: (state.sessionStorage ?? []);
	const ordered = [...lists].sort(
		(a, b) => Number(b.origin === origin) - Number(a.origin === origin),
	);
	for (const list of ordered) {
		const found = list.values.find((v) => v.name === name);
		if (found) return found.value;
	}
	return undefined;
}

/** One cookie as Playwright writes it; `expires` is Unix time in seconds, -1 for a session cookie. */
export interface StoredCookie {
	name: string;
	value: string;
	domain: string;
	path: string;
	expires: number;
	httpOnly: boolean;
	secure: boolean;
	sameSite: 'Strict' | 'Lax' | 'None';
}

/** A login step the portal asks a human (or the automatic authenticator) for. */
export interface Challenge {
	method: ChallengeMethod;
	/** The portal's own words, e.g. "We sent a code to +31 6 ** ** 12 34". */
	portalMessage?: string;
	/** When the code stops being valid (epoch ms), if the portal says or the adapter knows. */
	expiresAt?: number;
	/** PNG or SVG image for captchas, base64. */
	image?: { mimeType: string; base64: string };
	/** Set when this challenge follows a rejected code. */
	rejected?: 'WRONG_CODE' | 'CODE_EXPIRED';
	/**
	 * Which rule recognised the prompt, for people checking a definition: "login.codePrompts[0],
	 * detect p.uitleg 'authenticator'". Names the definition's own fields, never page content.
	 */
	matchedBy?: string;
}

/**
 * How a code prompt was answered: from the authenticator secret, with a code someone typed, by a
 * captcha solver, or from the portal's e-mail read in the user's mailbox.
 */
export type AnsweredBy = 'authenticator secret' | 'code' | 'solver' | 'mailbox';

/** One code prompt the login passed: what it was and how it was answered, never the code itself. */
export interface PassedChallenge {
	method: ChallengeMethod;
	answeredBy: AnsweredBy;
	matchedBy?: string;
}

/** Everything needed to continue in another process: the session's cookies and storage, and where it was. */
export interface SessionSnapshot {
	portal: string;
	baseUrl: string;
	storage: StorageState;
	url: string;
	savedAt: number;
}

/** A login parked at a code prompt, plus what the caller wants done afterwards. */
export interface PendingLogin<TOperation = unknown> {
	session: SessionSnapshot;
	challenge: Challenge;
	/** Opaque to the engine: the node records the interrupted operation and its filters here. */
	operation?: TOperation;
}

/** The session as either engine holds it: cookies in Playwright's format, so the other engine can take it over. */
export async function snapshotSession(
	page: { storageState(): Promise<StorageState>; url(): string },
	portal: string,
	baseUrl: string,
): Promise<SessionSnapshot> {
	return {
		portal,
		baseUrl,
		storage: await page.storageState(),
		url: page.url(),
		savedAt: Date.now(),
	};
}
