import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { withContext } from '../../../portals/core/browser/launch';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import { definitionProblems } from '../../../portals/definitions/validate';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { discoverDocuments } from '../../../portals/discovery/documents/discover-documents';
import { DiscoveryReport } from '../../../portals/discovery/report';
import { guardPage } from '../../../portals/discovery/documents/guard';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { account, comparable, credentials, seededDocuments, startDemo } from '../../helpers/demo';

/**
 * Discovery of the documents list (issue 16, section 3) on the demo portal's three layouts:
 * from the page after login it finds the list, writes the definition's documents part, and that
 * definition, run by the unchanged generic adapter, lists and downloads every document of the
 * account (all sub-accounts, all pages). On the way it follows no forbidden link and submits
 * no form: the demo records either as a violation.
 */
const LOGIN = 'anna@example.test';
const PASSWORD = account(LOGIN).password;
// Paths a read-only crawler must never request (GET links beside the forbidden buttons too).
const FORBIDDEN = /logout|uitloggen|\/pay$|delete|cancel|unsubscribe|betalen|verwijderen|opzeggen/;

let demo: DemoPortal;
beforeAll(async () => {
	// Four rows a page: several pages per sub-account; anna has two sub-accounts of 14 documents.
	demo = await startDemo({ pageSize: 4 });
});

const definition = (file: string) =>
	JSON.parse(
		readFileSync(join(__dirname, '..', '..', '..', 'portals', 'definitions', 'demo', file), 'utf8'),
	) as DefinitionSpec;

// The classic layout has a coded adapter; its definition's login part is written here.
const classicLogin: DefinitionSpec['login'] = {
	steps: [
		{
			fields: [
				{ selector: '#username', value: 'username' },
				{ selector: '#password', value: 'password' },
			],
			submit: '#login-form button[type=submit]',
		},
	],
	loggedIn: { selector: "a[href='/logout']" },
};

const LAYOUTS = {
	classic: {
		spec: {
			name: 'Demo Telecom (discovered)',
			slug: 'demo-telecom-discovered',
			domains: ['demo-telecom.example'],
			loginUrl: 'https://demo-telecom.example/login',
			login: classicLogin,
		},
		async logIn(page: Page) {
			await page.goto(`${demo.url}/login`);
			await page.fill('#username', LOGIN);
			await page.fill('#password', PASSWORD);
			await Promise.all([
				page.waitForURL(/\/dashboard$/),
				page.click('#login-form button[type=submit]'),
			]);
		},
	},
	eu: {
		spec: { ...definition('demo-energie.json'), name: 'Demo Energie (discovered)' },
		async logIn(page: Page) {
			await page.goto(`${demo.url}/eu/login`);
			await page.fill('#email', LOGIN);
			await Promise.all([page.waitForSelector('#wachtwoord'), page.click('#volgende')]);
			await page.fill('#wachtwoord', PASSWORD);
			await Promise.all([page.waitForURL(/\/eu\/facturen$/), page.click('#inloggen')]);
		},
	},
	app: {
		spec: { ...definition('demo-cloud.json'), name: 'Demo Cloud (discovered)' },
		async logIn(page: Page) {
			await page.goto(`${demo.url}/app/`);
			await page.fill('#user', LOGIN);
			await page.fill('#pass', PASSWORD);
			await page.click('#signin');
			await page.waitForSelector('a.sign-out');
		},
	},
};

/** Logs in on a layout, discovers with every request recorded; the report's lines and the part. */
async function discover(
	layout: keyof typeof LAYOUTS,
	extra: { documentsUrl?: string; maxPages?: number } = {},
) {
	return withContext(async (context) => {
		const page = await context.newPage();
		await LAYOUTS[layout].logIn(page);
		const requests: { method: string; path: string }[] = [];
		page.on('request', (r) =>
			requests.push({ method: r.method(), path: new URL(r.url()).pathname }),
		);
		const report = new DiscoveryReport();
		const documents = await discoverDocuments(
			page,
			{ startUrl: page.url(), domains: [new URL(demo.url).host], ...extra },
			report,
		).catch((error: Error) => error);
		if (process.env.SHOW_DISCOVERY) console.info(`${layout}:\n${report.lines().join('\n')}`);
		return { documents, report, requests };
	});
}

const expected = () => seededDocuments(demo, LOGIN);

