import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSelfSignedCertificate } from './certificate';
import { createMailbox, DOVECOT, writeDovecotConfig } from './dovecot';
import { ensureMailServerInstalled } from './packages';
import { POSTFIX_MASTER, writePostfixConfig } from './postfix';
import { ENV_OUTER_TMPDIR } from '../outer-tmpdir';
import {
	DaemonStoppedError,
	freePorts,
	mailServerDirPrefix,
	startDaemon,
	startWatchdog,
	stopDaemons,
	waitForFile,
	waitForGreeting,
	type Daemon,
} from './processes';

export interface Endpoint {
	host: string;
	port: number;
}

/** A running test mail server: send to `address` over `smtp`, read it over `imap` or `imaps`. */
export interface MailServer {
	/** SMTP without authentication or TLS; accepts mail for `address` only. */
	smtp: Endpoint;
	/** IMAP in plain text, plaintext login allowed. */
	imap: Endpoint;
	/** IMAP over TLS with a self-signed certificate (`rejectUnauthorized: false`). */
	imaps: Endpoint;
	/** The IMAP login: the full address. */
	user: string;
	/** Random at every start. */
	password: string;
	address: string;
	domain: string;
	/** The temporary folder with everything (configs, queue, maildir, certificate, logs). */
	dir: string;
	/** Postfix's and Dovecot's logs so far, for a failing test's message. */
	logs(): string;
	/** Ends every process it started (or throws naming those that stay) and removes `dir`. */
	stop(): Promise<void>;
}

export const MAIL_DOMAIN = 'mail.test';
const LOCAL_PART = 'invoices';

function readLog(path: string): string {
	return existsSync(path) ? readFileSync(path, 'utf8').slice(-20_000) : '(no log)';
}

/**
 * Starts a fresh Postfix (SMTP) and Dovecot (IMAP and LMTP; IMAPS) on 127.0.0.1, each port a
 * free one, with one mailbox, `invoices@mail.test`. Everything lives in a new temporary folder;
 * no system service or file is touched. Needs root, as both daemons switch to their own
 * system users (CI runs as root). Takes well under a second.
 */
export async function startMailServer(): Promise<MailServer> {
	ensureMailServerInstalled();
	if (process.getuid?.() !== 0)
		throw new Error(
			'The mail server test bed needs root: Postfix and Dovecot start as root and switch to ' +
				'their system users (postfix, dovecot, dovenull). Run the mailbox tests as root (as CI does).',
		);
	// The ports are free when chosen, but the daemons bind them a moment later: another process
	// (a test in the other Jest worker) may take one meanwhile, and the daemon then stops. Postfix
	// cannot say why (its log service is not running yet), so any daemon that stops while
	// starting gets two more tries, on new ports.
	for (let attempt = 1; ; attempt++) {
		try {
			return await startOnce();
		} catch (error) {
			if (!(error instanceof DaemonStoppedError) || attempt === 3) throw error;
		}
	}
}

async function startOnce(): Promise<MailServer> {
	const domain = MAIL_DOMAIN;
	const address = `${LOCAL_PART}@${domain}`;
	const password = randomBytes(18).toString('base64url');
	const [smtpPort, imapPort, imapsPort] = await freePorts(3);
	// Dovecot's unix sockets lie three levels down this folder, and a socket's path may not be
	// longer than 107 bytes: the folder goes into the OS temp folder itself, not into the test
	// file's own one there (tests/helpers/environment.ts). stop() removes it.
	const dir = mkdtempSync(join(process.env[ENV_OUTER_TMPDIR] ?? tmpdir(), mailServerDirPrefix()));
	// mkdtemp makes it 0700; the daemons' unprivileged users must pass through it (Postfix's
	// lmtp client to Dovecot's socket, Dovecot's mail processes to the maildir). 0711: they can
	// reach the paths they know, nobody can list the folder.
	chmodSync(dir, 0o711);
	const daemons: Daemon[] = [];
	let stopWatchdog = () => {};
	const logFiles = [
		['Postfix', join(dir, 'postfix.log')],
		...['imap', 'imaps'].map((n) => [`Dovecot (${n})`, join(dir, `dovecot-${n}.log`)]),
	];
	const logs = () =>
		logFiles.map(([name, path]) => `${name} log:\n${readLog(path)}\n`).join('') +
		daemons.map((d) => `${d.name} output:\n${d.output() || '(none)'}`).join('\n');
	const stop = async () => {
		stopWatchdog();
		try {
			await stopDaemons(daemons.splice(0));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
	// Each start's servers greet with its own token. A port chosen here may also be chosen by
	// another test bed starting at the same moment (another Jest worker): one daemon then fails
	// to bind it, but Postfix only exits a second after saying so, and meanwhile the other
	// server's greeting must not count as this one's.
	const greeting = `invoice-portals test bed ${randomBytes(6).toString('hex')}`;
	try {
		const cert = makeSelfSignedCertificate(dir, domain);
		const mailbox = createMailbox(dir, address, password);
		const imap = writeDovecotConfig({
			dir,
			name: 'imap',
			port: imapPort,
			domain,
			mailbox,
			greeting,
		});
		const imaps = writeDovecotConfig({
			dir,
			name: 'imaps',
			port: imapsPort,
			domain,
			mailbox,
			cert,
			greeting,
		});
		const postfix = writePostfixConfig({
			dir,
			port: smtpPort,
			domain,
			address,
			lmtpSocket: imap.lmtpSocket!,
			greeting,
		});
		const dovecot = [imap, imaps].map((d) =>
			startDaemon(`Dovecot (${d.name})`, DOVECOT, ['-F', '-c', d.config]),
		);
		daemons.push(...dovecot);
		daemons.push(startDaemon('Postfix', POSTFIX_MASTER, ['-c', postfix.configDir]));
		stopWatchdog = startWatchdog(dir, daemons);
		await Promise.all([
			waitForGreeting(dovecot[0], { port: imapPort }, '* OK', greeting, logs),
			waitForGreeting(dovecot[1], { port: imapsPort, tls: true }, '* OK', greeting, logs),
			waitForGreeting(daemons[2], { port: smtpPort }, '220 ', greeting, logs),
			// Postfix delivers to it from the first mail on.
			waitForFile(dovecot[0], imap.lmtpSocket!, logs),
		]);
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
	const host = '127.0.0.1';
	return {
		smtp: { host, port: smtpPort },
		imap: { host, port: imapPort },
		imaps: { host, port: imapsPort },
		user: address,
		password,
		address,
		domain,
		dir,
		logs,
		stop,
	};
}
