import type { AdapterEnv, LoginOutcome, PortalAdapter } from '../contract/adapter';
import type { Surface } from '../contract/surface';
import { originGuard } from '../contract/origins';
import { answerAutomatically, recordPassed, withExpiry } from '../login/auto-answer';
import { answerFromMailbox, type MailboxShortfall } from '../login/mailbox-answer';
import { snapshotSession, type Challenge, type PendingLogin } from '../contract/session';
import { seal } from '../login/session-crypto';
import { signInLinkToOpen } from '../login/sign-in-link';
import { reasonForMethod } from '../contract/two-factor';
import { reasonResult, type RunResult } from '../outcomes/result';
import { refuseOffsiteSignIn } from './offsite-sign-in';
import { sealScope, type PortalRunContext } from './portal-run-context';

/** One portal run once the engine has started: the context and what the engine gave it. */
export interface OnPortal<TOperation = unknown> {
	run: PortalRunContext<TOperation>;
	page: Surface;
	env: AdapterEnv;
	adapter: PortalAdapter;
}

/** A sign-in as far as it went: signed in, or stopped at a challenge (with what the mailbox lacked). */
export interface SignedIn {
	outcome: LoginOutcome;
	shortfall?: MailboxShortfall;
}

/**
 * Signs in: continues the login parked at a code prompt with the user's code, or reuses the
 * saved session if the portal still takes it, or logs in afresh.
 */
export async function signIn({ run, page, env, adapter }: OnPortal): Promise<LoginOutcome> {
	const { pending, base, options } = run;
	if (pending) {
		await page.open(pending.session.url);
		base.loginPerformed = true;
		const answer =
			pending.challenge.method === 'email_link'
				? signInLinkToOpen(options.resume!.code, originGuard(run.allowed))
				: options.resume!.code.trim();
		const outcome = await adapter.submitCode(env, pending.challenge, answer);
		recordPassed(run.passed, pending.challenge, outcome, 'code');
		return outcome;
	}
	if (run.saved && (await adapter.isLoggedIn(env))) {
		base.sessionReused = true;
		return { kind: 'loggedIn' };
	}
	base.loginPerformed = true;
	return adapter.login(env);
}

/**
 * The hosts the portal's e-mails may come from: the definition's domains and the address the
 * credential points to ("https://*.example.com" → "*.example.com"), without ports.
 */
function mailDomains(allowed: string[]): string[] {
	return [...new Set(allowed.map((a) => a.replace(/^https?:\/\//, '').replace(/[:/].*$/, '')))];
}

/**
 * Answers the codes the run can answer without a person: authenticator codes from the secret,
 * then e-mail codes and sign-in links from the user's mailbox. A sign-in counts only on the
 * portal: a page elsewhere showing the marker proves nothing.
 */
export async function answerCodes(on: OnPortal, first: LoginOutcome): Promise<SignedIn> {
	const { run, page, env, adapter } = on;
	let outcome = await answerAutomatically(adapter, env, first, run.totp, run.clock, run.passed);
	let shortfall: MailboxShortfall | undefined;
	const { mailbox, signal } = run.options;
	if (mailbox)
		({ outcome, shortfall } = await answerFromMailbox(adapter, env, outcome, mailbox, {
			since: Date.parse(run.base.startedAt),
			rules: { domains: mailDomains(run.allowed), ...run.portal.mail },
			allowed: originGuard(run.allowed),
			passed: run.passed,
			signal,
		}));
	if (outcome.kind === 'loggedIn') refuseOffsiteSignIn(page, originGuard(run.allowed));
	return { outcome, shortfall };
}

/**
 * A challenge no one could answer: the login is parked in a sealed resume token (the session and
 * the operation), and the run ends with *action required*, never waiting for a person.
 */
export async function parkAtChallenge<TOperation>(
	{ run, page }: OnPortal<TOperation>,
	asked: Challenge,
	shortfall?: MailboxShortfall,
): Promise<RunResult> {
	const { portal, credentials } = run;
	const challenge = withExpiry(asked, portal.codeValiditySeconds);
	const parked: PendingLogin<TOperation> = {
		session: await snapshotSession(page, portal.slug, run.baseUrl),
		challenge,
		operation: run.pending?.operation ?? run.options.operation,
	};
	const resumeToken = await seal(
		parked,
		challenge.expiresAt!,
		sealScope(portal, credentials, 'resume'),
	);
	const code = challenge.rejected ?? shortfall?.reason ?? reasonForMethod(challenge.method);
	return reasonResult(
		run.base,
		code,
		shortfall?.message ??
			challenge.portalMessage ??
			`The portal asks for ${challenge.method.replace('_', ' ')} verification.`,
		{
			challenge: {
				method: challenge.method,
				portalMessage: challenge.portalMessage,
				resumeToken,
				expiresAt: new Date(challenge.expiresAt!).toISOString(),
				image: challenge.image,
			},
		},
	);
}
