import { createHash, randomBytes } from 'node:crypto';
import { chownSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupId, userIds } from './system-users';

/**
 * Private Dovecots: their own dovecot.conf (written from scratch, nothing included from
 * /etc/dovecot), runtime sockets (base_dir), state, log, users file and maildir, all in the
 * test bed's temporary folder. `dovecot -F -c <conf>` runs in the foreground as the test's
 * child, and on SIGTERM ends its services.
 *
 * Two instances share the one mailbox (Maildir and Dovecot's index locking are made for
 * several processes at once; IDLE sees the other instance's changes through inotify):
 * - "imap": IMAP on 127.0.0.1:<imap>, plain text only, plaintext logins allowed (what many
 *   company servers on a local network still offer), and LMTP on a unix socket that only the
 *   `postfix` user may open: Postfix hands it every mail and Dovecot files it itself.
 * - "imaps": IMAP over TLS on 127.0.0.1:<imaps>, with the self-signed certificate.
 * Why two: Dovecot 2.3's `ssl` setting cannot differ between two ports of one address (its
 * `local` filter matches the IP only), and with ssl on, the plain port would offer STARTTLS,
 * which clients such as imapflow take by default and then refuse for the self-signed
 * certificate. The plain port must be plain.
 *
 * One user, `<local>@<domain>`, from a passwd-file with a salted SHA-512 hash of a random
 * password. Its maildir belongs to the system user `mail` (Dovecot never lets root own mail,
 * and the test bed creates no users). IDLE is on, as in every Dovecot.
 */
export const DOVECOT = '/usr/sbin/dovecot';

/** Dovecot's "{SSHA512}" scheme: base64(sha512(password + salt) + salt). */
function ssha512(password: string): string {
	const salt = randomBytes(8);
	const digest = createHash('sha512')
		.update(Buffer.concat([Buffer.from(password), salt]))
		.digest();
	return `{SSHA512}${Buffer.concat([digest, salt]).toString('base64')}`;
}

export interface Mailbox {
	/** The passwd-file both instances read. */
	users: string;
	/** The uid that owns the mail (first_valid_uid and last_valid_uid). */
	uid: number;
}

/** The user's entry and its empty home; Dovecot creates the Maildir on first use. */
export function createMailbox(dir: string, user: string, password: string): Mailbox {
	const users = join(dir, 'dovecot-users');
	const mailRoot = join(dir, 'mail');
	const home = join(mailRoot, user.split('@')[0]);
	const owner = userIds('mail');
	mkdirSync(mailRoot, { mode: 0o755 });
	mkdirSync(home, { mode: 0o700 });
	chownSync(home, owner.uid, owner.gid);
	writeFileSync(users, `${user}:${ssha512(password)}:${owner.uid}:${owner.gid}::${home}::\n`);
	// The auth process reads the users file as the `dovecot` user.
	chownSync(users, 0, groupId('dovecot'));
	chmodSync(users, 0o640);
	return { users, uid: owner.uid };
}

export interface DovecotInstance {
	name: string;
	config: string;
	log: string;
	/** Set for the instance that serves LMTP: Postfix's target. */
	lmtpSocket?: string;
}

export function writeDovecotConfig(options: {
	dir: string;
	/** "imap" (plain IMAP and LMTP) or "imaps" (IMAP over TLS). */
	name: 'imap' | 'imaps';
	port: number;
	domain: string;
	mailbox: Mailbox;
	cert?: { cert: string; key: string };
	/** In the IMAP greeting: proves that the server answering on the port is this one. */
	greeting: string;
}): DovecotInstance {
	const { dir, name, port, domain, mailbox, cert, greeting } = options;
	const tls = name === 'imaps';
	if (tls && !cert) throw new Error('The IMAPS instance needs its certificate');
	const baseDir = join(dir, `dovecot-${name}-run`);
	const stateDir = join(dir, `dovecot-${name}-state`);
	const config = join(dir, `dovecot-${name}.conf`);
	const log = join(dir, `dovecot-${name}.log`);
	mkdirSync(baseDir, { mode: 0o755 });
	mkdirSync(stateDir, { mode: 0o750 });

	const ssl = tls
		? `ssl = required\nssl_cert = <${cert!.cert}\nssl_key = <${cert!.key}`
		: // No TLS at all: the plain port does not offer STARTTLS.
			'ssl = no';
	const listeners = tls
		? `  inet_listener imap {\n    port = 0\n  }\n  inet_listener imaps {\n    address = 127.0.0.1\n    port = ${port}\n    ssl = yes\n  }`
		: `  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }`;
	const lmtp = tls
		? ''
		: `
protocol lmtp {
  postmaster_address = postmaster@${domain}
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
    user = postfix
    group = postfix
  }
}
`;
	writeFileSync(
		config,
		`# The invoice-portals mail server test bed (testbeds/mail-server), its ${name} instance.
# Its own name, so its processes are told apart from a system Dovecot in ps.
instance_name = invoice-portals-mail-${name}
base_dir = ${baseDir}
state_dir = ${stateDir}
log_path = ${log}
login_greeting = ${greeting}
protocols = imap${tls ? '' : ' lmtp'}
listen = 127.0.0.1
${ssl}

# Plaintext logins${tls ? ' (inside TLS)' : ' on the plain port: the test bed offers both kinds of server'}.
disable_plaintext_auth = no
auth_mechanisms = plain login
# A refused password is answered at once (a real server waits 2 seconds).
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = scheme=SSHA512 ${mailbox.users}
}
userdb {
  driver = passwd-file
  args = ${mailbox.users}
}
first_valid_uid = ${mailbox.uid}
last_valid_uid = ${mailbox.uid}

mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
protocol imap {
  # Tests open several connections at once (readers, IDLE watchers).
  mail_max_userip_connections = 50
}
service imap-login {
${listeners}
}
${lmtp}`,
	);
	return { name, config, log, lmtpSocket: tls ? undefined : join(baseDir, 'lmtp') };
}
