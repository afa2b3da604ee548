// A real mail server on loopback for the mailbox tests (issue 18): Postfix takes mail over SMTP,
// Dovecot files it over LMTP and serves it over IMAP and IMAPS, both from Debian's packages and
// configured in a fresh temporary folder at every start. One file per concern: packages.ts
// (what must be installed), postfix.ts, dovecot.ts, certificate.ts, processes.ts (running and
// ending the daemons), server.ts (startMailServer).
export {
	ensureMailServerInstalled,
	MAIL_SERVER_APT_COMMAND,
	MAIL_SERVER_PACKAGES,
} from './packages';
export { mailServerDirPrefix } from './processes';
export { MAIL_DOMAIN, startMailServer, type Endpoint, type MailServer } from './server';
