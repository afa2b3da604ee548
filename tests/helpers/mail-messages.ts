import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { simpleParser } from 'mailparser';
import type { MailCandidate } from '../../portals/core/mailbox/mail-choice';

/**
 * Real MIME messages for the mailbox tests, built by nodemailer as a portal's mailer would build
 * them (headers, transfer encodings, multipart structure) and read back by mailparser as the
 * watcher reads what IMAP hands it. No hand-written MIME: its mistakes would only test themselves.
 */
export interface TestMail {
	from?: string;
	to?: string;
	subject?: string;
	text?: string;
	html?: string;
	/**
	 * How the text and HTML parts are encoded (Content-Transfer-Encoding); without it nodemailer
	 * picks as a mailer does: 7bit for short ASCII lines, else quoted-printable or base64.
	 */
	transferEncoding?: 'quoted-printable' | 'base64';
	/** An attachment makes the message multipart/mixed; with html only, its HTML is then no root part. */
	attachment?: { filename: string; content: string };
	messageId?: string;
	date?: Date;
}

export async function composeMail(mail: TestMail): Promise<Buffer> {
	const options: Mail.Options = {
		from: mail.from ?? 'Example Portal <noreply@portal.example.com>',
		to: mail.to ?? 'anna@mailbox.example.net',
		subject: mail.subject ?? 'Your sign-in',
		text: part(mail.text, mail.transferEncoding),
		html: part(mail.html, mail.transferEncoding),
		messageId: mail.messageId,
		date: mail.date ?? new Date('2026-11-28T15:00:00Z'),
		attachments: mail.attachment ? [mail.attachment] : undefined,
	};
	return new MailComposer(options).compile().build();
}

function part(
	content: string | undefined,
	contentTransferEncoding: TestMail['transferEncoding'],
): Mail.Options['text'] {
	if (content === undefined || !contentTransferEncoding) return content;
	return { content, contentTransferEncoding };
}

/** A composed message as the watcher has it: parsed, with the time the server received it. */
export async function candidate(
	mail: TestMail,
	receivedAt = new Date('2026-11-28T15:00:05Z'),
): Promise<MailCandidate> {
	const parsed = await simpleParser(await composeMail(mail));
	return {
		messageId: parsed.messageId,
		from: parsed.from?.value[0]?.address,
		receivedAt,
		subject: parsed.subject,
		text: parsed.text,
		html: parsed.html,
	};
}
