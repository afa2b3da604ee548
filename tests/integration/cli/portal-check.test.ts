import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { account, latestCode, startDemo, demoDefinitionFile } from '../../helpers/demo';
import { startIdp } from '../../helpers/idp';
import { runCli, type CliOptions } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

/**
 * `npm run portal:check` (issue 5), run as a user runs it (the built script, a child process),
 * against the demo portal's second layout with the catalogue definition.
 */
const script = join(__dirname, '..', '..', '..', 'dist', 'scripts', 'commands', 'portal-check.js');
const definition = demoDefinitionFile('demo-energie');

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

interface CheckOptions extends CliOptions {
	/** Run at the definition's own loginUrl (by default the tests point it at the demo with --login-url). */
	ownLoginUrl?: boolean;
}

/** Runs the checker with this login in INVOICE_PORTALS_CHECK_USERNAME and _PASSWORD. */
function check(
	file: string,
	login: string | { username: string; password: string },
	extraArgs: string[] = [],
	options: CheckOptions = {},
): Promise<{ code: number; out: string; ms: number }> {
	const { username, password } =
		typeof login === 'string' ? { username: login, password: account(login).password } : login;
	return runCli(
		[script, file, ...(options.ownLoginUrl ? [] : ['--login-url', demo.url]), ...extraArgs],
		{
			...options,
			env: {
				INVOICE_PORTALS_CHECK_USERNAME: username,
				INVOICE_PORTALS_CHECK_PASSWORD: password,
				...options.env,
			},
		},
	);
}

