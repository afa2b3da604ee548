import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
import { renderPdf } from '../../../testbeds/demo-portal/pdf';
import { sha256 } from '../../../testbeds/real-apps';

/**
 * Portals list an invoice before its PDF is ready ("PDF being prepared"): that row has no link,
 * that API item no file field. The other documents are delivered; that one is a failure the
 * run reports (DOWNLOAD_FAILED), is not recorded as delivered, and arrives on a later run once
 * the portal offers it. Only a page where no document has its file is a changed layout. The same
 * on an HTML list (over HTTP and in the browser) and an API list.
 */
const numberOf = (i: number) => `2026-00${i + 1}`;
const FILES = [0, 1, 2, 3, 4].map((i) => ({
	bytes: renderPdf([`Invoice ${numberOf(i)}`, `Amount due: ${(i + 1) * 10}.00 EUR`]),
}));
const state = { notReady: new Set<number>(), fetched: [] as number[] };

const rowsHtml = () =>
	FILES.map(
		(_, i) =>
			`<tr class="doc"><td class="no">${numberOf(i)}</td><td class="date">2026-01-0${i + 1}</td><td>${
				state.notReady.has(i)
					? 'PDF being prepared'
					: `<a class="pdf" href="/files/${i}.pdf">PDF</a>`
			}</td></tr>`,
	).join('');
const items = () =>
	FILES.map((_, i) => ({
		id: `inv-${i}`,
		number: numberOf(i),
		date: `2026-01-0${i + 1}`,
		...(state.notReady.has(i) ? {} : { file: `/files/${i}.pdf` }),
	}));

let server: Server;
let origin = '';
beforeAll(async () => {
	server = createServer((req, res) => {
		const signedIn = req.headers.cookie?.includes('sid=ok');
		const html = (body: string) => {
			res.setHeader('content-type', 'text/html');
			res.end(`<!doctype html><html lang="en"><body>${body}</body></html>`);
		};
		if (req.url === '/login' && req.method === 'POST') {
			res.writeHead(302, { 'set-cookie': 'sid=ok; Path=/; HttpOnly', location: '/invoices' });
			return res.end();
		}
		if (req.url === '/login')
			return html(
				'<form method="post" action="/login"><input id="user" name="user"><input id="pass" name="pass" type="password"><button id="go" type="submit">Sign in</button></form>',
			);
		if (!signedIn) {
			res.writeHead(302, { location: '/login' });
			return res.end();
		}
		if (req.url === '/invoices')
			return html(`<a id="out" href="/logout">Log out</a><table>${rowsHtml()}</table>`);
		if (req.url === '/api/invoices') {
			res.setHeader('content-type', 'application/json');
			return res.end(JSON.stringify({ data: items() }));
		}
		const file = /^\/files\/(\d)\.pdf$/.exec(req.url ?? '');
		if (file) {
			state.fetched.push(Number(file[1]));
			res.setHeader('content-type', 'application/pdf');
			return res.end(FILES[Number(file[1])].bytes);
		}
		res.statusCode = 404;
		return res.end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	server.closeAllConnections();
	return new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	state.notReady.clear();
	state.fetched.length = 0;
});

const definition = (engine: 'http' | 'browser', list: 'html' | 'api'): DefinitionSpec =>
	parseDefinition({
		name: 'Not-ready test portal',
		slug: 'not-ready',
		version: 1,
		domains: ['portal.example'],
		engine,
		loginUrl: 'https://portal.example/login',
		login: {
			steps: [
				{
					fields: [
						{ selector: '#user', value: 'username' },
						{ selector: '#pass', value: 'password' },
					],
					submit: '#go',
				},
			],
			loggedIn: { selector: '#out' },
		},
		documents:
			list === 'html'
				? {
						url: '/invoices',
						rows: 'tr.doc',
						fields: {
							number: { selector: 'td.no' },
							issueDate: { selector: 'td.date', date: 'yyyy-MM-dd' },
						},
						id: { compose: ['number'] },
						download: { link: { selector: 'a.pdf', attribute: 'href' } },
					}
				: {
						api: {
							request: { method: 'GET', url: '/api/invoices' },
							items: 'data',
							fields: {
								id: 'id',
								number: 'number',
								issueDate: { path: 'date', date: 'yyyy-MM-dd' },
							},
							download: { urlField: 'file' },
						},
					},
	}) as DefinitionSpec;

const run = (spec: DefinitionSpec, ledger: LedgerData) =>
	runPortal({
		portal: definitionPortal(spec),
		baseUrl: origin,
		credentials: { username: 'clerk', password: 'not-checked-here' },
		mode: 'download',
		collect: { isDelivered: (d) => new DeliveryLedger(ledger).has(d) },
	});

describe.each([
	['an HTML list over HTTP', 'http', 'html'],
	['an HTML list in the browser', 'browser', 'html'],
	['an API list', 'http', 'api'],
] as const)('%s', (_, engine, list) => {
	test('a document without its file yet is that document’s failure; the others arrive, and it does on a later run', async () => {
		const spec = definition(engine, list);
		const ledger: LedgerData = { entries: {} };
		state.notReady.add(2);
		const first = await run(spec, ledger);
		expect({ status: first.status, reason: first.reason }).toEqual({
			status: 'connected',
			reason: 'PARTIAL_RUN',
		});
		expect(first.documents.map((d) => d.number).sort()).toEqual(
			[0, 1, 3, 4].map((i) => numberOf(i)),
		);
		expect(first.failures).toEqual([
			expect.objectContaining({
				number: numberOf(2),
				reason: 'DOWNLOAD_FAILED',
				message: expect.stringMatching(/offers no file for it yet.*the next run tries again/),
			}),
		]);
		expect(first.message).toContain(numberOf(2));
		for (const doc of first.documents) new DeliveryLedger(ledger).record(doc, doc.sha256);

		// The portal now offers it: the next run with Only New delivers exactly that one.
		state.notReady.clear();
		const later = await run(spec, ledger);
		expect(later.documents.map((d) => [d.number, d.sha256])).toEqual([
			[numberOf(2), sha256(FILES[2].bytes)],
		]);
		expect(later.failures).toEqual([]);
	}, 60_000);

	test('no document on the page with its file: a changed layout, and nothing is fetched', async () => {
		FILES.forEach((_, i) => state.notReady.add(i));
		const result = await run(definition(engine, list), { entries: {} });
		expect({ status: result.status, reason: result.reason }).toEqual({
			status: 'action_required',
			reason: 'LAYOUT_CHANGED',
		});
		expect(result.message).toMatch(/has no (download link|urlField)/);
		expect(state.fetched).toEqual([]);
	}, 60_000);
});
