import { createServer, type AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { isMailboxError, type MailboxError } from '../../../portals/core/mailbox/mailbox-error';
import type { MailboxSettings } from '../../../portals/core/mailbox/mailbox-settings';
import { waitForMail, type WaitForMailOptions } from '../../../portals/core/mailbox/mailbox-watch';
import { composeMail, type TestMail } from '../../helpers/mail-messages';
import { addSecret, auditText } from '../../helpers/secret-scan';
import { startMailServer, type Endpoint, type MailServer } from '../../../testbeds/mail-server';

/**
 * waitForMail against a real Postfix and Dovecot on loopback (testbeds/mail-server): mail
 * goes in over SMTP as a portal's mailer sends it and is read over plain IMAP and IMAPS.
 * Every test mails from its own portal domain, so mail left by the other tests never counts.
 * The password, the codes and the links are secrets of this file's scan: nothing the watcher
 * reports may hold them.
 */
let server: MailServer;

beforeAll(async () => {
	server = await startMailServer();
	addSecret(server.password);
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

let portals = 0;
const newPortal = () => `portal-${++portals}.example.com`;

function settings(endpoint: Endpoint, over: Partial<MailboxSettings> = {}): MailboxSettings {
	return {
		host: endpoint.host,
		port: endpoint.port,
		secure: endpoint === server.imaps,
		user: server.user,
		password: server.password,
		// The test bed's IMAPS certificate is self-signed; its plain port offers no STARTTLS.
		allowUnauthorizedCerts: endpoint === server.imaps,
		timeoutSeconds: 20,
		...over,
	};
}

function watch(
	portal: string,
	over: Partial<WaitForMailOptions> & { settings?: MailboxSettings } = {},
): ReturnType<typeof waitForMail> {
	return waitForMail({
		settings: settings(server.imap),
		rules: { domains: [portal] },
		kind: 'code',
		since: new Date(),
		used: new Set(),
		...over,
	}).then((result) => {
		auditText('waitForMail result', { ...result, code: undefined, link: undefined });
		return result;
	});
}

/** Sends a mail as the portal's mailer would; resolves once Postfix accepted it. */
async function send(portal: string, mail: TestMail & { code?: string }): Promise<void> {
	if (mail.code) addSecret(mail.code);
	const transport = createTransport({ ...server.smtp, secure: false, ignoreTLS: true });
	try {
		const from = `noreply@${portal}`;
		await transport.sendMail({
			envelope: { from, to: server.address },
			raw: await composeMail({ from: `Portal <${from}>`, to: server.address, ...mail }),
		});
	} finally {
		transport.close();
	}
}

/** The flags of the messages with this subject, read by a client of the test's own. */
async function flagsOf(subject: string): Promise<string[][]> {
	const client = new ImapFlow({
		...server.imaps,
		secure: true,
		auth: { user: server.user, pass: server.password },
		tls: { rejectUnauthorized: false },
		logger: false,
	});
	await client.connect();
	try {
		await client.mailboxOpen('INBOX', { readOnly: true });
		const uids = (await client.search({ subject }, { uid: true })) || [];
		const flags: string[][] = [];
		if (uids.length > 0)
			// \Recent belongs to whichever session saw the message first, not to the message.
			for await (const message of client.fetch(uids, { flags: true }, { uid: true }))
				flags.push([...(message.flags ?? [])].filter((f) => f !== '\\Recent').sort());
		return flags;
	} finally {
		await client.logout();
	}
}

async function failure(promise: Promise<unknown>): Promise<MailboxError> {
	try {
		await promise;
	} catch (error) {
		if (isMailboxError(error)) {
			auditText('mailbox error', error.message);
			return error;
		}
		throw error;
	}
	throw new Error('expected a MailboxError');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a code over plain IMAP; the message stays unread', async () => {
	const portal = newPortal();
	const since = new Date();
	const subject = `Code ${portal}`;
	await send(portal, { subject, text: 'Your verification code is 731904.', code: '731904' });
	const result = await watch(portal, { since });
	expect(result).toMatchObject({ timedOut: false, code: '731904' });
	expect(await flagsOf(subject)).toEqual([[]]);
}, 60_000);

test('a code over IMAPS; with markAsRead only the chosen message is marked \\Seen', async () => {
	const portal = newPortal();
	const since = new Date();
	await send(portal, {
		subject: `Older ${portal}`,
		text: 'Ihr Bestätigungscode lautet 482913.',
		code: '482913',
		transferEncoding: 'base64',
	});
	await sleep(1100);
	await send(portal, {
		subject: `Newer ${portal}`,
		html: '<p>Votre code de vérification est :</p><p><b>552211</b></p>',
		code: '552211',
		transferEncoding: 'quoted-printable',
	});
	const result = await watch(portal, {
		since,
		settings: settings(server.imaps, { markAsRead: true }),
	});
	expect(result).toMatchObject({ timedOut: false, code: '552211' });
	expect(await flagsOf(`Newer ${portal}`)).toEqual([['\\Seen']]);
	expect(await flagsOf(`Older ${portal}`)).toEqual([[]]);
}, 60_000);

test('a mail that arrives while the watcher waits is seen at once (IMAP IDLE)', async () => {
	const portal = newPortal();
	const waiting = watch(portal);
	await sleep(2000);
	const sent = Date.now();
	await send(portal, { text: 'Your one-time code: 640112', code: '640112' });
	const result = await waiting;
	expect(result).toMatchObject({ timedOut: false, code: '640112' });
	// The watcher looks again on its own only after 60 seconds; this fast, IDLE told it.
	expect(Date.now() - sent).toBeLessThan(10_000);
}, 60_000);

test('without IDLE the watcher looks every few seconds', async () => {
	const portal = newPortal();
	const waiting = watch(portal, { idle: false, pollSeconds: 1 });
	await sleep(1500);
	await send(portal, { text: 'Uw verificatiecode is 771203.', code: '771203' });
	expect(await waiting).toMatchObject({ timedOut: false, code: '771203' });
}, 60_000);

test('a mail older than the attempt is ignored: the wait times out, a new mail is taken', async () => {
	const portal = newPortal();
	await send(portal, { text: 'Your code is 111111.', code: '111111' });
	// Delivered: a wait from the beginning of time finds it.
	expect(await watch(portal, { since: new Date(0) })).toMatchObject({ code: '111111' });
	// Later than the clock tolerance (2 s) after it arrived, the attempt starts.
	await sleep(3000);
	const since = new Date();
	const started = Date.now();
	const timedOut = await watch(portal, {
		since,
		settings: settings(server.imap, { timeoutSeconds: 3 }),
	});
	expect(timedOut).toEqual({ timedOut: true });
	expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
	await send(portal, { text: 'Your code is 222222.', code: '222222' });
	expect(await watch(portal, { since })).toMatchObject({ code: '222222' });
}, 60_000);

test('a code already used is not taken again', async () => {
	const portal = newPortal();
	const since = new Date();
	await send(portal, { text: 'Your code is 313131.', code: '313131' });
	const first = await watch(portal, { since });
	if (first.timedOut) throw new Error('the code mail did not arrive');
	const again = await watch(portal, {
		since,
		used: new Set([first.id]),
		settings: settings(server.imap, { timeoutSeconds: 2 }),
	});
	expect(again).toEqual({ timedOut: true });
}, 60_000);

test('a sign-in link into the portal', async () => {
	const portal = newPortal();
	const since = new Date();
	const link = `https://${portal}/auth/magic?token=Zk9x31aQ`;
	addSecret(link);
	await send(portal, {
		html: `<p><a href="https://tracker.example.net/c/1">Our app</a></p><p><a href="${link}">Sign in</a></p>`,
	});
	expect(await watch(portal, { since, kind: 'link' })).toMatchObject({ timedOut: false, link });
}, 60_000);

test('a wrong password is login_failed', async () => {
	const error = await failure(
		watch(newPortal(), { settings: settings(server.imaps, { password: 'not-the-password' }) }),
	);
	expect(error.code).toBe('login_failed');
	expect(error.message).toMatch(/password/);
	expect(error.message).not.toContain('not-the-password');
}, 30_000);

test('a closed port is unreachable', async () => {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as AddressInfo;
	await new Promise((resolve) => probe.close(resolve));
	const error = await failure(
		watch(newPortal(), { settings: settings({ host: '127.0.0.1', port }) }),
	);
	expect(error.code).toBe('unreachable');
	expect(error.message).toContain(`127.0.0.1:${port}`);
}, 30_000);

test('a self-signed certificate is refused unless allowed: unreachable, naming the setting', async () => {
	const error = await failure(
		watch(newPortal(), { settings: settings(server.imaps, { allowUnauthorizedCerts: false }) }),
	);
	expect(error.code).toBe('unreachable');
	expect(error.message).toMatch(/unauthorized certificates/);
}, 30_000);

test('an abort ends the wait at once', async () => {
	const controller = new AbortController();
	const waiting = watch(newPortal(), { signal: controller.signal });
	await sleep(1500);
	const aborted = Date.now();
	controller.abort(new Error('the run was stopped'));
	await expect(waiting).rejects.toThrow('the run was stopped');
	expect(Date.now() - aborted).toBeLessThan(2000);
}, 30_000);
