import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withContext } from '../../../portals/core/browser/launch';
import { findCollections } from '../../../portals/discovery/api/collection';
import { fileOneLevelDown } from '../../../portals/discovery/api/detail';
import { pageProbe } from '../../../portals/discovery/api/probe';
import { ApiRecorder } from '../../../portals/discovery/api/record';
import { renderPdf } from '../../../testbeds/demo-portal/pdf';

/**
 * One level down in an app (issue 33): a small file library whose cards are not links. Its list
 * comes from `/api/files` (two PDFs and a text file); a click on a card draws the file's detail
 * view (pushState), which links to `/files/<id>/download` and tells the server the file was seen
 * (a PATCH: a change, which discovery must block). Discovery clicks one PDF's title once, writes
 * the download link as a template, checks it on the other PDF, and is back on the list.
 */
const FILES = [
	{ id: 'n7', title: 'Notes', type: 'text/plain', modified_on: '2026-12-03T10:00:00' },
	{
		id: 'f2',
		title: 'Invoice 2026 002',
		type: 'application/pdf',
		modified_on: '2026-12-02T10:00:00',
	},
	{
		id: 'f1',
		title: 'Invoice 2026 001',
		type: 'application/pdf',
		modified_on: '2026-12-01T10:00:00',
	},
];

const page = (
	wrapTitles: boolean,
) => `<!doctype html><html lang="en"><body><main id="app"></main><script>
const app = document.getElementById('app');
async function list() {
	const { data } = await fetch('/api/files').then((r) => r.json());
	app.innerHTML = '<h1>Files</h1>' + data.map((f) => '<div class="card" data-id="' + f.id + '">' +
		(${wrapTitles} ? '<button>Delete <span>' + f.title + '</span></button>' : '<div class="title">' + f.title + '</div>') +
		'<small>' + f.type + '</small></div>').join('');
	for (const card of app.querySelectorAll('.card')) card.addEventListener('click', () => open(card.dataset.id));
}
function open(id) {
	history.pushState({}, '', '/library/' + id);
	fetch('/api/files/' + id + '/seen', { method: 'PATCH' });
	app.innerHTML = '<h1>File</h1><a href="/library">All files</a> <a href="/files/' + id + '/download" download>Download</a>';
}
window.addEventListener('popstate', list);
list();
</script></body></html>`;

let server: Server;
let origin = '';
let wrapTitles = false;
/** The second PDF's id as a hostile portal may write it: a path to an address that deletes. */
let secondId = 'f1';
const seen: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		seen.push(`${req.method} ${req.url}`);
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname === '/api/files') {
			res.setHeader('content-type', 'application/json');
			const data = FILES.map((f) => (f.id === 'f1' ? { ...f, id: secondId } : f));
			return res.end(JSON.stringify({ data }));
		}
		const file = /^\/files\/(\w+)\/download$/.exec(url.pathname);
		if (file && FILES.some((f) => f.id === file[1] && f.type === 'application/pdf')) {
			res.setHeader('content-type', 'application/pdf');
			return res.end(renderPdf([`Invoice ${file[1]}`]));
		}
		if (url.pathname.startsWith('/library')) {
			res.setHeader('content-type', 'text/html');
			return res.end(page(wrapTitles));
		}
		res.statusCode = 404;
		return res.end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Shows the library, finds its collection from the recorded call, and goes one level down. */
async function goDown() {
	return withContext(async (context) => {
		const tab = await context.newPage();
		const recorder = new ApiRecorder(tab).start();
		await tab.goto(`${origin}/library`);
		await tab.waitForSelector('.card');
		await recorder.settled();
		const [found] = findCollections(recorder.calls, await tab.innerText('body'), 'en');
		const domains = [new URL(origin).host];
		const result = await fileOneLevelDown(tab, recorder, found, pageProbe(tab, {}), domains);
		return { result, found, at: tab.url() };
	});
}

test('one click on a PDF card: its detail link becomes the template, checked on the other PDF; the change the app sends is blocked; back on the list', async () => {
	wrapTitles = false;
	seen.length = 0;
	const { result, found, at } = await goDown();
	expect(found.count).toBe(2);
	expect(result.download).toEqual({ urlTemplate: '/files/{id}/download' });
	expect(result.how).toMatch(/^one level down: the detail view of "Invoice 2026 002"/);
	// Both PDFs asked (the second is the check); the text file never; no change reached the server.
	expect(seen.filter((s) => s.includes('/download')).map((s) => s.split(' ')[1])).toEqual([
		'/files/f2/download',
		'/files/f1/download',
	]);
	expect(seen.filter((s) => !s.startsWith('GET '))).toEqual([]);
	expect(at).toBe(`${origin}/library`);
}, 60_000);

test('an item shown only inside a button whose words are forbidden (Delete) is never clicked', async () => {
	wrapTitles = true;
	seen.length = 0;
	const { result, at } = await goDown();
	expect(result.download).toBeUndefined();
	expect(result.how).toMatch(/no element showing an item of the list opened anything/);
	expect(seen.filter((s) => /\/seen|\/download/.test(s))).toEqual([]);
	expect(at).toBe(`${origin}/library`);
}, 60_000);

test('a second item whose id is a path to a forbidden address is filled encoded and never asked', async () => {
	wrapTitles = false;
	secondId = '../../api/me/delete';
	seen.length = 0;
	try {
		const { result, at } = await goDown();
		expect(result.download).toBeUndefined();
		// The first PDF's link was asked; nothing under /api/me, nothing that says "delete".
		expect(seen).toContain('GET /files/f2/download');
		expect(seen.filter((s) => /delete|\/api\/me/i.test(s))).toEqual([]);
		expect(at).toBe(`${origin}/library`);
	} finally {
		secondId = 'f1';
	}
}, 60_000);
