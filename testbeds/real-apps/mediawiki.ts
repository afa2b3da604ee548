import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	ensureRealAppsInstalled,
	freePort,
	invoiceFiles,
	php,
	startPhpServer,
	withStateDir,
	type RealApp,
} from './shared';

/**
 * MediaWiki from Debian's package `mediawiki` (1:1.39.x; the version is read from MW_VERSION in
 * /usr/share/mediawiki/includes/Defines.php).
 *
 * - Login URL: `/index.php?title=Special:UserLogin`. The form posts `wpName` (user name) and
 *   `wpPassword`, submit button `wploginattempt` (plus hidden `wpLoginToken`). With `totp: true`
 *   a second form follows asking for `OATHToken` (the authenticator code, OATHAuth).
 * - Anonymous visitors: `$wgGroupPermissions['*']['read'] = false`, so every page but the login
 *   page answers "Login required" with a link to Special:UserLogin.
 * - Files: five PDFs uploaded by the user (maintenance/importImages.php --user). The Main Page
 *   links to Special:ListFiles, which lists them; each row's file link points to
 *   `/img_auth.php/<x>/<xy>/<name>` (private wikis serve uploads only through img_auth.php,
 *   which checks the session). `$wgCapitalLinks = false` keeps the names' first letter as is.
 * - Two-factor: OATHAuth (0.5.0) is part of Debian's package (extensions-core); with
 *   `totp: true` it is loaded and the user enrolled with a fresh TOTP secret (SHA-1, 6 digits,
 *   30 s). User names always start upper-case in MediaWiki, hence "Clerk".
 *
 * Everything the wiki writes lives in a fresh temporary folder: install.php writes its
 * LocalSettings.php there (--confpath) with the SQLite database beside it (--dbpath), and
 * MW_CONFIG_FILE points the web server and the maintenance scripts at that file.
 */
const ROOT = '/usr/share/mediawiki';

export interface MediaWikiOptions {
	/** Enrol the user in two-factor authentication (OATHAuth TOTP). */
	totp?: boolean;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32Secret(): string {
	return [...randomBytes(32)].map((b) => BASE32[b & 31]).join('');
}

const q = (value: string) => `'${value.replace(/[\\']/g, '\\$&')}'`;

export async function startMediaWiki(options: MediaWikiOptions = {}): Promise<RealApp> {
	ensureRealAppsInstalled();
	return withStateDir('mediawiki', async (dir) => {
		const config = join(dir, 'LocalSettings.php');
		const env = { MW_CONFIG_FILE: config };
		const maintenance = (script: string, args: string[], input?: string) =>
			input === undefined
				? php([join(ROOT, 'maintenance', script), ...args], env)
				: execFileSync('/usr/bin/php', [join(ROOT, 'maintenance', script), ...args], {
						encoding: 'utf8',
						env: { ...process.env, ...env },
						input,
						timeout: 60_000,
					});
		const port = await freePort();
		const baseUrl = `http://127.0.0.1:${port}`;
		const adminPassword = randomBytes(18).toString('base64url');
		maintenance('install.php', [
			'--dbtype=sqlite',
			`--dbpath=${join(dir, 'db')}`,
			`--confpath=${dir}`,
			`--server=${baseUrl}`,
			'--scriptpath=',
			'--lang=en',
			`--pass=${adminPassword}`,
			'Invoices wiki',
			'WikiAdmin',
		]);
		// A plain user (group "user" only): can read once logged in, nothing more.
		const username = 'Clerk';
		// Never starting with "-": the maintenance script would read such a password as options
		// (base64url starts with one in 1 of 64 runs).
		const password = `p${randomBytes(12).toString('base64url')}`;
		maintenance('createAndPromote.php', [username, password]);

		appendFileSync(
			config,
			[
				'',
				'# invoice-portals real-apps test bed',
				`$wgUploadDirectory = ${q(join(dir, 'images'))};`,
				'$wgUploadPath = "$wgScriptPath/img_auth.php";',
				`$wgCacheDirectory = ${q(join(dir, 'cache'))};`,
				`$wgTmpDirectory = ${q(join(dir, 'tmp'))};`,
				'$wgEnableUploads = true;',
				"$wgFileExtensions[] = 'pdf';",
				'$wgCapitalLinks = false;',
				// Anonymous visitors must log in to see anything; the login page stays reachable.
				"$wgGroupPermissions['*']['read'] = false;",
				"$wgGroupPermissions['*']['edit'] = false;",
				"$wgGroupPermissions['*']['createaccount'] = false;",
				"$wgWhitelistRead = ['Special:UserLogin'];",
				...(options.totp ? ["wfLoadExtension('OATHAuth');"] : []),
				'',
			].join('\n'),
		);
		for (const sub of ['images', 'cache', 'tmp', 'upload']) mkdirSync(join(dir, sub));

		const files = invoiceFiles('MediaWiki');
		for (const file of files) writeFileSync(join(dir, 'upload', file.name), file.bytes);
		maintenance('importImages.php', [
			`--user=${username}`,
			'--extensions=pdf',
			'--comment=Supplier invoice',
			join(dir, 'upload'),
		]);
		maintenance(
			'edit.php',
			[`--user=${username}`, '--summary=Links to the invoices', 'Main_Page'],
			'Welcome. Our supplier documents: [[Special:ListFiles|Invoices]]\n',
		);

		let totpSecret: string | undefined;
		if (options.totp) {
			totpSecret = base32Secret();
			enrolTotp(dir, username, totpSecret);
		}

		const server = await startPhpServer({ dir, docroot: ROOT, port, env });
		const defines = readFileSync(join(ROOT, 'includes', 'Defines.php'), 'utf8');
		return {
			name: 'MediaWiki',
			version: /define\( 'MW_VERSION', '([^']+)'/.exec(defines)?.[1] ?? 'unknown',
			loginUrl: `${baseUrl}/index.php?title=Special:UserLogin`,
			username,
			password,
			totpSecret,
			files,
			baseUrl,
			stop: server.stop,
		};
	});
}

/**
 * What OATHAuth's Special:OATHManage stores when a user enables an authenticator app: its table
 * (sql/sqlite/tables-generated.sql, which update.php would create) and one row, keyed by the
 * user's central id (the local user id here), with the module "totp" and the key as JSON.
 */
function enrolTotp(dir: string, username: string, secret: string): void {
	const tables = readFileSync(
		join(ROOT, 'extensions-core/OATHAuth/sql/sqlite/tables-generated.sql'),
		'utf8',
	).replace(/\/\*_\*\//g, '');
	const data = JSON.stringify({ keys: [{ secret, scratch_tokens: [] }] });
	const script = join(dir, 'enrol.php');
	writeFileSync(
		script,
		`<?php
$db = new PDO('sqlite:' . ${q(join(dir, 'db', 'my_wiki.sqlite'))});
$db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$db->exec(${q(tables)});
$id = $db->query("SELECT user_id FROM user WHERE user_name = " . $db->quote(${q(username)}))->fetchColumn();
if (!$id) { fwrite(STDERR, "no user\\n"); exit(1); }
$db->prepare("INSERT INTO oathauth_users (id, module, data) VALUES (?, 'totp', ?)")->execute([$id, ${q(data)}]);
`,
	);
	php([script]);
}
