import { readFileSync } from 'node:fs';
import { withConfinedContext } from '../../../portals/core/browser/boundary';
import { BrowserSurface } from '../../../portals/core/browser/browser-surface';
import { DEFAULT_MAX_FILE_BYTES } from '../../../portals/core/contract/raw-file';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import { elsewhereRequests } from '../../../testbeds/demo-portal/down-layout';
import {
	comparable,
	credentials,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';

/**
 * Files in a new tab (issue 33): the demo's /down/tabs list, whose rows' "Open" buttons show the
 * PDF in a new tab (window.open), the oldest row's on another site. In the browser every file
 * arrives byte for byte, no tab stays open, and the other site receives nothing: that row alone
 * fails, NAVIGATION_BLOCKED.
 */
const LOGIN = 'anna@example.test';
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const fileOf = (number: string) => {
	const doc = demo.state.documents.find((d) => d.number === number)!;
	return pdfFor({ state: demo.state } as RequestContext, doc);
};

/** Anna's documents, newest first (the list's order); the last one's tab leads elsewhere. */
const listed = () =>
	seededDocuments(demo, LOGIN).sort((a, b) => b.issueDate.localeCompare(a.issueDate));

function tabsDefinition(): DefinitionSpec {
	const base = parseDefinition(
		JSON.parse(readFileSync(demoDefinitionFile('demo-down'), 'utf8')),
		'demo-down',
	) as DefinitionSpec;
	return {
		...base,
		engine: 'browser',
		documents: { ...base.documents, url: '/down/tabs', download: { click: 'button.open' } },
	};
}

test('browser: every row button opening its PDF in a new tab delivers it; the hostile tab is refused', async () => {
	const elsewhere = elsewhereRequests(demo.state);
	elsewhere.length = 0;
	const result = await runPortal({
		portal: definitionPortal(tabsDefinition()),
		baseUrl: `${demo.url}/down/login`,
		credentials: credentials(LOGIN),
		mode: 'download',
	});
	const all = listed();
	const hostile = all[all.length - 1];
	expect(result.status).toBe('connected');
	expect(comparable(result.documents)).toEqual(
		comparable(all.filter((d) => d.number !== hostile.number)),
	);
	for (const doc of result.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
	expect(result.failures).toHaveLength(1);
	expect(result.failures[0]).toMatchObject({
		reason: 'NAVIGATION_BLOCKED',
		message: expect.stringMatching(/files\.elsewhere\.localhost.*not sent/),
	});
	expect(elsewhere).toEqual([]);
});

test('browser: each press closes its tab at once; the context keeps its one page', async () => {
	const elsewhere = elsewhereRequests(demo.state);
	elsewhere.length = 0;
	const { username, password } = credentials(LOGIN);
	const seen = await withConfinedContext([demo.url], async (context, boundary) => {
		const page = await context.newPage();
		await page.goto(`${demo.url}/down/login`);
		await page.fill('#email', username);
		await page.fill('#password', password);
		await Promise.all([page.waitForURL(/\/down\/home$/), page.click('#sign-in')]);
		await page.goto(`${demo.url}/down/tabs`);
		const surface = new BrowserSurface(page, context, boundary);
		const rows = 'table.invoices tbody tr';
		const count = await page.locator(rows).count();
		const files: Buffer[] = [];
		const pages: number[] = [];
		let refused: unknown;
		for (let i = 0; i < count; i++) {
			await surface
				.downloadByPress(rows, i, 'button.open', 'Open', DEFAULT_MAX_FILE_BYTES)
				.then((file) => files.push(file.body))
				.catch((error: unknown) => (refused = error));
			pages.push(context.pages().length);
		}
		// A tab announced late would show here.
		await page.waitForTimeout(1_000);
		pages.push(context.pages().length);
		return { files, pages, refused, url: page.url() };
	});
	const all = listed();
	expect(seen.files).toHaveLength(all.length - 1);
	seen.files.forEach((body, i) => expect(body.equals(fileOf(all[i].number))).toBe(true));
	expect(seen.pages).toEqual([...all.map(() => 1), 1]);
	expect(seen.url).toBe(`${demo.url}/down/tabs`);
	expect(seen.refused).toMatchObject({ code: 'NAVIGATION_BLOCKED' });
	expect(elsewhere).toEqual([]);
});
