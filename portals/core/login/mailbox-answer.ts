import type { AdapterEnv, LoginOutcome, PortalAdapter } from '../contract/adapter';
import { isMailboxError } from '../mailbox/mailbox-error';
import type { MailboxSettings, MailRules } from '../mailbox/mailbox-settings';
import { waitForMail } from '../mailbox/mailbox-watch';
import type { PassedChallenge } from '../contract/session';
import { recordPassed } from './auto-answer';
import { signInLinkToOpen } from './sign-in-link';

/** The user's mailbox, when the node reads codes from it (Read Codes from Mailbox). */
export interface MailboxAnswering {
	settings: MailboxSettings;
	/** Ids of the mails whose code or link this connection used before: never used again. */
	used: string[];
}

/** Why the mailbox could not answer: the run then ends at the code prompt, for a person. */
export interface MailboxShortfall {
	reason?: 'MAILBOX_UNREACHABLE' | 'MAILBOX_LOGIN_FAILED';
	message: string;
}

/**
 * Answers e-mail codes and sign-in links from the user's mailbox: waits for the portal's mail
 * that arrived after this login began (from the portal's domains or its definition's `mail.from`),
 * takes its code or link, and gives it to the adapter, as a person would with Submit Code. A
 * link is opened only inside the portal's addresses (NAVIGATION_BLOCKED otherwise). A code the
 * portal rejects, a mailbox that cannot be read, or no mail before the timeout leaves the
 * challenge to a person, with what happened in `shortfall`. Each mail used is added to `used`.
 */
export async function answerFromMailbox(
	adapter: PortalAdapter,
	env: AdapterEnv,
	outcome: LoginOutcome,
	mailbox: MailboxAnswering,
	context: {
		/** When this login attempt began (epoch ms): older mails are from earlier logins. */
		since: number;
		rules: MailRules;
		allowed: (url: URL) => boolean;
		passed: PassedChallenge[];
		signal?: AbortSignal;
	},
): Promise<{ outcome: LoginOutcome; shortfall?: MailboxShortfall }> {
	const used = new Set(mailbox.used);
	// An e-mail code after a sign-in link, say: a few rounds, never a loop.
	for (let round = 0; round < 3; round++) {
		if (outcome.kind !== 'challenge') break;
		const challenge = outcome.challenge;
		const kind =
			challenge.method === 'email'
				? 'code'
				: challenge.method === 'email_link'
					? 'link'
					: undefined;
		// A rejected code read from mail would be rejected again: a person looks at it.
		if (!kind || challenge.rejected) break;
		let found: Awaited<ReturnType<typeof waitForMail>>;
		try {
			found = await waitForMail({
				settings: mailbox.settings,
				rules: context.rules,
				kind,
				since: new Date(context.since),
				used,
				signal: context.signal,
			});
		} catch (error) {
			if (!isMailboxError(error)) throw error;
			return {
				outcome,
				shortfall: {
					reason: error.code === 'login_failed' ? 'MAILBOX_LOGIN_FAILED' : 'MAILBOX_UNREACHABLE',
					message: `${error.message} The portal's ${kind === 'code' ? 'code' : 'sign-in link'} was not read; send it with Submit Code.`,
				},
			};
		}
		if (found.timedOut) {
			const seconds = mailbox.settings.timeoutSeconds ?? 180;
			return {
				outcome,
				shortfall: {
					message: `No e-mail with a ${kind === 'code' ? 'code' : 'sign-in link'} from the portal arrived in the mailbox within ${seconds} seconds. Send it with Submit Code, or check the mailbox's address and the definition's mail.from.`,
				},
			};
		}
		used.add(found.id);
		mailbox.used.push(found.id);
		const answer =
			kind === 'link' ? signInLinkToOpen(found.link ?? '', context.allowed) : found.code!;
		outcome = await adapter.submitCode(env, challenge, answer);
		recordPassed(context.passed, challenge, outcome, 'mailbox');
	}
	return { outcome };
}
