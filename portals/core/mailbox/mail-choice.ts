import { createHash } from 'node:crypto';
import { extractCode } from './extract-code';
import { signInLinks } from './extract-link';
import type { MailContent } from './mail-text';
import type { MailKind, MailRules } from './mailbox-settings';
import { senderMatches } from './sender-match';

/** A message as the watcher read it from the mailbox. */
export interface MailCandidate extends MailContent {
	/** The Message-ID header, when the mail has one. */
	messageId?: string;
	/** The sender's address (From). */
	from?: string;
	/** When the mail server received it (IMAP INTERNALDATE), not the sender's Date header. */
	receivedAt: Date;
}

export interface MailChoice {
	/** The mail's use id (mailUseId): remember it so that the code or link is never taken twice. */
	id: string;
	code?: string;
	link?: string;
	/** The link leads outside the portal's domains: to be refused, never opened. */
	outside?: boolean;
	mail: MailCandidate;
}

export interface ChoiceRules {
	kind: MailKind;
	rules: MailRules;
	/** When the login attempt started: only mail that arrived since counts. */
	since: Date;
	/** Use ids of codes and links already taken. */
	used: ReadonlySet<string>;
}

/**
 * IMAP's INTERNALDATE has whole seconds, and the mail server's clock is not ours: a code mailed
 * in the attempt's first second can carry a time just before the attempt started.
 */
export const SINCE_TOLERANCE_MS = 2000;

/**
 * The stable id of a code or link taken from a mail: a hash of the Message-ID and the value, so
 * the same code from the same mail is never used twice, and neither the code nor the link is
 * kept anywhere. A mail without a Message-ID is known by its sender, subject and arrival.
 */
export function mailUseId(
	mail: Pick<MailCandidate, 'messageId' | 'from' | 'subject' | 'receivedAt'>,
	value: string,
): string {
	const key =
		mail.messageId?.trim() ||
		`${mail.from ?? ''}\n${mail.subject ?? ''}\n${mail.receivedAt.toISOString()}`;
	return createHash('sha256').update(`mailbox-use\n${key}\n${value}`).digest('hex').slice(0, 32);
}

/**
 * Whether a mail may be the portal's answer at all, before its body is read: it arrived since
 * the attempt started and comes from the portal (sender-match.ts).
 */
export function mayBeFromPortal(
	mail: Pick<MailCandidate, 'from' | 'receivedAt'>,
	{ rules, since }: Pick<ChoiceRules, 'rules' | 'since'>,
): boolean {
	return (
		mail.receivedAt.getTime() >= since.getTime() - SINCE_TOLERANCE_MS &&
		senderMatches(mail.from, rules)
	);
}

/**
 * The mail whose code or link this attempt uses: the newest that may be from the portal and
 * yields one (a portal that mails twice only accepts its newest code), never one already used,
 * and none older than a used one (a portal that sent a newer code has spent the older ones).
 */
export function chooseMail(
	mails: readonly MailCandidate[],
	choice: ChoiceRules,
): MailChoice | undefined {
	const newestFirst = mails
		.map((mail, order) => ({ mail, order }))
		.filter(({ mail }) => mayBeFromPortal(mail, choice))
		.sort((a, b) => b.mail.receivedAt.getTime() - a.mail.receivedAt.getTime() || b.order - a.order);
	for (const { mail } of newestFirst) {
		if (choice.kind === 'code') {
			const code = extractCode(mail, choice.rules.codePattern);
			if (code === undefined) continue;
			const id = mailUseId(mail, code);
			return choice.used.has(id) ? undefined : { id, code, mail };
		}
		const link = signInLinks(mail, choice.rules.domains).inside[0];
		if (link === undefined) continue;
		const id = mailUseId(mail, link);
		return choice.used.has(id) ? undefined : { id, link, mail };
	}
	// No mail links into the portal, but the portal's mail links elsewhere to sign in (a link
	// tracker, a phishing copy): that link is reported, to be refused by name, not waited out.
	if (choice.kind === 'link')
		for (const { mail } of newestFirst) {
			const link = signInLinks(mail, choice.rules.domains).outsideSignIn[0];
			if (link === undefined) continue;
			const id = mailUseId(mail, link);
			return choice.used.has(id) ? undefined : { id, link, outside: true, mail };
		}
	return undefined;
}
