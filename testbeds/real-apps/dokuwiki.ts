import { createHash, randomBytes } from 'node:crypto';
import {
	copyFileSync,
	lstatSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
	ensureRealAppsInstalled,
	freePort,
	invoiceFiles,
	startPhpServer,
	withStateDir,
	type RealApp,
} from './shared';

/**
 * DokuWiki from Debian's package `dokuwiki` (0.0.20220731.a-2, i.e. release "2022-07-31b Igor";
 * the version is read from /usr/share/dokuwiki/VERSION).
 *
 * - Login URL: `/doku.php?id=start&do=login`. The form (id `dw__login`) posts fields `u`
 *   (user name) and `p` (password), plus the checkbox `r` (remember me), to doku.php.
 * - Anonymous visitors: the ACL gives @ALL nothing and @user read, so any page shows
 *   "Permission Denied" with that same login form under it.
 * - Files: five PDFs in the media namespace `invoices` (data/media/invoices/). The start page
 *   links to the page "invoices", a table (date, file, amount) that links each one to
 *   `/lib/exe/fetch.php?media=invoices:<name>`; the media manager
 *   (`/doku.php?do=media&ns=invoices`) lists them too.
 * - Two-factor: Debian packages no DokuWiki 2FA plugin (`apt-cache search dokuwiki` finds
 *   none), so this app has no totpSecret.
 *
 * The packaged code is read from /usr/share/dokuwiki; configuration, users, ACL and data live
 * in a fresh temporary folder: a file prepended to every PHP script defines DOKU_CONF and
 * DOKU_MAIN_CONF before Debian's inc/preload.php would set them to /etc/dokuwiki.
 */
const ROOT = '/usr/share/dokuwiki';
const DATA_DIRS = ['pages', 'attic', 'meta', 'media', 'media_attic', 'media_meta', 'cache'];
const MORE_DATA_DIRS = ['index', 'locks', 'tmp', 'log'];

/**
 * DokuWiki's own "{SSHA}" password hash (inc/PassHash.php, hash_ssha), computed here. Its salt
 * is 4 characters: verify_hash cuts a longer one to 4 and would then never match.
 */
function sshaHash(password: string): string {
	const salt = randomBytes(2).toString('hex');
	const digest = createHash('sha1')
		.update(password + salt)
		.digest();
	return `{SSHA}${Buffer.concat([digest, Buffer.from(salt)]).toString('base64')}`;
}

const php = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;

export async function startDokuWiki(): Promise<RealApp> {
	ensureRealAppsInstalled();
	return withStateDir('dokuwiki', async (dir) => {
		const conf = join(dir, 'conf');
		const data = join(dir, 'data');
		mkdirSync(conf);
		// The package's default settings (dokuwiki.php, mime.conf, ...), copied; its acl and users
		// files are symlinks into /var/lib/dokuwiki and are left out.
		for (const name of readdirSync('/etc/dokuwiki'))
			if (lstatSync(join('/etc/dokuwiki', name)).isFile() && /\.(php|conf|css|json)$/.test(name))
				copyFileSync(join('/etc/dokuwiki', name), join(conf, name));
		for (const sub of [...DATA_DIRS, ...MORE_DATA_DIRS])
			mkdirSync(join(data, sub), { recursive: true });

		const username = 'clerk';
		const password = randomBytes(12).toString('base64url');
		writeFileSync(
			join(conf, 'local.php'),
			[
				'<?php',
				`$conf['title'] = 'Invoices wiki';`,
				`$conf['savedir'] = ${php(data)};`,
				`$conf['useacl'] = 1;`,
				`$conf['authtype'] = 'authplain';`,
				`$conf['superuser'] = '@admin';`,
				// Accounts are made here, not by visitors.
				`$conf['disableactions'] = 'register,resendpwd';`,
				'',
			].join('\n'),
		);
		// No rights at all for anonymous visitors; read for every logged-in user (group "user").
		writeFileSync(join(conf, 'acl.auth.php'), '*\t@ALL\t0\n*\t@user\t1\n');
		writeFileSync(
			join(conf, 'users.auth.php'),
			`${username}:${sshaHash(password)}:Clara Clerk:clerk@example.test:user\n`,
		);

		const files = invoiceFiles('DokuWiki');
		mkdirSync(join(data, 'media', 'invoices'));
		for (const file of files) writeFileSync(join(data, 'media', 'invoices', file.name), file.bytes);
		writeFileSync(
			join(data, 'pages', 'start.txt'),
			'====== Welcome ======\n\nOur supplier documents: [[invoices|Invoices]]\n',
		);
		writeFileSync(
			join(data, 'pages', 'invoices.txt'),
			// A table as a team keeps one in its wiki: date, the file, the amount (DokuWiki's own
			// markup; the app renders the table and the file links).
			'====== Invoices ======\n\n^ Date ^ Invoice ^ Amount ^\n' +
				files
					.map(
						(f, i) =>
							`| ${14 + i}.${String(11 - i).padStart(2, '0')}.2026 | {{invoices:${f.name}|${f.name}}} | ${((i + 1) * 37.5).toFixed(2)} EUR |\n`,
					)
					.join(''),
		);

		const prepend = join(dir, 'prepend.php');
		writeFileSync(
			prepend,
			`<?php\nif (!defined('DOKU_CONF')) define('DOKU_CONF', ${php(conf + '/')});\n` +
				`if (!defined('DOKU_MAIN_CONF')) define('DOKU_MAIN_CONF', ${php(conf + '/')});\n`,
		);
		const server = await startPhpServer({ dir, docroot: ROOT, port: await freePort(), prepend });
		return {
			name: 'DokuWiki',
			version: readFileSync(join(ROOT, 'VERSION'), 'utf8').trim(),
			loginUrl: `${server.baseUrl}/doku.php?id=start&do=login`,
			username,
			password,
			files,
			baseUrl: server.baseUrl,
			stop: server.stop,
		};
	});
}
