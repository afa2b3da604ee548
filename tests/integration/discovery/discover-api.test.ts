import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { withContext } from '../../../portals/core/browser/launch';
import type { ApiDocumentsSpec } from '../../../portals/discovery/api/api-spec';
import { ApiRecorder } from '../../../portals/discovery/api/record';
import { findCollections } from '../../../portals/discovery/api/collection';
import { findFile } from '../../../portals/discovery/api/file';
import { pressOneDownload } from '../../../portals/discovery/api/press';
import { guardPage } from '../../../portals/discovery/documents/guard';
import { discoverDocumentsAndApi } from '../../../portals/discovery/documents/discover-documents';
import { DiscoveryReport } from '../../../portals/discovery/report';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import {
	account,
	comparable,
	credentials,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';
import { definitionProblems } from '../../../portals/definitions/validate';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { definitionPortal } from '../../../portals/definitions/portal';
import { runPortal } from '../../../portals/core/run/portal-run';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';

/**
 * Discovery learns the app's API (issue 33, section 1) on the demo portal's single-page app
 * (/app/: a JSON list fetched five at a time while scrolling, PDF addresses in the JSON): it
 * records the app's calls, finds the documents collection, its paging and file, and writes
 * `documents.api`. Following what it wrote over plain HTTP reaches every document of the
 * account with the right numbers, dates, amounts, types and contracts.
 */
const LOGIN = 'anna@example.test';
const PASSWORD = account(LOGIN).password;
const FORBIDDEN = /logout|cancel|delete|pay$/;

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const LAYOUTS = {
	/** /app/: cookies, a list five at a time while scrolling. */
	async app(page: Page): Promise<void> {
		await page.goto(`${demo.url}/app/`);
		await page.fill('#user', LOGIN);
		await page.fill('#pass', PASSWORD);
		await page.click('#signin');
		await page.waitForSelector('a.sign-out');
	},
	/** /spa/: a Bearer token in sessionStorage, twenty a page, PDFs fetched with the token. */
	async spa(page: Page): Promise<void> {
		await page.goto(`${demo.url}/spa/login`);
		await page.fill('#email', LOGIN);
		await page.fill('#password', PASSWORD);
		await page.click('#login');
		await page.waitForSelector('.sign-out');
	},
};

/** Signs in (recording from the start when asked, as the Automatic adapter does) and discovers. */
async function discover<T>(
	layout: keyof typeof LAYOUTS,
	recordFromLogin: boolean,
	check: (
		found: Awaited<ReturnType<typeof discoverDocumentsAndApi>>,
		report: DiscoveryReport,
	) => Promise<T>,
): Promise<T> {
	return withContext(async (context) => {
		const page = await context.newPage();
		const sent: string[] = [];
		page.on('request', (r) => sent.push(`${r.method()} ${new URL(r.url()).pathname}`));
		const recorder = recordFromLogin ? new ApiRecorder(page).start() : undefined;
		await LAYOUTS[layout](page);
		const report = new DiscoveryReport();
		const violations = demo.state.violations.length;
		const found = await discoverDocumentsAndApi(
			page,
			{ startUrl: page.url(), domains: [new URL(demo.url).host], recorder, api: 'prefer' },
			report,
		);
		if (process.env.SHOW_DISCOVERY) console.info(report.lines().join('\n'));
		expect(demo.state.violations.length).toBe(violations);
		expect(sent.filter((s) => FORBIDDEN.test(s))).toEqual([]);
		return check(found, report);
	});
}

/** The layout's definition with the documents part discovery wrote, run by the generic adapter. */
async function runDiscovered(
	slug: 'demo-cloud' | 'demo-spa',
	documents: DefinitionSpec['documents'],
	downloadDomains?: string[],
) {
	const spec = JSON.parse(readFileSync(demoDefinitionFile(slug), 'utf8')) as DefinitionSpec;
	const discovered: DefinitionSpec = {
		...spec,
		documents,
		...(downloadDomains ? { downloadDomains } : {}),
	};
	expect(definitionProblems(discovered)).toEqual([]);
	const result = await runPortal({
		portal: definitionPortal(discovered),
		baseUrl: demo.url,
		credentials: credentials(LOGIN),
		mode: 'download',
	});
	expect({ status: result.status, reason: result.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect(comparable(result.documents)).toEqual(seededDocuments(demo, LOGIN));
	for (const doc of result.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
	return result;
}

/** The demo's own file of a document: what the portal serves for it. */
const fileOf = (number: string) => {
	const doc = demo.state.documents.find((d) => d.number === number)!;
	return pdfFor({ state: demo.state } as RequestContext, doc);
};

test("the app's list API is found, with its paging, fields and file, and reaches every document", async () => {
	await discover('app', true, async (found, report) => {
		const { api } = found.documents as unknown as { api: ApiDocumentsSpec };
		expect(api).toEqual({
			request: { method: 'GET', url: '/app/api/documents' },
			paging: { offset: { param: 'offset', size: 5 } },
			items: 'items',
			fields: {
				id: 'id',
				number: 'number',
				issueDate: { path: 'date', date: 'MMM d, yyyy', locale: 'en' },
				amount: { path: 'total', amount: true, locale: 'en' },
				type: {
					path: 'kind',
					map: expect.objectContaining({ Invoice: 'invoice', 'Payment reminder': 'reminder' }),
				},
				accountId: 'account',
			},
			download: { urlField: 'pdf' },
		});
		expect(found.downloadDomains).toBeUndefined();
		// The definition's reader (documents.api) follows it to every document, byte for byte.
		await runDiscovered('demo-cloud', found.documents);

		const lines = report.lines().join('\n');
		expect(lines).toMatch(
			/✓ api: GET \/app\/api\/documents\?offset=0 → items: 5 item\(s\), 100% of them on screen/,
		);
		expect(lines).toMatch(/number: number: "[A-Z]+-\S+", "\S+", "\S+"/);
		expect(lines).toMatch(/issueDate: date \(date "MMM d, yyyy", locale "en"\): "\w+ \d+, 2026"/);
		expect(lines).toMatch(/paging: the offset parameter "offset" went 0 → 5/);
		expect(lines).toMatch(/file: the address at "pdf" \(the server answers application\/pdf\)/);
		// The sign-in's POST (with the password) is recorded, and held back: never replayed.
		expect(lines).toMatch(/\d+ recorded call\(s\) held back: never replayed/);
	});
});

test('recording that starts after the app loaded its list reloads the start page once to see it', async () => {
	await discover('app', false, async (found) => {
		const { api } = found.documents as unknown as { api: ApiDocumentsSpec };
		expect(api.request.url).toBe('/app/api/documents');
		expect(api.download).toEqual({ urlField: 'pdf' });
	});
});

test('/spa/: the Bearer token is traced to sessionStorage, and the definition written validates', async () => {
	await discover('spa', true, async (found, report) => {
		const { api } = found.documents as unknown as { api: ApiDocumentsSpec };
		expect(api).toEqual({
			// The first contract's first page as the app asked for it, the contract a placeholder
			// filled from the app's own accounts call.
			request: { method: 'GET', url: '/spa/api/invoices', query: { account: '{account}' } },
			paging: { page: { param: 'page', start: 1 } },
			accounts: {
				request: { method: 'GET', url: '/spa/api/accounts' },
				items: 'data',
				id: 'id',
				name: 'name',
			},
			items: 'data',
			fields: {
				id: 'id',
				number: 'number',
				issueDate: { path: 'date', date: 'yyyy-MM-dd' },
				dueDate: { path: 'due', date: 'yyyy-MM-dd' },
				amount: { path: 'total.amount', amount: true },
				currency: 'total.currency',
				type: { path: 'kind', map: expect.objectContaining({ INVOICE: 'invoice' }) },
				accountId: 'account.id',
			},
			// The first contract's PDFs inline; the second's through the call the app made for one.
			download: {
				base64Field: 'document.content',
				call: { method: 'GET', url: '/spa/api/invoices/{id}/download', urlField: 'signedUrl' },
			},
			auth: {
				headers: {
					Authorization: { template: 'Bearer {value}', from: { sessionStorage: 'token' } },
					'X-Client': { value: 'web-2.1' },
				},
			},
		});
		expect(found.downloadDomains).toEqual([`files.spa-cdn.localhost:${new URL(demo.url).port}`]);
		await runDiscovered('demo-spa', found.documents, found.downloadDomains);
		const lines = report.lines().join('\n');
		expect(lines).toMatch(/credentials: Authorization from sessionStorage "token"/);
		// The token itself is never in the report.
		expect(lines).not.toMatch(/Bearer [A-Za-z0-9]/);
	});
});

test('where only a button gives the file, one guarded press in one row teaches its second call', async () => {
	await withContext(async (context) => {
		const page = await context.newPage();
		const recorder = new ApiRecorder(page).start();
		await LAYOUTS.spa(page);
		// The second contract: its items carry no file, only the row's Download button knows it.
		await page.click('a.contract[href$="CUST-1002"]');
		await page.waitForFunction(() =>
			[...document.querySelectorAll('tr.invoice td:nth-child(5)')].every(
				(td) => td.textContent === 'CUST-1002',
			),
		);
		const domains = [new URL(demo.url).host];
		const listed = async () => {
			for (let i = 0; i < 100 && !recorder.calls.some((c) => c.url.includes('CUST-1002')); i++)
				await new Promise((resolve) => setTimeout(resolve, 50));
			await recorder.settled();
			return recorder.calls.filter((c) => c.url.includes('account=CUST-1002'));
		};
		const [list] = findCollections(await listed(), '', 'en');
		const none = async () => undefined;
		expect(await findFile(list, recorder.calls, none, domains)).toEqual({
			how: 'no file found: no address in the items, and no download was seen',
		});
		const violations = demo.state.violations.length;
		const unguard = await guardPage(page, domains);
		expect(await pressOneDownload(page, recorder)).toBe(true);
		await unguard();
		expect(demo.state.violations.length).toBe(violations);
		const learned = await findFile(list, recorder.calls, none, domains);
		expect(learned.download).toEqual({
			call: { method: 'GET', url: '/spa/api/invoices/{id}/download', urlField: 'signedUrl' },
		});
		expect(learned.downloadDomains).toEqual([`files.spa-cdn.localhost:${new URL(demo.url).port}`]);
	});
});
