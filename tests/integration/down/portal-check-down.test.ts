import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { detailRequests } from '../../../testbeds/demo-portal/down-layout';
import { account, demoDefinitionFile, startDemo } from '../../helpers/demo';
import { runCli } from '../../helpers/cli';
import { definitionProblems } from '../../../portals/definitions/validate';
import { tempDir } from '../../helpers/temp-dir';

/**
 * `npm run portal:check -- --discover <login URL> --save x.json` on the demo portal's /down/
 * layout (issue 33, one level down), as a user runs it: it says the list's rows lead to detail
 * pages holding the file, downloads one document through its detail page, and saves a definition
 * with `download.detail` that `portal:check -- x.json` then passes unchanged.
 */
const script = join(__dirname, '..', '..', '..', 'dist', 'scripts', 'commands', 'portal-check.js');

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const env = () => {
	const a = account('anna@example.test');
	return {
		INVOICE_PORTALS_CHECK_USERNAME: a.login,
		INVOICE_PORTALS_CHECK_PASSWORD: a.password,
	};
};

test('discovered one level down, saved, then checked unchanged', async () => {
	const file = join(tempDir('discover-'), 'x.json');
	const out = tempDir('discover-out-');
	const found = await runCli(
		[script, '--discover', `${demo.url}/down/login`, '--save', file, '--out', out],
		{ env: env() },
	);
	expect(found.out).toMatch(
		/✓ documents page: \/down\/invoices: its rows link to a detail page holding the file/,
	);
	expect(found.out).toMatch(
		/followed one row's link: \/down\/invoices\/\S+; the file link there: a\.download/,
	);
	expect(found.out).toMatch(/number: td\.number: "[^"]+", "[^"]+", "[^"]+"/);
	expect(found.out).toMatch(
		/✓ download: one level down: each row's detail page \(a\.view\), the file link there \(a\.download\)/,
	);
	expect(found.out).toMatch(/✓ download: .*application\/pdf/);
	expect(found.out).toMatch(/✓ saved: /);
	expect(found.code).toBe(0);
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	expect(definitionProblems(saved)).toEqual([]);
	expect(saved.documents.download).toEqual({
		detail: {
			open: { selector: 'a.view', attribute: 'href' },
			link: { selector: 'a.download', attribute: 'href' },
		},
	});

	const details = detailRequests(demo.state);
	details.length = 0;
	const checked = await runCli([script, file, '--out', out], { env: env() });
	expect(checked.out).toMatch(/✓ list: \d+ document\(s\) found/);
	expect(checked.out).toMatch(/✓ download: .*application\/pdf/);
	expect(checked.code).toBe(0);
	// The check downloads one document: one detail page.
	expect(details).toHaveLength(1);
	expect(found.out + checked.out + JSON.stringify(saved)).not.toContain(
		account('anna@example.test').password,
	);
});

test('the demo-down definition passes the checker, which downloads the newest through its detail page', async () => {
	const out = tempDir('check-out-');
	const details = detailRequests(demo.state);
	details.length = 0;
	const checked = await runCli(
		[
			script,
			demoDefinitionFile('demo-down'),
			'--login-url',
			`${demo.url}/down/login`,
			'--out',
			out,
		],
		{ env: env() },
	);
	expect(checked.out).toContain('✓ definition: Demo Down (definition example) (demo-down v1)');
	const annas = demo.state.documents.filter((d) => d.login === 'anna@example.test');
	expect(checked.out).toContain(`✓ list: ${annas.length} document(s) found`);
	expect(checked.out).toMatch(
		/✓ download: 2026-10-01_demo-down_REM-2026-1001-0014\.pdf \(\d+ bytes, application\/pdf/,
	);
	expect(checked.code).toBe(0);
	expect(details).toHaveLength(1);
});
