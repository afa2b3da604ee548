import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { addSecret } from '../../helpers/secret-scan';
import {
	ensureMailServerInstalled,
	startMailServer,
	type MailServer,
} from '../../../testbeds/mail-server';

// The mail server test bed itself (testbeds/mail-server): real mails sent with nodemailer
// over SMTP to Postfix on 127.0.0.1, filed by Dovecot, read back with imapflow over plain IMAP
// and over IMAPS. A missing package fails the file (never a skip).

// Its state must live in its temporary folder only: the places where Debian's packages keep
// theirs are listed (path and modification time) before and after.
const SYSTEM_STATE = [
	'/etc/postfix',
	'/etc/dovecot',
	'/var/spool/postfix',
	'/var/lib/postfix',
	'/var/lib/dovecot',
	'/run/dovecot',
];
const snapshot = () =>
	SYSTEM_STATE.filter((dir) => existsSync(dir))
		.flatMap((dir) =>
			readdirSync(dir, { recursive: true }).map((p) => {
				const path = join(dir, String(p));
				return `${path} ${statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 'dangling'}`;
			}),
		)
		.sort();

const FROM = 'Demo Telecom <billing@demo-telecom.example>';
const PLAIN = { subject: 'Your login code', text: 'Your code is 482913. It is valid 10 minutes.' };
const HTML = {
	subject: 'Sign in to Demo Telecom',
	html: '<p>Click <a href="http://127.0.0.1/magic?t=abc">this link</a> to sign in. Grüße</p>',
};

let mail: MailServer;
let stopped = false;
let before: string[] = [];
let startMs = 0;

beforeAll(async () => {
	ensureMailServerInstalled();
	before = snapshot();
	const started = Date.now();
	mail = await startMailServer();
	startMs = Date.now() - started;
	addSecret(mail.password);
});
afterAll(async () => {
	if (mail && !stopped) await mail.stop();
});

const imapOptions = (
	secure: boolean,
	overrides: Partial<ImapFlowOptions> = {},
): ImapFlowOptions => ({
	...(secure ? mail.imaps : mail.imap),
	secure,
	// Plain IMAP stays plain (the server offers STARTTLS, a client may ignore it).
	...(secure ? { tls: { rejectUnauthorized: false } } : { doSTARTTLS: false }),
	auth: { user: mail.user, pass: mail.password },
	logger: false,
	...overrides,
});

async function withImap<T>(secure: boolean, use: (client: ImapFlow) => Promise<T>): Promise<T> {
	const client = new ImapFlow(imapOptions(secure));
	await client.connect();
	try {
		return await use(client);
	} finally {
		await client.logout().catch(() => client.close());
	}
}

/** Every message in INBOX: subject, sender address and the raw source. */
async function inbox(client: ImapFlow) {
	const lock = await client.getMailboxLock('INBOX');
	try {
		const messages = [];
		for await (const m of client.fetch('1:*', { envelope: true, source: true }))
			messages.push({
				subject: m.envelope?.subject,
				from: m.envelope?.from?.[0]?.address,
				source: m.source!,
			});
		return messages;
	} finally {
		lock.release();
	}
}

test('starts in a few seconds, with IMAP, IMAPS and SMTP on 127.0.0.1 and IDLE offered', async () => {
	expect(startMs).toBeLessThan(10_000);
	for (const endpoint of [mail.smtp, mail.imap, mail.imaps])
		expect(endpoint.host).toBe('127.0.0.1');
	expect(new Set([mail.smtp.port, mail.imap.port, mail.imaps.port]).size).toBe(3);
	expect(mail.address).toBe(`invoices@${mail.domain}`);
	await withImap(false, async (client) => {
		expect(client.capabilities.has('IDLE')).toBe(true);
		expect(client.secureConnection).toBe(false);
	});
});

