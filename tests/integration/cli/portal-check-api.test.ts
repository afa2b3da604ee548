import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { account, demoDefinitionFile, startDemo } from '../../helpers/demo';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

/**
 * `npm run portal:check` on a definition whose documents come from the app's API (documents.api,
 * issue 33), run as a user runs it (the built script) against the demo's /spa/ layout: it passes
 * and prints the API part as it prints an HTML list's: request, paging, items path, each field
 * with three values read, the download kind and where the header comes from (never its value).
 */
const script = join(__dirname, '..', '..', '..', 'dist', 'scripts', 'commands', 'portal-check.js');

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

test('the demo-spa definition passes, and the checker prints its API part with samples', async () => {
	const login = account('anna@example.test');
	const { code, out } = await runCli(
		// The layout on its two hosts: the sign-in on login.spa.localhost, the API on app.
		[
			script,
			demoDefinitionFile('demo-spa'),
			'--login-url',
			`http://login.spa.localhost:${new URL(demo.url).port}/spa/login`,
		],
		{
			env: {
				INVOICE_PORTALS_CHECK_USERNAME: login.login,
				INVOICE_PORTALS_CHECK_PASSWORD: login.password,
			},
		},
	);
	const newest = demo.state.documents
		.filter((d) => d.login === login.login)
		.sort(
			(a, b) => b.issueDate.localeCompare(a.issueDate) || a.accountId.localeCompare(b.accountId),
		)
		.slice(0, 3);
	expect(out).toContain('✓ login: logged in (user name and password)');
	expect(out).toContain('  api request: GET http://app.spa.localhost/spa/api/invoices\n');
	expect(out).toContain('  api paging: page number in "page" from 1, at most 50 pages\n');
	expect(out).toContain('  api items: data\n');
	expect(out).toContain(
		`  api field number: number → ${newest.map((d) => JSON.stringify(d.number)).join(', ')}\n`,
	);
	expect(out).toContain(
		`  api field issueDate: date (date yyyy-MM-dd) → ${newest.map((d) => JSON.stringify(d.issueDate)).join(', ')}\n`,
	);
	expect(out).toMatch(/ {2}api field amount: total\.amount \(amount\) → \d+(\.\d+)?, /);
	expect(out).toContain(
		'  api download: base64Field document.content where the item has it, else call GET http://app.spa.localhost/spa/api/invoices/{id}/download, address from signedUrl (or its redirect)\n',
	);
	expect(out).toContain('  api header Authorization: Bearer {value} from sessionStorage "token"\n');
	expect(out).toContain('  api header X-Client: the constant "web-2.1"\n');
	expect(out).toMatch(
		/✓ download: \d{4}-\d{2}-\d{2}_demo-spa_.+\.pdf \(\d+ bytes, application\/pdf/,
	);
	expect(out).toMatch(
		/✓ engine: browser to sign in only \(.*\); the list and the files come from the app's API over plain HTTP/,
	);
	expect(code).toBe(0);
});

test('with an accounts call the checker names it and the accounts whose lists it called', async () => {
	const definition = JSON.parse(readFileSync(demoDefinitionFile('demo-spa'), 'utf8'));
	definition.documents.api.accounts = {
		request: { url: 'http://app.spa.localhost/spa/api/accounts' },
		items: 'data',
		id: 'id',
		name: 'name',
	};
	definition.documents.api.request.query = { account: '{account}' };
	const file = join(tempDir('spa-accounts-'), 'demo-spa-accounts.json');
	writeFileSync(file, JSON.stringify(definition));
	const login = account('anna@example.test');
	const { code, out } = await runCli(
		[script, file, '--login-url', `http://login.spa.localhost:${new URL(demo.url).port}/spa/login`],
		{
			env: {
				INVOICE_PORTALS_CHECK_USERNAME: login.login,
				INVOICE_PORTALS_CHECK_PASSWORD: login.password,
			},
		},
	);
	expect(out).toMatch(
		/ {2}api accounts: GET http:\/\/app\.spa\.localhost\/spa\/api\/accounts → data, id id; one list each with \{account\} → "CUST-100[12]"/,
	);
	expect(code).toBe(0);
});
