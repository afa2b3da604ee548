import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { account, latestCode, startDemo, demoDefinitionFile } from '../../helpers/demo';
import { runCli, type CliOptions } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

/**
 * `npm run try` runs a definition through the Invoice Portal node in n8n-core, without an n8n
 * server: run as a user runs it (the built script, a child process) against the demo portal.
 */
const script = join(
	__dirname,
	'..',
	'..',
	'..',
	'dist',
	'scripts',
	'commands',
	'try-definition.js',
);
const definition = demoDefinitionFile('demo-energie');

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

function tryIt(login: string, extraArgs: string[] = [], options: CliOptions = {}) {
	return runCli([script, definition, '--login-url', demo.url, ...extraArgs], {
		...options,
		env: {
			INVOICE_PORTALS_CHECK_USERNAME: login,
			INVOICE_PORTALS_CHECK_PASSWORD: account(login).password,
			...options.env,
		},
	});
}

test('download: the node outputs one item per document with its file; --out saves the files; it says that nothing is remembered', async () => {
	const dir = tempDir('try-');
	const { code, out } = await tryIt('anna@example.test', ['--only-new', '--out', dir]);
	expect(out).toContain('✓ output Documents: 28 item(s)');
	const first = out.split('\n').find((line) => line.startsWith('{'))!;
	expect(JSON.parse(first)).toMatchObject({
		portal: 'demo-energie',
		accountId: 'CUST-1001',
		number: 'REM-2026-1001-0014',
		fileName: '2026-10-01_demo-energie_REM-2026-1001-0014.pdf',
	});
	expect(out).toMatch(
		/ {2}binary data: 2026-10-01_demo-energie_REM-2026-1001-0014\.pdf \(\d+ bytes, application\/pdf\) → /,
	);
	expect(readdirSync(dir)).toHaveLength(28);
	expect(
		readFileSync(join(dir, '2026-10-01_demo-energie_REM-2026-1001-0014.pdf'))
			.subarray(0, 5)
			.toString(),
	).toBe('%PDF-');
	expect(out).toContain('hint: Demo Energie (definition example): 28 found on the portal');
	expect(out).toContain(
		'note: Runs started by hand keep no "only new" state: static data is not saved between these runs',
	);
	expect(code).toBe(0);
});

test('list and check: the items of those operations', async () => {
	const list = await tryIt('anna@example.test', ['--operation', 'list']);
	expect(list.out).toContain('✓ output Documents: 28 item(s)');
	expect(list.out).not.toContain('binary');
	expect(list.code).toBe(0);
	const check = await tryIt('anna@example.test', ['--operation', 'check']);
	expect(check.out).toContain('✓ output Documents: 1 item(s)');
	expect(check.out).toContain('"status":"connected"');
	expect(check.code).toBe(0);
});

test("an SMS code: the node's Action Required item, the code from the terminal, and Submit Code finishes the download", async () => {
	let typed = '';
	const { code, out } = await tryIt('sara@example.test', [], {
		onPrompt: () => (typed = latestCode(demo, 'sara@example.test')),
	});
	expect(out).toMatch(/… Action Required: sms: .*\n.*Code: /);
	expect(out).toContain('✓ output Documents: 14 item(s)');
	// Not shown as it is typed: the output may be pasted somewhere.
	expect(typed).toMatch(/^\d{6}$/);
	expect(out).not.toContain(typed);
	expect(code).toBe(0);
});

test('without a terminal, the code prompt stops the run with what to do', async () => {
	const { code, out } = await tryIt('sara@example.test', [], { stdin: 'ignore' });
	expect(out).toContain(
		'✗ The portal asks for an SMS code, but standard input is not a terminal: run the checker in a terminal, or set INVOICE_PORTALS_CHECK_TOTP_SECRET for authenticator codes.',
	);
	expect(code).toBe(1);
});
