import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoPortal } from '../testbeds/demo-portal';
import { account, latestCode, startDemo } from '../helpers/demo';
import { startIdp } from '../helpers/idp';
import { auditText } from '../helpers/secret-scan';

/**
 * `npm run portal:check` (issue 5), run as a user runs it (the built script, a child process),
 * against the demo portal's second layout with the catalogue definition.
 */
const script = join(__dirname, '..', '..', 'dist', 'scripts', 'portal-check.js');
const definition = join(
	__dirname,
	'..',
	'..',
	'portals',
	'definitions',
	'demo',
	'demo-energie.json',
);

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

/** Runs the checker; `onPrompt` answers a "Code: " prompt on stdin. */
function check(
	file: string,
	login: string | { username: string; password: string },
	extraArgs: string[] = [],
	onPrompt?: () => string,
): Promise<{ code: number; out: string }> {
	const { username, password } =
		typeof login === 'string' ? { username: login, password: account(login).password } : login;
	return new Promise((done) => {
		const child = spawn(process.execPath, [script, file, '--login-url', demo.url, ...extraArgs], {
			env: {
				...process.env,
				INVOICE_PORTALS_CHECK_USERNAME: username,
				INVOICE_PORTALS_CHECK_PASSWORD: password,
			},
		});
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (onPrompt && out.endsWith('Code: ')) child.stdin.write(`${onPrompt()}\n`);
		});
		child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('exit', (code) => {
			auditText('portal:check output', out);
			done({ code: code ?? -1, out });
		});
	});
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
	expect(code).toBe(0);
});

test('an SMS code is asked for in the terminal and the check goes on', async () => {
	const { code, out } = await check(definition, 'sara@example.test', [], () =>
		latestCode(demo, 'sara@example.test'),
	);
	expect(out).toMatch(/… login: the portal asks for a code \(sms\)/);
	expect(out).toContain('✓ login: logged in');
	expect(out).toContain('✓ download:');
	expect(code).toBe(0);
});

test('a wrong selector: the failing step and the selector are named; a screenshot and the redacted page are saved', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'portal-check-'));
	const broken = JSON.parse(readFileSync(definition, 'utf8'));
	broken.documents.fields.number.selector = 'td.factuurnummer';
	writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
	const { code, out } = await check(join(dir, 'broken.json'), 'anna@example.test', [
		'--out',
		join(dir, 'debug'),
	]);
	expect(out).toContain('✓ login');
	expect(out).toContain('✗ list: action_required / LAYOUT_CHANGED');
	expect(out).toContain('missing element: documents.fields.number (td.factuurnummer)');
	expect(code).toBe(1);
	expect(
		readFileSync(join(dir, 'debug', 'list.png'))
			.subarray(1, 4)
			.toString(),
	).toBe('PNG');
	const html = readFileSync(join(dir, 'debug', 'list.html'), 'utf8');
	expect(html).toContain('<table class="facturen">');
	expect(html).not.toContain(demo.state.secrets().find((s) => html.includes(s)) ?? '\u0000never');
});

test('an invalid definition: the problems are listed by field and nothing runs', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'portal-check-'));
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
		const dir = mkdtempSync(join(tmpdir(), 'portal-check-'));
		const provider = JSON.parse(
			readFileSync(
				join(__dirname, '..', '..', 'portals', 'definitions', 'demo', 'demo-sso.json'),
				'utf8',
			),
		);
		writeFileSync(
			join(dir, 'my-sso.json'),
			JSON.stringify({ ...provider, slug: 'my-sso', name: 'My SSO' }),
		);
		const portal = JSON.parse(
			readFileSync(
				join(__dirname, '..', '..', 'portals', 'definitions', 'demo', 'demo-telecom-sso.json'),
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
