import type { PortalCredentials, PortalDefinition } from '../contract/adapter';
import { validateFilters } from '../collection/filters';
import { type DocumentFilters } from '../contract/filters';
import { invalidInput } from '../outcomes/errors';
import type { Redactor } from '../outcomes/redactor';
import type { RunBase } from '../outcomes/result';
import { unseal, type SealPurpose, type SealScope } from '../login/session-crypto';
import type { PassedChallenge, PendingLogin, SessionSnapshot } from '../contract/session';
import { parseTotpSecret, type TotpSettings } from '../login/totp';
import { systemClock, type Clock } from '../timing/clock';
import type { RunOptions } from './run-options';

/**
 * What every step of one portal run works with, built once before the engine starts: the checked
 * input, the restored session or the login parked at a code prompt, and the result's base, which
 * the steps fill in (login performed, session reused, challenges passed).
 */
export interface PortalRunContext<TOperation = unknown> {
	options: RunOptions<TOperation>;
	portal: PortalDefinition;
	credentials: PortalCredentials;
	/** The portal's address: the credential's login URL or the definition's default. */
	baseUrl: string;
	/** Where the run may go: the portal, the identity provider, the definition's other origins. */
	allowed: string[];
	filters: DocumentFilters;
	totp?: TotpSettings;
	clock: Clock;
	redactor: Redactor;
	/** A login parked at a code prompt, continued with the code the user sent (Submit Code). */
	pending?: PendingLogin<TOperation>;
	/** The session of an earlier run, tried before logging in. */
	saved?: SessionSnapshot;
	base: RunBase;
	passed: PassedChallenge[];
}

export function sealScope(
	portal: PortalDefinition,
	credentials: PortalCredentials,
	purpose: SealPurpose,
): SealScope {
	return {
		purpose,
		portal: portal.slug,
		secrets: [credentials.username, credentials.password, credentials.authenticatorSecret ?? ''],
	};
}

function checkCredentials(credentials: PortalCredentials, passwordless = false): void {
	if (!credentials?.username?.trim()) throw invalidInput('username', 'is empty.');
	// A passwordless portal signs in with a link sent by e-mail: no password to check.
	if (!passwordless && !credentials.password?.trim()) throw invalidInput('password', 'is empty.');
}

/** Reads a resume token; exported for callers that need the recorded operation before running. */
export function openResumeToken<TOperation>(
	portal: PortalDefinition,
	credentials: PortalCredentials,
	token: string,
): Promise<PendingLogin<TOperation>> {
	return unseal<PendingLogin<TOperation>>(token, sealScope(portal, credentials, 'resume'));
}

/** A web address from the credential (without trailing slash), or INVALID_INPUT for that field. */
function webAddress(field: string, value: string): string {
	const raw = value.trim().replace(/\/+$/, '');
	try {
		const url = new URL(raw);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
	} catch {
		throw invalidInput(field, `"${raw}" is not a web address (http:// or https://).`);
	}
	return raw;
}

/** The login parked at a code prompt (Submit Code), or the session an earlier run saved. */
async function restore<TOperation>(
	options: RunOptions<TOperation>,
): Promise<Pick<PortalRunContext<TOperation>, 'pending' | 'saved'>> {
	const { portal, credentials } = options;
	if (options.resume) {
		if (!options.resume.code?.trim()) throw invalidInput('code', 'is empty.');
		return {
			pending: await openResumeToken<TOperation>(portal, credentials, options.resume.token),
		};
	}
	if (!options.savedSession) return {};
	try {
		const scope = sealScope(portal, credentials, 'session');
		return { saved: await unseal<SessionSnapshot>(options.savedSession, scope) };
	} catch {
		// An expired or foreign saved session only means a fresh login.
		return {};
	}
}

/**
 * The first step: checks the input (invalid input is thrown, before anything is sent) and
 * restores what an earlier run left (the session, or the login parked at a code prompt).
 */
export async function openPortalRun<TOperation>(
	options: RunOptions<TOperation>,
	redactor: Redactor,
): Promise<PortalRunContext<TOperation>> {
	const { portal, credentials } = options;
	checkCredentials(credentials, portal.passwordless);
	const filters = validateFilters(options.filters ?? {});
	const totp = credentials.authenticatorSecret?.trim()
		? parseTotpSecret(credentials.authenticatorSecret)
		: undefined;
	redactor.add(totp?.secret);
	const baseUrl = webAddress('loginUrl', options.baseUrl?.trim() || portal.defaultUrl);
	const identityProvider = credentials.identityProviderUrl?.trim()
		? webAddress('identityProviderUrl', credentials.identityProviderUrl)
		: undefined;
	const { pending, saved } = await restore(options);
	const passed: PassedChallenge[] = [];
	const base: RunBase = {
		portal: portal.slug,
		loginPerformed: false,
		sessionReused: false,
		startedAt: new Date().toISOString(),
		challengesPassed: passed,
	};
	const allowed = [
		baseUrl,
		...(identityProvider ? [identityProvider] : []),
		...(portal.allowedOrigins ?? []),
	];
	const clock = options.clock ?? systemClock;
	return {
		options,
		portal,
		credentials,
		baseUrl,
		allowed,
		filters,
		totp,
		clock,
		redactor,
		pending,
		saved,
		base,
		passed,
	};
}
