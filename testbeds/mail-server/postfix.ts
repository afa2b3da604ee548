import { chownSync, chmodSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupId, userIds } from './system-users';

/**
 * A private Postfix: its own main.cf and master.cf, queue and data folders, all in the test
 * bed's temporary folder, and only its `master` daemon run from Debian's package.
 *
 * How it is started, and why: `postfix -c <dir> start` would work here (the alternate-directory
 * rule, that <dir> be listed in the default main.cf's alternate_config_directories, is checked
 * only for users other than root, and Debian's "No configuration" install has no main.cf at
 * all), but `start` goes through postfix-script: it runs the integrity checks (a `find` over
 * /usr/lib/postfix and /etc/postfix), then puts `master` in the background, and `postfix stop`
 * polls once a second. Instead the test bed creates the queue folders itself, from the same
 * list Postfix's own post-install reads (/etc/postfix/postfix-files), and runs
 * `master -c <dir>`: without -w master stays in the foreground as the test's child, makes
 * itself a process group leader, and on SIGTERM ends every Postfix process of its group. No
 * `postmulti` instance is registered, and nothing under /etc or /var is written.
 *
 * What it accepts: mail over SMTP on 127.0.0.1:<port> (no authentication, no TLS) for the one
 * test address; anything else is refused at RCPT TO. What it does with it: hands it to
 * Dovecot's LMTP socket. Nothing can leave the machine: there is no `smtp` or `relay` client
 * in master.cf, every other destination goes to the `error` transport, relaying is refused,
 * and DNS is never asked.
 */
export const POSTFIX_MASTER = '/usr/lib/postfix/sbin/master';
const POSTFIX_FILES = '/etc/postfix/postfix-files';

export interface PostfixSetup {
	configDir: string;
	log: string;
}

export function writePostfixConfig(options: {
	dir: string;
	port: number;
	domain: string;
	address: string;
	lmtpSocket: string;
	/** In the SMTP greeting: proves that the server answering on the port is this one. */
	greeting: string;
}): PostfixSetup {
	const { dir, port, domain, address, lmtpSocket, greeting } = options;
	const configDir = join(dir, 'postfix');
	const queue = join(configDir, 'queue');
	const data = join(configDir, 'data');
	const log = join(dir, 'postfix.log');
	mkdirSync(configDir);
	const main = {
		compatibility_level: '3.6',
		queue_directory: queue,
		data_directory: data,
		// The log is a file in the temporary folder (Postfix's postlogd writes it), not syslog;
		// postlogd refuses paths outside maillog_file_prefixes.
		maillog_file: log,
		maillog_file_prefixes: dir,
		syslog_name: 'postfix-invoice-portals-test',
		myhostname: `mx.${domain}`,
		mydomain: domain,
		myorigin: domain,
		// Nothing is delivered by Postfix itself: no local users, no aliases, no /etc/aliases.
		mydestination: '',
		local_recipient_maps: '',
		alias_maps: '',
		alias_database: '',
		// The one mailbox; other recipients are refused at RCPT TO ("User unknown").
		virtual_mailbox_domains: domain,
		virtual_mailbox_maps: `inline:{ ${address}=ok }`,
		virtual_transport: `lmtp:unix:${lmtpSocket}`,
		// Never relay anything off the machine.
		inet_interfaces: '127.0.0.1',
		inet_protocols: 'ipv4',
		mynetworks: '127.0.0.0/8',
		relay_domains: '',
		smtpd_relay_restrictions: 'reject_unauth_destination',
		default_transport: 'error:the invoice-portals test bed delivers only to its own domain',
		relay_transport: 'error:the invoice-portals test bed relays nothing',
		smtp_dns_support_level: 'disabled',
		lmtp_dns_support_level: 'disabled',
		smtpd_peername_lookup: 'no',
		// Quick: tests send a few mails and expect them within a second.
		in_flow_delay: '0',
		// One delivery at a time, so mails arrive in the order they were sent (with several
		// parallel LMTP deliveries, 20 mails sent one after the other landed in a shuffled order).
		lmtp_destination_concurrency_limit: '1',
		biff: 'no',
		append_dot_mydomain: 'no',
		notify_classes: '',
		maximal_queue_lifetime: '1h',
		bounce_queue_lifetime: '1h',
		smtpd_banner: `$myhostname ESMTP ${greeting}`,
	};
	writeFileSync(
		join(configDir, 'main.cf'),
		Object.entries(main)
			.map(([k, v]) => `${k} = ${v}\n`)
			.join(''),
	);
	// Only the services this flow needs (no pickup: nothing is submitted with sendmail), none
	// chrooted (a chroot would need copies of /etc files in the queue folder).
	const services = [
		`127.0.0.1:${port} inet n - n - - smtpd`,
		'cleanup   unix n - n - 0 cleanup',
		'qmgr      unix n - n 300 1 qmgr',
		'rewrite   unix - - n - - trivial-rewrite',
		'bounce    unix - - n - 0 bounce',
		'defer     unix - - n - 0 bounce',
		'trace     unix - - n - 0 bounce',
		'verify    unix - - n - 1 verify',
		'flush     unix n - n 1000? 0 flush',
		'proxymap  unix - - n - - proxymap',
		'showq     unix n - n - - showq',
		'error     unix - - n - - error',
		'retry     unix - - n - - error',
		'discard   unix - - n - - discard',
		'lmtp      unix - - n - - lmtp',
		'anvil     unix - - n - 1 anvil',
		'scache    unix - - n - 1 scache',
		'postlog   unix-dgram n - n - 1 postlogd',
	];
	writeFileSync(join(configDir, 'master.cf'), services.map((s) => `${s}\n`).join(''));
	// Postfix will not read a configuration file changed within the last second (it might be
	// half written by postconf -e): it sleeps 0.3 s and reads again until the file is older,
	// which made every start 1.5 s slower. These are complete: date them back a minute.
	const past = new Date(Date.now() - 60_000);
	for (const name of ['main.cf', 'master.cf']) utimesSync(join(configDir, name), past, past);
	createQueueDirectories(queue, data);
	return { configDir, log };
}

/**
 * The queue and data folders with the owners and modes Postfix insists on, as listed in
 * postfix-files (what `postfix start` would create through post-install create-missing):
 * lines such as `$queue_directory/active:d:$mail_owner:-:700:ucr`.
 */
function createQueueDirectories(queue: string, data: string): void {
	const postfix = userIds('postfix').uid;
	const owners: Record<string, number> = { root: 0, $mail_owner: postfix };
	const groups: Record<string, number> = { '-': 0, $setgid_group: groupId('postdrop') };
	const places: Record<string, string> = { $queue_directory: queue, $data_directory: data };
	const entries = readFileSync(POSTFIX_FILES, 'utf8')
		.split('\n')
		.map((line) => line.split(':'))
		.filter(([path, type]) => type === 'd' && /^\$(queue|data)_directory(\/|$)/.test(path));
	if (!entries.some(([path]) => path === '$queue_directory/incoming'))
		throw new Error(`${POSTFIX_FILES} does not list Postfix's queue folders as expected`);
	for (const [path, , owner, group, mode] of entries) {
		const target = path.replace(/^\$(queue|data)_directory/, (place) => places[place]);
		if (!(owner in owners) || !(group in groups))
			throw new Error(`${POSTFIX_FILES}: unexpected owner in "${path}:d:${owner}:${group}"`);
		mkdirSync(target, { recursive: true });
		chownSync(target, owners[owner], groups[group]);
		chmodSync(target, parseInt(mode, 8));
	}
}
