import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withEngine } from '../../../portals/core/engine/with-engine';
import type { Readable, Surface } from '../../../portals/core/contract/surface';
import { PortalError } from '../../../portals/core/outcomes/errors';
import { runPortal } from '../../../portals/core/run/portal-run';
import { rowCount } from '../../../portals/definitions/page-reader';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import {
	comparable,
	credentials,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';

/**
 * A definition in the browser reads a documents list's next pages from the server's HTML (with
 * the session's cookies, no rendering), as the coded demo adapter does, and renders a page only
 * where its rows need scripts. Why: rendering each list page costs a browser engine most of its
 * time on long lists (issue 17's full_browser target).
 */
describe("the demo's classic layout with the browser forced", () => {
	let demo: DemoPortal;
	beforeAll(async () => {
		demo = await startDemo({ pageSize: 4 });
	});

	test('every document of every sub-account and page; list pages are read, not rendered, where no sub-account is chosen', async () => {
		const spec = JSON.parse(
			readFileSync(demoDefinitionFile('demo-telecom'), 'utf8'),
		) as DefinitionSpec;
		const served = demo.state.listPagesServed.length;
		const result = await runPortal({
			portal: definitionPortal({ ...spec, engine: 'browser' }),
			baseUrl: demo.url,
			credentials: credentials('anna@example.test'),
			mode: 'download',
		});
		expect(result).toMatchObject({ status: 'connected', engine: 'browser' });
		expect(comparable(result.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
		// Statements have only an export button: their forms work from pages read without rendering.
		expect(result.documents.some((d) => d.type === 'statement')).toBe(true);
		const pages = demo.state.listPagesServed.slice(served);
		const later = pages.filter((p) => p.page > 1);
		expect(later.length).toBeGreaterThan(1);
		expect(later.filter((p) => p.navigation)).toEqual([]);
		// The list's first page, on the sub-account the portal shows, is read the same way; a
		// sub-account chosen in the switcher is shown by the browser (the choice is a form the
		// page submits).
		const firsts = pages.filter((p) => p.page === 1);
		expect(firsts[0]).toMatchObject({ navigation: false });
		expect(firsts.some((p) => p.navigation && p.accountId !== firsts[0].accountId)).toBe(true);
	});
});

test("a changed list layout in the browser: LAYOUT_CHANGED, with the documents page's address, screenshot and HTML", async () => {
	const demo = await startDemo();
	const spec = JSON.parse(
		readFileSync(demoDefinitionFile('demo-telecom'), 'utf8'),
	) as DefinitionSpec;
	const result = await runPortal({
		portal: definitionPortal({
			...spec,
			engine: 'browser',
			documents: { ...spec.documents, list: 'table#renamed' },
		}),
		baseUrl: demo.url,
		credentials: credentials('anna@example.test'),
		mode: 'download',
	});
	expect(result).toMatchObject({ status: 'action_required', reason: 'LAYOUT_CHANGED' });
	expect(result.message).toMatch(/table#renamed/);
	// The page read without rendering was not the list: the browser shows it for the report,
	// not the page the sign-in ended on.
	expect(new URL(result.debug!.url!).pathname).toBe('/invoices');
	expect(result.debug!.screenshot?.length).toBeGreaterThan(0);
	expect(result.debug!.html).toContain('table');
});

describe('openToRead in the browser', () => {
	let site: Server;
	let offsite: Server;
	let origin: string;
	let offsiteHits = 0;
	const rows = (n: number) =>
		Array.from({ length: n }, (_, i) => `<tr><td>${i}</td></tr>`).join('');
	beforeAll(async () => {
		offsite = createServer((_, res) => {
			offsiteHits++;
			res.end('offsite');
		});
		await new Promise<void>((done) => offsite.listen(0, '127.0.0.1', done));
		const away = `http://127.0.0.1:${(offsite.address() as AddressInfo).port}/stolen`;
		site = createServer((req, res) => {
			const html = (body: string, status = 200) => {
				res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
				res.end(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
			};
			if (req.url === '/first') {
				res.setHeader('set-cookie', 'shown=1; Path=/');
				return html(`<table>${rows(2)}</table>`);
			}
			// One row per cookie the request carried, named by class.
			const cookieRows = () =>
				(req.headers.cookie ?? '')
					.split(/;\s*/)
					.filter(Boolean)
					.map((c) => `<tr class="${c.split('=')[0]}"><td>${c}</td></tr>`)
					.join('');
			if (req.url === '/sets-cookie') {
				res.setHeader('set-cookie', 'read=2; Path=/');
				return html(`<table>${cookieRows()}</table>`);
			}
			if (req.url === '/cookies') return html(`<table>${cookieRows()}</table>`);
			if (req.url === '/static') return html(`<table>${rows(3)}</table>`);
			// The rows exist only once the script ran (an app's list).
			if (req.url === '/drawn')
				return html(
					`<table id="t"></table><script>document.getElementById('t').innerHTML = '${rows(4)}';</script>`,
				);
			if (req.url === '/hop') {
				res.writeHead(302, { location: '/static' });
				return res.end();
			}
			if (req.url === '/away') {
				res.writeHead(302, { location: away });
				return res.end();
			}
			if (req.url === '/down') return html('<h1>Down for maintenance</h1>', 503);
			html('not here', 404);
		});
		await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
		origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
	});
	afterAll(() => {
		site.close();
		offsite.close();
	});

	const inBrowser = <T>(fn: (surface: Surface) => Promise<T>) =>
		withEngine({ choice: 'browser', allowed: [origin] }, async (surface) => {
			await surface.open(`${origin}/first`);
			return fn(surface);
		});
	const read = async (page: Readable) => ({ url: page.url(), rows: await rowCount(page, 'tr') });

	test('a page whose rows are in the HTML is read without leaving the shown page; redirects inside are followed', async () => {
		await inBrowser(async (surface) => {
			const page = await surface.openToRead(`${origin}/static`, 'tr');
			expect(page).not.toBe(surface);
			expect(await read(page)).toEqual({ url: `${origin}/static`, rows: 3 });
			expect(await read(surface)).toEqual({ url: `${origin}/first`, rows: 2 });
			expect(await read(await surface.openToRead(`${origin}/hop`, 'tr'))).toEqual({
				url: `${origin}/static`,
				rows: 3,
			});
		});
	});

	test("a page read without rendering carries the browser's cookies, and the cookies it sets reach the browser", async () => {
		await inBrowser(async (surface) => {
			const page = await surface.openToRead(`${origin}/sets-cookie`, 'tr');
			expect(page).not.toBe(surface);
			expect(await rowCount(page, 'tr.shown')).toBe(1);
			await surface.open(`${origin}/cookies`);
			expect(await rowCount(surface, 'tr.shown')).toBe(1);
			expect(await rowCount(surface, 'tr.read')).toBe(1);
		});
	});

	test('a page whose rows a script draws is rendered, and read there', async () => {
		await inBrowser(async (surface) => {
			const page = await surface.openToRead(`${origin}/drawn`, 'tr');
			expect(page).toBe(surface);
			expect(await read(page)).toEqual({ url: `${origin}/drawn`, rows: 4 });
		});
	});

	test('a redirect to another site is refused before it is sent; an error page becomes its reason', async () => {
		await inBrowser(async (surface) => {
			const refused = await surface.openToRead(`${origin}/away`, 'tr').catch((e: unknown) => e);
			expect(refused).toBeInstanceOf(PortalError);
			expect(refused).toMatchObject({ code: 'NAVIGATION_BLOCKED' });
			expect(offsiteHits).toBe(0);
			await expect(surface.openToRead(`${origin}/down`, 'tr')).rejects.toMatchObject({
				code: 'MAINTENANCE',
			});
		});
	});
});
