import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { systemClock, type Clock } from '../timing/clock';
import { timeLimit } from '../timing/time-limit';
import { chooseMail, mayBeFromPortal, type MailCandidate, type MailChoice } from './mail-choice';
import { MailboxError } from './mailbox-error';
import {
	DEFAULT_MAIL_TIMEOUT_SECONDS,
	type MailboxSettings,
	type MailKind,
	type MailRules,
} from './mailbox-settings';

export interface WaitForMailOptions {
	settings: MailboxSettings;
	rules: MailRules;
	kind: MailKind;
	/** When the login attempt started: older mail is never read for a code. */
	since: Date;
	/** Use ids (mailUseId) of codes and links already taken: never taken again. */
	used: ReadonlySet<string>;
	signal?: AbortSignal;
	/** The time the deadline is measured in; tests replace it. */
	clock?: Clock;
	/** Seconds between looks where the server cannot IDLE (5 unless a test says otherwise). */
	pollSeconds?: number;
	/** false: look every pollSeconds even where the server offers IDLE (tests, a broken IDLE). */
	idle?: boolean;
}

/** The mail came (with its use id, to be remembered once the code or link was used), or not in time. */
export type MailWaitResult =
	| { timedOut: false; id: string; code?: string; link?: string; outside?: boolean }
	| { timedOut: true };

const POLL_SECONDS = 5;
// With IDLE the server says when mail arrives; a look now and then anyway, since some servers
// and middle boxes end an IDLE silently, and it keeps the connection from looking dead.
const IDLE_RECHECK_MS = 60_000;
const CONNECT_TIMEOUT_MS = 30_000;
// imapflow waits 16 s for the greeting and 5 minutes for an answer to a command by default;
// set here so they are known. Above IDLE_RECHECK_MS: an IDLE is ended by the look before its
// quiet counts (imapflow would only send a NOOP then; a command with no answer is an error).
const GREETING_TIMEOUT_MS = 15_000;
const SOCKET_TIMEOUT_MS = 90_000;
// The whole wait ends this long after its time is up, wherever it is: a look at the mailbox that
// began just before the deadline may finish, a server that stopped answering holds nothing.
const AFTER_DEADLINE_MS = 2_000;
// Code and sign-in mails are a few kilobytes; a larger message is not read at all.
const MAX_MAIL_BYTES = 2 * 1024 * 1024;

/**
 * Waits for the portal's mail with a code or sign-in link in the user's own mailbox, over IMAP:
 * reads what arrived since the attempt started, then waits for new mail (IMAP IDLE, or a look
 * every few seconds where the server cannot IDLE) until one yields what the run waits for or
 * the time is up. The time running out is a result, `{ timedOut: true }`; a mailbox that cannot
 * be reached or refuses the login throws MailboxError.
 *
 * The mailbox only ever gets looked at: INBOX is opened read-only, message bodies are fetched
 * with BODY.PEEK (imapflow's `source`), and nothing is deleted, moved, expunged or flagged. The
 * one exception is asked for: with `markAsRead` the chosen message is marked \Seen, and only it.
 * The connection is logged out whatever happens, and an aborted signal ends the wait at once
 * (rejecting with the signal's reason). A server that never greets or stops answering ends the
 * wait by its time too (MailboxError 'unreachable'), however long its socket stays open.
 */
export async function waitForMail(options: WaitForMailOptions): Promise<MailWaitResult> {
	const { settings, signal } = options;
	const clock = options.clock ?? systemClock;
	signal?.throwIfAborted();
	const waitMs = (settings.timeoutSeconds ?? DEFAULT_MAIL_TIMEOUT_SECONDS) * 1000;
	const deadline = clock.now() + waitMs;
	const client = imapClient(settings);
	// The time limit and the run's cancel signal both close the connection (see MailboxEvents).
	const limit = timeLimit(waitMs + AFTER_DEADLINE_MS, signal);
	const events = new MailboxEvents(client, limit.signal);
	let phase: 'connect' | 'session' = 'connect';
	try {
		await client.connect();
		await client.mailboxOpen('INBOX', { readOnly: !settings.markAsRead });
		phase = 'session';
		const inbox = new InboxReader(client, options);
		const idle = options.idle !== false && client.capabilities.has('IDLE');
		for (;;) {
			const found = await inbox.look();
			if (found) {
				if (settings.markAsRead)
					await client.messageFlagsAdd([found.uid], ['\\Seen'], { uid: true });
				const { id, code, link, outside } = found.choice;
				return {
					timedOut: false,
					id,
					...(code ? { code } : {}),
					...(link ? { link, outside } : {}),
				};
			}
			const left = deadline - clock.now();
			if (left <= 0) return { timedOut: true };
			const pollMs = (options.pollSeconds ?? POLL_SECONDS) * 1000;
			await events.change(Math.min(left, idle ? IDLE_RECHECK_MS : pollMs), idle);
		}
	} catch (error) {
		if (signal?.aborted) throw signal.reason;
		if (limit.expired) throw noAnswer(settings, phase, waitMs);
		if (error instanceof MailboxError) throw error;
		throw mailboxFailure(error, settings, phase);
	} finally {
		limit.end();
		events.detach();
		await logOut(client);
	}
}

