import type { AdapterEnv, LoginOutcome, PortalAdapter } from '../contract/adapter';
import type { Challenge, PassedChallenge } from '../contract/session';
import {
	freshCode,
	MIN_REMAINING_SECONDS,
	MIN_REMAINING_SECONDS_HTTP,
	type TotpSettings,
} from './totp';
import { type Clock } from '../timing/clock';

/**
 * Answers authenticator-app prompts from the stored secret. A rejected automatic code is
 * tried once more with a code from the next time window (clock skew at the window edge is
 * the usual cause); a second rejection, or any other kind of challenge (an extra e-mail code
 * after the app code, say), goes back to the caller for a human. Each prompt it gets past is
 * added to `passed`.
 */
export async function answerAutomatically(
	adapter: PortalAdapter,
	env: AdapterEnv,
	outcome: LoginOutcome,
	totp: TotpSettings | undefined,
	clock: Clock,
	passed: PassedChallenge[] = [],
): Promise<LoginOutcome> {
	let lastWindow: number | undefined;
	let attempts = 0;
	while (totp && outcome.kind === 'challenge' && outcome.challenge.method === 'authenticator_app') {
		if (attempts >= 2) break;
		// Asked again per code: an `auto` run may have moved to the browser since the last one.
		const minimum =
			env.surface.engine === 'http' ? MIN_REMAINING_SECONDS_HTTP : MIN_REMAINING_SECONDS;
		const { code, window } = await freshCode(
			totp,
			clock,
			attempts > 0 ? lastWindow : undefined,
			minimum,
		);
		lastWindow = window;
		attempts += 1;
		const answered = outcome.challenge;
		outcome = await adapter.submitCode(env, answered, code);
		recordPassed(passed, answered, outcome, 'authenticator secret');
	}
	return outcome;
}

/** Adds the answered prompt to `passed` unless the portal showed it again as rejected. */
export function recordPassed(
	passed: PassedChallenge[],
	answered: Challenge,
	next: LoginOutcome,
	answeredBy: PassedChallenge['answeredBy'],
): void {
	const rejected =
		next.kind === 'challenge' &&
		next.challenge.method === answered.method &&
		next.challenge.rejected;
	if (!rejected)
		passed.push({ method: answered.method, answeredBy, matchedBy: answered.matchedBy });
}

/** The challenge to report, with its expiry filled in from the portal's usual code validity. */
export function withExpiry(
	challenge: Challenge,
	codeValiditySeconds: number,
	now = Date.now(),
): Challenge {
	return { ...challenge, expiresAt: challenge.expiresAt ?? now + codeValiditySeconds * 1000 };
}
