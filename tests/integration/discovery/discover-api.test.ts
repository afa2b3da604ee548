import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page } from 'playwright';
import { parseAmount, parseDate } from '../../../portals/adapter-kit/parsers';
import { withContext } from '../../../portals/core/browser/launch';
import type { ApiDocumentsSpec } from '../../../portals/discovery/api/api-spec';
import { valueAt } from '../../../portals/discovery/api/json-paths';
import { ApiRecorder } from '../../../portals/discovery/api/record';
import { discoverDocumentsAndApi } from '../../../portals/discovery/documents/discover-documents';
import { DiscoveryReport } from '../../../portals/discovery/report';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import {
	account,
	comparable,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';
import { definitionProblems } from '../../../portals/definitions/validate';
import type { DefinitionSpec } from '../../../portals/definitions/spec';

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
		request: APIRequestContext,
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
		return check(found, context.request, report);
	});
}

/** What a reader of `documents.api` does, in short: every page by offset, each item's fields. */
async function readAll(api: ApiDocumentsSpec, request: APIRequestContext) {
	const items: Record<string, unknown>[] = [];
	const { param, size } = api.paging!.offset!;
	for (let offset = 0, page = 0; page < 50; page++, offset += size) {
		const url = new URL(api.request.url, demo.url);
		for (const [k, v] of Object.entries({ ...api.request.query, [param]: String(offset) }))
			url.searchParams.set(k, v);
		const answer = await request.get(url.toString());
		const got = valueAt(await answer.json(), api.items) as Record<string, unknown>[];
		items.push(...got);
		if (got.length < size) break;
	}
	const field = (name: keyof ApiDocumentsSpec['fields']) => {
		const spec = api.fields[name]!;
		return typeof spec === 'string' ? { path: spec } : spec;
	};
	return items.map((item) => {
		const text = (name: keyof ApiDocumentsSpec['fields']) =>
			String(valueAt(item, field(name).path));
		return {
			number: text('number'),
			accountId: text('accountId'),
			issueDate: parseDate(text('issueDate'), field('issueDate').date!, field('issueDate').locale)!,
			amount: parseAmount(text('amount'), field('amount').locale === 'de' ? 'comma' : 'dot')
				?.amount,
			type: field('type').map![text('type')],
			file: String(valueAt(item, api.download.urlField!)),
		};
	});
}

test("the app's list API is found, with its paging, fields and file, and reaches every document", async () => {
	await discover('app', true, async (found, request, report) => {
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
		const listed = await readAll(api, request);
		expect(comparable(listed)).toEqual(seededDocuments(demo, LOGIN));
		const pdf = await request.get(new URL(listed[0].file, demo.url).toString());
		expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

		const lines = report.lines().join('\n');
		expect(lines).toMatch(
			/✓ api: GET \/app\/api\/documents\?offset=0 → items: 5 item\(s\), 100% of them on screen/,
		);
		expect(lines).toMatch(/number \(number\): [A-Z]+-\S+ \| \S+ \| \S+/);
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
	await discover('spa', true, async (found, _request, report) => {
		const { api } = found.documents as unknown as { api: ApiDocumentsSpec };
		expect(api).toEqual({
			// The first page as the app asked for it; the next ones at the address the answer gives.
			request: { method: 'GET', url: '/spa/api/invoices', query: { page: '1' } },
			paging: { next: { path: 'links.next' } },
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
			download: { urlField: 'files.pdf' },
			auth: {
				headers: {
					Authorization: { template: 'Bearer {value}', from: { sessionStorage: 'token' } },
				},
			},
		});
		const spec = JSON.parse(readFileSync(demoDefinitionFile('demo-spa'), 'utf8')) as DefinitionSpec;
		expect(definitionProblems({ ...spec, documents: found.documents })).toEqual([]);
		const lines = report.lines().join('\n');
		expect(lines).toMatch(/credentials: Authorization from sessionStorage "token"/);
		// The token itself is never in the report.
		expect(lines).not.toMatch(/Bearer [A-Za-z0-9]/);
	});
});