/** The wait's time ran out while the server had not answered (no greeting, a stuck command). */
function noAnswer(
	settings: Pick<MailboxSettings, 'host' | 'port'>,
	phase: 'connect' | 'session',
	waitMs: number,
): MailboxError {
	const where = `${settings.host}:${settings.port}`;
	const seconds = Math.round(waitMs / 1000);
	return new MailboxError(
		'unreachable',
		phase === 'connect'
			? `The mailbox at ${where} did not answer within ${seconds} s (the time a run waits for the mail). Check the mailbox host and port, and that the server there speaks IMAP.`
			: `The mailbox at ${where} stopped answering while waiting for the mail; the wait ended after ${seconds} s. The next attempt connects again.`,
	);
}

/** A client for the mailbox, not yet connected. */
export function imapClient(settings: MailboxSettings): ImapFlow {
	return new ImapFlow({
		host: settings.host,
		port: settings.port,
		secure: settings.secure,
		auth: { user: settings.user, pass: settings.password },
		tls: { rejectUnauthorized: !settings.allowUnauthorizedCerts },
		// imapflow logs every command and response by default, message contents included.
		logger: false,
		// IDLE only while this waits for mail, not on its own between commands.
		disableAutoIdle: true,
		connectionTimeout: CONNECT_TIMEOUT_MS,
		greetingTimeout: GREETING_TIMEOUT_MS,
		socketTimeout: SOCKET_TIMEOUT_MS,
	});
}

/**
 * Whether the mailbox can be read with these settings (the credential test): connects, signs
 * in and opens INBOX read-only, then logs out. Throws MailboxError saying what is wrong.
 */
export async function checkMailbox(settings: MailboxSettings): Promise<void> {
	const client = imapClient(settings);
	try {
		await client.connect();
		await client.mailboxOpen('INBOX', { readOnly: true });
	} catch (error) {
		throw mailboxFailure(error, settings, 'connect');
	} finally {
		await logOut(client);
	}
}

interface Found {
	choice: MailChoice;
	uid: number;
}

/** Reads INBOX: each message's envelope once, and the body only of mail that may be the portal's. */
class InboxReader {
	private readonly looked = new Set<number>();
	private readonly mails: MailCandidate[] = [];
	private readonly uids = new Map<MailCandidate, number>();

	constructor(
		private readonly client: ImapFlow,
		private readonly options: WaitForMailOptions,
	) {}

	async look(): Promise<Found | undefined> {
		const { client, options } = this;
		// IMAP's SEARCH SINCE compares dates without times, in the server's time zone: a day
		// earlier covers any zone; arrival times are compared exactly afterwards.
		const day = new Date(options.since.getTime() - 24 * 3600_000);
		const uids = (await client.search({ since: day }, { uid: true })) || [];
		const fresh = uids.filter((uid) => !this.looked.has(uid));
		if (fresh.length === 0) return undefined;

		const wanted: number[] = [];
		for await (const message of client.fetch(
			fresh,
			{ uid: true, internalDate: true, envelope: true, size: true },
			{ uid: true },
		)) {
			this.looked.add(message.uid);
			const from = message.envelope?.from?.[0]?.address;
			if (!message.internalDate || (message.size ?? 0) > MAX_MAIL_BYTES) continue;
			if (mayBeFromPortal({ from, receivedAt: new Date(message.internalDate) }, options))
				wanted.push(message.uid);
		}
		if (wanted.length === 0) return undefined;

		// Collected first: no other command may run while a FETCH streams its answers.
		const bodies: { uid: number; source: Buffer; receivedAt: Date }[] = [];
		for await (const message of client.fetch(
			wanted,
			{ uid: true, internalDate: true, source: true },
			{ uid: true },
		))
			if (message.source && message.internalDate)
				bodies.push({
					uid: message.uid,
					source: message.source,
					receivedAt: new Date(message.internalDate),
				});
		for (const body of bodies) {
			const parsed = await simpleParser(body.source, {
				skipImageLinks: true,
				skipTextToHtml: true,
				skipTextLinks: true,
			});
			const mail: MailCandidate = {
				messageId: parsed.messageId,
				from: parsed.from?.value[0]?.address,
				receivedAt: body.receivedAt,
				subject: parsed.subject,
				text: parsed.text,
				html: parsed.html,
			};
			this.mails.push(mail);
			this.uids.set(mail, body.uid);
		}
		const choice = chooseMail(this.mails, options);
		return choice ? { choice, uid: this.uids.get(choice.mail)! } : undefined;
	}
}

/** What the connection tells while this waits: new mail, the connection's end, the abort. */
class MailboxEvents {
	private changed = false;
	private closed = false;
	private wake?: () => void;

