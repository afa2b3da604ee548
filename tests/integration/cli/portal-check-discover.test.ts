import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { account, seededDocuments, startDemo } from '../../helpers/demo';
import { runCli } from '../../helpers/cli';
import { definitionProblems } from '../../../portals/definitions/validate';
import { tempDir } from '../../helpers/temp-dir';

/**
 * `npm run portal:check -- --discover <login URL> --save <file>` (issue 16, section 4) as a user
 * runs it, on the demo portal's three layouts: it prints what it found step by step, downloads
 * one document, and saves a definition that the checker then passes unchanged.
 */
const script = join(__dirname, '..', '..', '..', 'dist', 'scripts', 'commands', 'portal-check.js');

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo({ pageSize: 5 });
});

const env = (login: string) => {
	const a = account(login);
	return {
		INVOICE_PORTALS_CHECK_USERNAME: a.login,
		INVOICE_PORTALS_CHECK_PASSWORD: a.password,
		INVOICE_PORTALS_CHECK_TOTP_SECRET: a.totpSecret ?? '',
	};
};

test.each([
	['classic', '/login', /rows: table#documents tbody tr/],
	['/eu/', '/eu/login', /rows: table\.facturen tbody tr/],
	['/app/', '/app/', /rows: div#feed div\.doc-card/],
])('the %s layout: discovered, saved, then checked unchanged', async (_layout, path, rows) => {
	const file = join(tempDir('discover-'), 'x.json');
	const out = tempDir('discover-out-');
	const found = await runCli(
		[script, '--discover', `${demo.url}${path}`, '--save', file, '--out', out],
		{
			env: env('tom@example.test'),
		},
	);
	expect(found.out).toMatch(/✓ login form: /);
	expect(found.out).toMatch(
		/✓ code page: authenticator_app .*answered from INVOICE_PORTALS_CHECK_TOTP_SECRET/,
	);
	expect(found.out).toMatch(/✓ documents page: .* scored \d+/);
	expect(found.out).toMatch(rows);
	expect(found.out).toMatch(/issueDate: .*: "[^"]+", "[^"]+", "[^"]+"/);
	expect(found.out).toMatch(/✓ download: .*application\/pdf/);
	expect(found.out).toMatch(/✓ saved: /);
	expect(found.code).toBe(0);
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	expect(definitionProblems(saved)).toEqual([]);

	const checked = await runCli([script, file, '--out', out], { env: env('tom@example.test') });
	expect(checked.out).toMatch(/✓ list: \d+ document\(s\) found/);
	expect(checked.out).toMatch(/✓ download: /);
	expect(checked.code).toBe(0);
	// Secrets stay out of what the checker prints and saves.
	expect(found.out + checked.out + JSON.stringify(saved)).not.toContain(
		account('tom@example.test').password,
	);
});

test('contracts as links on a selection page (/contracts/): the links are printed, the saved definition is checked unchanged with every contract', async () => {
	const file = join(tempDir('discover-'), 'x.json');
	const out = tempDir('discover-out-');
	const found = await runCli(
		[script, '--discover', `${demo.url}/contracts/login`, '--save', file, '--out', out],
		{ env: env('anna@example.test') },
	);
	expect(found.out).toMatch(
		/✓ sub-accounts: links \S+ on \/contracts\/ \(2: "CUST-1001 – [^"]+", "CUST-1002 – [^"]+"\), each account's id from its address's path part 2/,
	);
	expect(found.code).toBe(0);
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	expect(definitionProblems(saved)).toEqual([]);
	expect(saved.documents.accounts).toMatchObject({ page: '/contracts/', id: { pathPart: 2 } });

	const checked = await runCli([script, file, '--out', out], { env: env('anna@example.test') });
	// Both contracts' documents, every page of each.
	const all = seededDocuments(demo, 'anna@example.test').length;
	expect(checked.out).toContain(`✓ list: ${all} document(s) found`);
	expect(found.out).toContain(`✓ list: ${all} document(s) found`);
	expect(checked.code).toBe(0);
});

test('an app on a JSON API (/spa/): the API it chose is printed with samples; the saved definition is checked unchanged', async () => {
	const file = join(tempDir('discover-'), 'x.json');
	const out = tempDir('discover-out-');
	const found = await runCli(
		[script, '--discover', `${demo.url}/spa/login`, '--save', file, '--out', out],
		{
			env: env('tom@example.test'),
		},
	);
	expect(found.out).toMatch(
		/✓ api: GET \/spa\/api\/invoices\?account=CUST-2001&page=1 → data: 14 item\(s\), 100% of them on screen/,
	);
	expect(found.out).toMatch(
		/issueDate: date \(date "yyyy-MM-dd"\): "2026-\d\d-\d\d", "[^"]+", "[^"]+"/,
	);
	expect(found.out).toMatch(/credentials: Authorization from sessionStorage "token"/);
	expect(found.out).toMatch(/✓ download: .*application\/pdf/);
	expect(found.code).toBe(0);
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	expect(definitionProblems(saved)).toEqual([]);
	expect(saved.documents.api.request.url).toBe('/spa/api/invoices');
	// Both contracts, both kinds of file, the file host and the app's constant header.
	expect(saved.documents.api.accounts.request.url).toBe('/spa/api/accounts');
	expect(Object.keys(saved.documents.api.download).sort()).toEqual(['base64Field', 'call']);
	expect(saved.downloadDomains).toEqual([`files.spa-cdn.localhost:${new URL(demo.url).port}`]);
	expect(saved.documents.api.auth.headers['X-Client']).toEqual({ value: 'web-2.1' });

	const checked = await runCli([script, file, '--out', out], { env: env('tom@example.test') });
	const all = demo.state.documents.filter((d) => d.login === 'tom@example.test').length;
	expect(checked.out).toContain(`✓ list: ${all} document(s) found`);
	expect(checked.out).toMatch(
		/api accounts: GET \/spa\/api\/accounts → data, id id; .*"CUST-2001".*"CUST-2002"/,
	);
	expect(checked.out).toMatch(/✓ download: /);
	expect(checked.code).toBe(0);
	expect(found.out + checked.out + JSON.stringify(saved)).not.toContain(
		account('tom@example.test').password,
	);
});

test('a login URL that is no sign-in page says what the Login URL must be', async () => {
	const out = tempDir('discover-out-');
	const result = await runCli([script, '--discover', `${demo.url}/outbox`, '--out', out], {
		env: env('anna@example.test'),
	});
	expect(result.code).toBe(1);
	expect(result.out).toMatch(/it must be the page where you type your user name and password/);
});
