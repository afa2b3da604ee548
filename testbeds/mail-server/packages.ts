import { existsSync } from 'node:fs';

/**
 * The Debian packages the mail server test bed runs, and a file each one installs. Only their
 * programs are used: the test bed writes its own configuration into a temporary folder and
 * never reads /etc/postfix/main.cf or /etc/dovecot (the system's services stay as they are,
 * normally not running at all). Keep this list in step with scripts/dev/mail-server-install.sh.
 */
const REQUIRED: { pkg: string; present: () => boolean }[] = [
	{ pkg: 'postfix', present: () => existsSync('/usr/lib/postfix/sbin/master') },
	// dovecot-imapd brings dovecot-core (the dovecot master, auth, the passwd-file database).
	{ pkg: 'dovecot-imapd', present: () => existsSync('/usr/lib/dovecot/imap') },
	// Postfix hands every accepted mail to Dovecot over LMTP, so Dovecot files it itself.
	{ pkg: 'dovecot-lmtpd', present: () => existsSync('/usr/lib/dovecot/lmtp') },
	// The IMAPS port's self-signed certificate is made at each start.
	{ pkg: 'openssl', present: () => existsSync('/usr/bin/openssl') },
];
export const MAIL_SERVER_PACKAGES = REQUIRED.map((r) => r.pkg);
export const MAIL_SERVER_APT_COMMAND = `apt-get install -y --no-install-recommends ${MAIL_SERVER_PACKAGES.join(' ')}`;

/** Throws, naming the apt command, when a package is missing: these tests never skip. */
export function ensureMailServerInstalled(): void {
	const missing = REQUIRED.filter((r) => !r.present()).map((r) => r.pkg);
	if (missing.length > 0)
		throw new Error(
			`The mail server test bed needs Debian packages that are not installed: ${missing.join(', ')}. ` +
				`Install them as root with: bash scripts/dev/mail-server-install.sh ` +
				`(it runs DEBIAN_FRONTEND=noninteractive ${MAIL_SERVER_APT_COMMAND} without configuring ` +
				`or starting a system mail service; npm run test:mailbox and .ci/run call it).`,
		);
}