	constructor(
		private readonly client: ImapFlow,
		private readonly signal?: AbortSignal,
	) {
		client.on('exists', this.onExists);
		client.on('close', this.onClose);
		// Without a listener, a socket error would be thrown from the event emitter and end the
		// process; the command that was running rejects with it anyway.
		client.on('error', this.onError);
		signal?.addEventListener('abort', this.onAbort, { once: true });
	}

	/** Returns when new mail may have arrived or `ms` passed; throws if the connection ended. */
	async change(ms: number, idle: boolean): Promise<void> {
		if (!this.changed && !this.closed && !this.signal?.aborted) {
			// The next command (the search) ends the IDLE again (imapflow sends DONE first).
			if (idle) this.client.idle().catch(() => undefined);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(done, ms);
				this.wake = done;
				function done(): void {
					clearTimeout(timer);
					resolve();
				}
			});
			this.wake = undefined;
		}
		this.changed = false;
		this.signal?.throwIfAborted();
		if (this.closed) throw Object.assign(new Error('Connection closed'), { code: 'NoConnection' });
	}

	detach(): void {
		this.client.off('exists', this.onExists);
		this.client.off('close', this.onClose);
		this.signal?.removeEventListener('abort', this.onAbort);
		// The error listener stays: logging out may still report a broken socket.
	}

	private readonly onExists = (): void => {
		this.changed = true;
		this.wake?.();
	};

	private readonly onClose = (): void => {
		this.closed = true;
		this.wake?.();
	};

	private readonly onError = (): void => undefined;

	private readonly onAbort = (): void => {
		this.client.close();
		this.wake?.();
	};
}

/** Logs out politely when the connection still works, within a few seconds, and closes it. */
async function logOut(client: ImapFlow): Promise<void> {
	if (client.usable) {
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([
			client.logout().catch(() => undefined),
			new Promise((resolve) => (timer = setTimeout(resolve, 3000))),
		]);
		clearTimeout(timer);
	}
	client.close();
}

// Node's and OpenSSL's codes for a TLS handshake that failed or a certificate that was refused.
const TLS_FAILURE =
	/^(?:ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO|HOSTNAME_MISMATCH)/;

/**
 * The error a run reports: what happened and what to do, naming the server but never the
 * password, and never the server's own words (they may quote what was sent). The library's
 * error is not kept as the cause either: it carries the server's response and the command sent.
 */
export function mailboxFailure(
	error: unknown,
	settings: Pick<MailboxSettings, 'host' | 'port' | 'secure' | 'user'>,
	phase: 'connect' | 'session',
): MailboxError {
	const { host, port, user } = settings;
	const where = `${host}:${port}`;
	const failure = error as {
		code?: string;
		authenticationFailed?: boolean;
		tlsFailed?: boolean;
		message?: string;
	};
	const code = typeof failure?.code === 'string' ? failure.code : '';
	const tlsHint =
		'Check the TLS setting: port 993 usually uses TLS from the start, port 143 plain IMAP (upgraded with STARTTLS).';
	if (failure?.authenticationFailed) {
		if (failure.message === 'Login is disabled')
			return new MailboxError(
				'login_failed',
				`The mailbox at ${where} refuses passwords over a connection without TLS. Switch TLS on (usually port 993).`,
			);
		return new MailboxError(
			'login_failed',
			`The mailbox at ${where} did not accept the user name "${user}" with this password. Check the mailbox user name (usually the full e-mail address) and password. Gmail, Outlook and other providers with two-step verification need an app password, and IMAP access switched on in the mailbox settings.`,
		);
	}
	if (phase === 'session')
		return new MailboxError(
			'unreachable',
			`The connection to the mailbox at ${where} broke off while waiting for the mail${code ? ` (${code})` : ''}. The next attempt connects again; if it keeps happening, check that the server allows long connections (IMAP IDLE).`,
		);
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
		return new MailboxError(
			'unreachable',
			`The mailbox server ${host} was not found (${code}). Check the mailbox host name (for example imap.gmail.com or outlook.office365.com).`,
		);
	if (code === 'ECONNREFUSED')
		return new MailboxError(
			'unreachable',
			`Nothing accepts connections at ${where} (connection refused). Check the mailbox host and port: IMAP is port 993 with TLS, 143 without.`,
		);
	if (
		failure?.tlsFailed ||
		TLS_FAILURE.test(code) ||
		/certificate|\bssl\b|\btls\b/i.test(failure?.message ?? '')
	)
		return new MailboxError(
			'unreachable',
			`No secure connection could be made to the mailbox at ${where}${code ? ` (${code})` : ''}. ${tlsHint} For a server with a self-signed certificate, allow unauthorized certificates.`,
		);
	if (/TIMEOUT|ETIMEDOUT/.test(code))
		return new MailboxError(
			'unreachable',
			`The mailbox at ${where} did not answer in time (${code}). Check the host and port, and that a firewall lets this machine reach it. ${tlsHint}`,
		);
	return new MailboxError(
		'unreachable',
		`The mailbox at ${where} cannot be reached${code ? ` (${code})` : ''}. Check the mailbox host and port. ${tlsHint}`,
	);
}