test('two real mails sent over SMTP arrive, and IDLE announces them: plain IMAP and IMAPS read the same', async () => {
	// A watcher idles in INBOX before anything is sent: the new mails must reach it through IDLE.
	const watcher = new ImapFlow(imapOptions(false));
	await watcher.connect();
	const arrived = new Promise<void>((resolve) =>
		watcher.on('exists', (e: { count: number }) => e.count >= 2 && resolve()),
	);
	const lock = await watcher.getMailboxLock('INBOX');
	try {
		expect(watcher.mailbox && watcher.mailbox.exists).toBe(0);
		void watcher.idle().catch(() => undefined);

		const transport = createTransport({ ...mail.smtp, secure: false, ignoreTLS: true });
		try {
			await transport.sendMail({ from: FROM, to: mail.address, ...PLAIN });
			await transport.sendMail({ from: FROM, to: mail.address, ...HTML, textEncoding: 'base64' });
		} finally {
			transport.close();
		}
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([
			arrived,
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`no IDLE news in 15 s.\n${mail.logs()}`)),
					15_000,
				);
			}),
		]).finally(() => clearTimeout(timer));
	} finally {
		lock.release();
		await watcher.logout().catch(() => watcher.close());
	}

	for (const secure of [false, true]) {
		// By subject: the order two mails are filed in is the server's business (LMTP deliveries
		// sent a moment apart were seen filed the other way round once on CI).
		const messages = (
			await withImap(secure, async (client) => {
				expect(client.secureConnection).toBe(secure);
				return inbox(client);
			})
		).sort((a, b) => Number(b.subject === PLAIN.subject) - Number(a.subject === PLAIN.subject));
		expect(messages.map((m) => [m.subject, m.from])).toEqual([
			[PLAIN.subject, 'billing@demo-telecom.example'],
			[HTML.subject, 'billing@demo-telecom.example'],
		]);
		const [plain, html] = await Promise.all(messages.map((m) => simpleParser(m.source)));
		expect(plain.text?.trim()).toBe(PLAIN.text);
		// HTML only, sent base64-encoded: it arrives so, and decodes to what was sent.
		expect(messages[1].source.toString()).toMatch(/Content-Transfer-Encoding: base64/i);
		expect(html.html).toContain('this link</a> to sign in. Grüße');
		expect(html.to && 'value' in html.to ? html.to.value[0].address : '').toBe(mail.address);
	}
});

test('IMAPS has a self-signed certificate: refused unless the client accepts it', async () => {
	const strict = new ImapFlow(imapOptions(true, { tls: { rejectUnauthorized: true } }));
	strict.on('error', () => undefined);
	await expect(strict.connect()).rejects.toThrow(/self[- ]signed|certificate/i);
	strict.close();
});

test('a wrong password is refused, on both ports', async () => {
	for (const secure of [false, true]) {
		const client = new ImapFlow(
			imapOptions(secure, { auth: { user: mail.user, pass: `${mail.password}-wrong` } }),
		);
		client.on('error', () => undefined);
		await expect(client.connect()).rejects.toMatchObject({ authenticationFailed: true });
		client.close();
	}
});

test('nothing is relayed: other domains and unknown users are refused at SMTP time', async () => {
	const transport = createTransport({ ...mail.smtp, secure: false, ignoreTLS: true });
	try {
		await expect(
			transport.sendMail({ from: FROM, to: 'someone@example.com', subject: 'x', text: 'x' }),
		).rejects.toThrow(/Relay access denied/);
		await expect(
			transport.sendMail({ from: FROM, to: `nobody@${mail.domain}`, subject: 'x', text: 'x' }),
		).rejects.toThrow(/User unknown/);
	} finally {
		transport.close();
	}
});

test('stop ends every process it started, closes the ports and removes its folder; no system state changed', async () => {
	const started = Date.now();
	await mail.stop();
	stopped = true;
	expect(Date.now() - started).toBeLessThan(10_000);
	expect(existsSync(mail.dir)).toBe(false);
	const ps = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' });
	expect(ps.split('\n').filter((l) => l.includes(mail.dir))).toEqual([]);
	for (const { port } of [mail.smtp, mail.imap, mail.imaps])
		await expect(
			new Promise((resolve, reject) =>
				connect({ host: '127.0.0.1', port }).once('connect', resolve).once('error', reject),
			),
		).rejects.toMatchObject({ code: 'ECONNREFUSED' });
	expect(snapshot()).toEqual(before);
});