describe.each(['classic', 'eu', 'app'] as const)('the %s layout', (layout) => {
	let found: Awaited<ReturnType<typeof discover>>;
	let spec: DefinitionSpec;
	beforeAll(async () => {
		const violations = demo.state.violations.length;
		found = await discover(layout);
		expect(demo.state.violations.length).toBe(violations);
		if (found.documents instanceof Error) throw found.documents;
		spec = { ...LAYOUTS[layout].spec, version: 1, documents: found.documents } as DefinitionSpec;
	});

	test('discovery follows no forbidden link and submits no form', () => {
		expect(found.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD')).toEqual([]);
		expect(found.requests.filter((r) => FORBIDDEN.test(r.path))).toEqual([]);
		expect(demo.state.violations).toEqual([]);
	});

	test('the report names the page, its rows and fields, with samples; the definition validates', () => {
		const lines = found.report.lines().join('\n');
		expect(lines).toMatch(/✓ documents page: \/\S* scored \d+/);
		expect(lines).toMatch(/✓ rows: .+ \(\d+ rows\)/);
		expect(lines).toMatch(/issueDate: .+: "/);
		expect(definitionProblems(spec)).toEqual([]);
	});

	test('the discovered definition lists and downloads every document of every sub-account and page', async () => {
		const result = await runPortal({
			portal: definitionPortal(spec),
			baseUrl: demo.url,
			credentials: credentials(LOGIN),
			mode: 'download',
		});
		expect(result).toMatchObject({ status: 'connected', reason: undefined });
		expect(comparable(result.documents)).toEqual(expected());
		for (const doc of result.documents) expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
		// Ids are the portal's own, clean after the account prefix.
		for (const doc of result.documents) expect(doc.id).toMatch(/^CUST-\d+:[A-Za-z0-9]+$/);
	});
});

test('a given documents address is used when it holds documents', async () => {
	const { documents, report } = await discover('classic', { documentsUrl: '/invoices' });
	expect(documents).toMatchObject({
		url: '/invoices',
		rows: expect.stringContaining('table#documents'),
	});
	expect(report.lines()[0]).toMatch(
		/^✓ documents page: \/invoices scored \d+ \(the only page visited\)/,
	);
});

test('no page with documents within the page budget: LAYOUT_CHANGED, saying what was visited', async () => {
	const { documents, report } = await discover('classic', { maxPages: 1 });
	expect(documents).toMatchObject({
		code: 'LAYOUT_CHANGED',
		message: expect.stringContaining('No page holds documents: 1 page(s) visited (/dashboard)'),
		details: { missingElement: 'documents' },
	});
	expect(report.lines()[0]).toMatch(/^✗ documents page: No page holds documents/);
});

test('while discovery runs, the browser itself refuses forbidden addresses, other sites, form submissions and calls that change things by their method', async () => {
	await withContext(async (context) => {
		const signIn = await context.newPage();
		await LAYOUTS.classic.logIn(signIn);
		demo.state.formsReceived.length = 0;
		// Each refusal in a tab of its own: a refused load leaves Chromium's error page loading,
		// and that load may interrupt whatever navigation comes next in the same tab.
		const inGuardedTab = async (act: (page: Page) => Promise<unknown>) => {
			const page = await context.newPage();
			const unguard = await guardPage(page, [new URL(demo.url).host]);
			await page.goto(`${demo.url}/invoices`);
			await act(page);
			await unguard();
			await page.close();
		};
		await inGuardedTab((page) =>
			expect(page.goto(`${demo.url}/logout`)).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/),
		);
		await inGuardedTab((page) =>
			expect(page.goto('https://elsewhere.example/')).rejects.toThrow(/ERR_BLOCKED_BY_CLIENT/),
		);
		// The sub-account switcher is a POST form: its submission never leaves the browser.
		await inGuardedTab(async (page) => {
			await page.evaluate(() =>
				(document.querySelector('#account-switch') as HTMLFormElement).submit(),
			);
			await page.waitForTimeout(500);
		});
		// An app's own call that changes things by its method (Directus saves the page the user
		// is on with a PATCH) never leaves the browser; an app's own reading does.
		await inGuardedTab(async (page) => {
			const call = (method: string) =>
				page.evaluate(
					(m) =>
						fetch('/invoices', { method: m }).then(
							() => 'sent',
							() => 'blocked',
						),
					method,
				);
			expect(await call('PATCH')).toBe('blocked');
			expect(await call('PUT')).toBe('blocked');
			expect(await call('DELETE')).toBe('blocked');
			expect(await call('GET')).toBe('sent');
			// Apps ask for data with POST (GraphQL queries): those calls still leave.
			expect(await call('POST')).toBe('sent');
		});
		// Still signed in: /logout never reached the portal.
		await signIn.goto(`${demo.url}/invoices`);
		expect(await signIn.locator('table#documents').count()).toBe(1);
		expect(demo.state.formsReceived).not.toContain('POST /account/switch');
	});
});