/** A copy of the demo definition, changed by `edit`, in a fresh folder. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function edited(edit: (d: Record<string, any>) => void, base = definition): string {
	const dir = tempDir('portal-check-');
	const copy = JSON.parse(readFileSync(base, 'utf8'));
	edit(copy);
	writeFileSync(join(dir, 'definition.json'), JSON.stringify(copy));
	return join(dir, 'definition.json');
}

test('a good definition: each step says what it found, and one PDF is downloaded', async () => {
	const { code, out } = await check(definition, 'anna@example.test');
	expect(out).toContain('✓ definition: Demo Energie (definition example) (demo-energie v1)');
	expect(out).toContain('✓ login: logged in (user name and password)');
	expect(out).toMatch(
		/✓ list: 28 document\(s\) found\n {2}2026-10-01 {2}reminder {4}REM-2026-1001-0014 {2}\d+(\.\d+)? EUR {2}\[CUST-1001\]/,
	);
	expect(out).toMatch(
		/✓ download: 2026-10-01_demo-energie_REM-2026-1001-0014\.pdf \(\d+ bytes, application\/pdf/,
	);
	// The engine it used, and whether plain HTTP is enough for this portal.
	expect(out).toContain('✓ login: logged in (user name and password)\n  engine: http\n');
	expect(out).toContain(
		'✓ engine: http (plain HTTP works for this portal: its runs start no browser)',
	);
	expect(code).toBe(0);
});

test('a portal whose sign-in needs scripts: the checker says HTTP does not work for it, and why', async () => {
	const app = edited((d) => delete d.documents.pagination, demoDefinitionFile('demo-cloud'));
	const { code, out } = await check(app, 'anna@example.test', ['--login-url', `${demo.url}/app/`], {
		ownLoginUrl: true,
	});
	expect(code).toBe(0);
	expect(out).toMatch(
		/✓ engine: browser \(plain HTTP does not work for this portal: login\.steps\[0\]\.fields\[0\] \(#user\) is not in the server's HTML and the page has scripts; runs move to the browser there/,
	);
});

test('an SMS code is asked for in the terminal, the code page that matched is confirmed, and the check goes on', async () => {
	let typed = '';
	const { code, out } = await check(definition, 'sara@example.test', [], {
		onPrompt: () => (typed = latestCode(demo, 'sara@example.test')),
	});
	// The code is not shown as it is typed: the output may go into a pull request.
	expect(typed).toMatch(/^\d{6}$/);
	expect(out).not.toContain(typed);
	expect(out).toMatch(/… login: the portal asks for a code \(sms\)/);
	expect(out).toContain(
		"✓ code page: sms (matched login.codePrompts[1], detect p.uitleg 'sms') answered from the terminal\n✓ login: logged in (user name and password)",
	);
	expect(out).toContain('✓ download:');
	expect(code).toBe(0);
});

test('a wrong selector: the failing step and the selector are named; the redacted page is saved (over HTTP, which draws no picture)', async () => {
	const dir = tempDir('portal-check-');
	const broken = JSON.parse(readFileSync(definition, 'utf8'));
	broken.documents.fields.number.selector = 'td.factuurnummer';
	writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
	const { code, out } = await check(join(dir, 'broken.json'), 'anna@example.test', [
		'--out',
		join(dir, 'debug'),
	]);
	expect(out).toContain('✓ login');
	// A definition being written: the author's field to change, not "update this package".
	expect(out).toContain(
		'✗ list: documents.fields.number in the definition does not match the page\n  Demo Energie (definition example): row 1 has no document number.\n  what to change: the selector td.factuurnummer finds nothing here: change documents.fields.number in the definition',
	);
	expect(out).not.toContain('Update this package');
	expect(code).toBe(1);
	expect(out).toContain(
		`  saved: ${join(dir, 'debug')}/list.html (form values, tokens and scripts removed)`,
	);
	expect(existsSync(join(dir, 'debug', 'list.png'))).toBe(false);
	const html = readFileSync(join(dir, 'debug', 'list.html'), 'utf8');
	expect(html).toContain('<table class="facturen">');
	expect(html).not.toContain(demo.state.secrets().find((s) => html.includes(s)) ?? '\u0000never');
});

test('the same wrong selector in the browser: a screenshot as well', async () => {
	const dir = tempDir('portal-check-');
	const broken = JSON.parse(readFileSync(definition, 'utf8'));
	broken.documents.fields.number.selector = 'td.factuurnummer';
	broken.engine = 'browser';
	writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
	const { code, out } = await check(join(dir, 'broken.json'), 'anna@example.test', [
		'--out',
		join(dir, 'debug'),
	]);
	expect(code).toBe(1);
	expect(out).toContain('  engine: browser');
	expect(out).toContain(`  saved: ${join(dir, 'debug', 'list.png')} and list.html`);
	expect(
		readFileSync(join(dir, 'debug', 'list.png'))
			.subarray(1, 4)
			.toString(),
	).toBe('PNG');
});

test('an invalid definition: the problems are listed by field and nothing runs', async () => {
	const dir = tempDir('portal-check-');
	const broken = JSON.parse(readFileSync(definition, 'utf8'));
	delete broken.login.loggedIn;
	writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
	const attempts = demo.state.loginAttempts.get('anna@example.test') ?? 0;
	const { code, out } = await check(join(dir, 'broken.json'), 'anna@example.test');
	expect(out).toContain('broken.json: 1 problem(s)\n  login.loggedIn is missing');
	expect(code).toBe(1);
	expect(demo.state.loginAttempts.get('anna@example.test') ?? 0).toBe(attempts);
	expect(existsSync(join(dir, 'portal-check-demo-energie'))).toBe(false);
});

test("single sign-on: the provider's sign-in is checked too, with a provider definition that is not in the catalogue yet", async () => {
	const user = {
		email: 'eric@example.test',
		password: 'eric-at-the-idp-2026',
		name: 'Eric Dubois',
	};
	const idp = await startIdp(demo, [user]);
	try {
		const dir = tempDir('portal-check-');
		const provider = JSON.parse(
			readFileSync(
				join(__dirname, '..', '..', '..', 'portals', 'definitions', 'demo', 'demo-sso.json'),
				'utf8',
			),
		);
		writeFileSync(
			join(dir, 'my-sso.json'),
			JSON.stringify({ ...provider, slug: 'my-sso', name: 'My SSO' }),
		);
		const portal = JSON.parse(
			readFileSync(
				join(
					__dirname,
					'..',
					'..',
					'..',
					'portals',
					'definitions',
					'demo',
					'demo-telecom-sso.json',
				),
				'utf8',
			),
		);
		portal.login.sso = 'my-sso';
		writeFileSync(join(dir, 'portal.json'), JSON.stringify(portal));
		const { code, out } = await check(
			join(dir, 'portal.json'),
			{ username: user.email, password: user.password },
			['--identity-provider', join(dir, 'my-sso.json'), '--identity-provider-url', idp.url],
		);
		expect(out).toContain('✓ definition: My SSO (my-sso v1, identity provider)');
		expect(out).toContain('✓ login: logged in (single sign-on)');
		expect(out).toMatch(/✓ list: 14 document\(s\) found/);
		expect(out).toContain('✓ download:');
		expect(code).toBe(0);
	} finally {
		await idp.stop();
	}
});

test('a date format that does not fit the page: the author is told which field to change and what the page shows', async () => {
	const file = edited((d) => (d.documents.fields.issueDate.date = 'd MMM yyyy'));
	const { code, out } = await check(file, 'anna@example.test', [
		'--out',
		join(file, '..', 'debug'),
	]);
	expect(out).toContain('✓ login');
	expect(out).toMatch(
		/✗ list: documents\.fields\.issueDate in the definition does not match the page\n {2}Demo Energie \(definition example\): "01-10-2026" in row 1 is not a date in the format d MMM yyyy\. The page shows: "01-10-2026", "\d\d-\d\d-2026", "\d\d-\d\d-2026"\.\n {2}what to change: write in documents\.fields\.issueDate\.date the format the page shows/,
	);
	expect(out).not.toContain('LAYOUT_CHANGED');
	expect(code).toBe(1);
});

test('the authenticator step answered from INVOICE_PORTALS_CHECK_TOTP_SECRET is confirmed, then the e-mail code from the terminal', async () => {
	const lena = account('lena@example.test');
	const { code, out } = await check(definition, 'lena@example.test', [], {
		env: { INVOICE_PORTALS_CHECK_TOTP_SECRET: lena.totpSecret },
		onPrompt: () => latestCode(demo, 'lena@example.test'),
	});
	expect(out).toContain(
		"✓ code page: authenticator_app (matched login.codePrompts[0], detect p.uitleg 'authenticator') answered from INVOICE_PORTALS_CHECK_TOTP_SECRET\n… login: the portal asks for a code (email)",
	);
	expect(out).toContain(
		"✓ code page: email (matched login.codePrompts[2], detect p.uitleg 'e-mail') answered from the terminal\n✓ login: logged in",
	);
	expect(out).toContain('✓ download:');
	expect(code).toBe(0);
});

// A checker that waited would run into the test's timeout: how fast it stops is no business of
// these tests (speed goals live in npm run bench).
describe('without a terminal, a question stops the checker with what to do instead (it never waits)', () => {
	test('a code, with standard input a pipe nobody writes to', async () => {
		const { code, out } = await check(definition, 'sara@example.test', [], {
			stdin: 'pipe',
		});
		expect(out).toContain(
			'✗ The portal asks for an SMS code, but standard input is not a terminal: run the checker in a terminal, or set INVOICE_PORTALS_CHECK_TOTP_SECRET for authenticator codes.',
		);
		expect(out).not.toContain('Code:');
		expect(code).toBe(1);
	});

	test('the password, with no standard input at all', async () => {
		const { code, out } = await check(definition, 'anna@example.test', [], {
			stdin: 'ignore',
			env: { INVOICE_PORTALS_CHECK_PASSWORD: undefined },
		});
		expect(out).toContain(
			'✗ The checker needs the password, but standard input is not a terminal: run the checker in a terminal, or set INVOICE_PORTALS_CHECK_PASSWORD.',
		);
		expect(code).toBe(1);
	});
});

test('--help lists the options and the variables for runs without questions', async () => {
	const { code, out } = await check('--help', 'anna@example.test');
	expect(out).toMatch(/^usage: npm run portal:check -- <definition\.json> \[options\]/);
	for (const text of [
		'--login-url <url>',
		'--headed',
		'--out <dir>',
		'--identity-provider <provider.json>',
		'--identity-provider-url <url>',
		'-h, --help',
		'INVOICE_PORTALS_CHECK_USERNAME',
		'INVOICE_PORTALS_CHECK_PASSWORD',
		'INVOICE_PORTALS_CHECK_TOTP_SECRET',
	])
		expect(out).toContain(text);
	expect(code).toBe(0);
});

test('a portal without sub-accounts: no empty [] after the documents; a domain with a port is accepted and allowed', async () => {
	const { host } = new URL(demo.url);
	const file = edited((d) => {
		// Without the contract switcher the list is the one contract the page shows first.
		delete d.documents.accounts;
		// The demo listens on 127.0.0.1:<port>: the definition names exactly that, no --login-url.
		d.domains = [host];
		d.loginUrl = `${demo.url}/eu/login`;
	});
	const { code, out } = await check(file, 'anna@example.test', [], { ownLoginUrl: true });
	expect(out).toContain(`domains ${host}`);
	expect(out).toMatch(/✓ list: 14 document\(s\) found\n {2}2026-10-01 /);
	const lines = out.split('\n').filter((line) => /^ {2}\d{4}-\d\d-\d\d/.test(line));
	expect(lines).toHaveLength(5);
	for (const line of lines) expect(line).not.toMatch(/\[|\]/);
	expect(out).toContain('✓ download:');
	expect(code).toBe(0);
});

test('a passwordless definition: no password is asked for, the sign-in link is asked in the terminal, and the check goes on', async () => {
	const pia = 'pia@example.test';
	const { code, out } = await runCli(
		[script, demoDefinitionFile('demo-telecom-link'), '--login-url', demo.url],
		{
			env: { INVOICE_PORTALS_CHECK_USERNAME: pia, INVOICE_PORTALS_CHECK_PASSWORD: undefined },
			prompt: 'Sign-in link: ',
			onPrompt: () => [...demo.state.outbox].reverse().find((m) => m.login === pia)!.link!,
		},
	);
	expect(out).not.toContain('Password:');
	expect(out).toMatch(/… login: the portal asks for a code \(email_link\)/);
	expect(out).toContain('✓ code page: email_link (matched login.signInLink');
	expect(out).toContain('✓ download:');
	expect(code).toBe(0);
});
