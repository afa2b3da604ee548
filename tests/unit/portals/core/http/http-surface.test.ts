import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NeedsBrowser } from '../../../../../portals/core/contract/needs-browser';
import { HttpSurface } from '../../../../../portals/core/http/http-surface';

/**
 * The HTTP engine's page semantics against a small loopback site: what a press does with links,
 * buttons and files, when a page needs the browser, and how downloads fail.
 */
const pages: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
	'/start': (_req, res) =>
		html(
			res,
			`<base href="/docs/"><a id="rel" href="list?p=1">List</a><a id="file" href="/report.pdf">Report</a>
			<a id="hash" href="/start#top">Top</a><a id="js" href="javascript:void(0)">Menu</a>
			<button type="button" id="plain">Open</button><a id="hop" href="/hop">Continue</a>
			<a id="app" href="/app">App</a>`,
		),
	'/docs/list?p=1': (_req, res) => html(res, '<p class="row">one</p>'),
	'/report.pdf': (_req, res) => {
		res.writeHead(200, { 'content-type': 'application/pdf' });
		res.end('%PDF-1.4 report');
	},
	'/hop': (_req, res) =>
		html(res, '<meta http-equiv="refresh" content="0; url=/docs/list?p=1"><p>Redirecting…</p>'),
	'/app': (_req, res) => html(res, '<div id="root"></div><script src="/app.js"></script>'),
	'/latin1': (_req, res) => {
		res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
		res.end(Buffer.from('<p id="name">Müller & Söhne</p>', 'latin1'));
	},
	'/401.pdf': (_req, res) => status(res, 401),
	'/404.pdf': (_req, res) => status(res, 404),
	'/500.pdf': (_req, res) => status(res, 500),
	'/declared-big.pdf': (_req, res) => {
		res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '5000' });
		res.end('%PDF'.padEnd(5000, ' '));
	},
	'/streamed-big.pdf': (_req, res) => {
		// No Content-Length: only counting while reading finds out.
		res.writeHead(200, { 'content-type': 'application/pdf' });
		res.write('%PDF'.padEnd(3000, ' '));
		res.end(' '.repeat(3000));
	},
};

function html(res: ServerResponse, body: string): void {
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
	res.end(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`);
}
function status(res: ServerResponse, code: number): void {
	res.writeHead(code, { 'content-type': 'text/html' });
	res.end('<p>error</p>');
}

let server: Server;
let site: string;
const requests: string[] = [];
beforeAll(async () => {
	server = createServer((req, res) => {
		requests.push(req.url ?? '');
		(pages[req.url ?? ''] ?? ((_q, r: ServerResponse) => status(r, 404)))(req, res);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((done) => server.close(done));
});

async function atStart(): Promise<HttpSurface> {
	const surface = new HttpSurface([site]);
	await surface.open(`${site}/start`);
	return surface;
}
const yes = async () => true;

test("readers see the page's real base; links resolve against <base href>", async () => {
	const surface = await atStart();
	expect(
		await surface.evaluate(
			(id) => new URL(document.getElementById(id)!.getAttribute('href')!, document.baseURI).href,
			'rel',
		),
	).toBe(`${site}/docs/list?p=1`);
	// `document` is the page's only while the reader runs.
	expect((globalThis as { document?: unknown }).document).toBeUndefined();
	await surface.press('#rel', 'the list link', yes);
	expect(surface.url()).toBe(`${site}/docs/list?p=1`);
});

test('a link to a file leaves the page as it is; same-page and script links need the browser', async () => {
	const surface = await atStart();
	await surface.press('#file', 'the report link', yes);
	expect(surface.url()).toBe(`${site}/start`);
	for (const id of ['#hash', '#js', '#plain'])
		await expect(surface.press(id, id, yes)).rejects.toMatchObject({
			name: 'NeedsBrowser',
			sent: false,
			why: `${id} works only with scripts`,
		});
});

test('an immediate meta refresh is followed, as a browser does without scripts', async () => {
	const surface = await atStart();
	await surface.press('#hop', 'the continue link', yes);
	expect(surface.url()).toBe(`${site}/docs/list?p=1`);
	expect(await surface.count('p.row')).toBe(1);
});

test('a pressed step whose answer needs scripts hands over to the browser, marked as sent', async () => {
	const surface = await atStart();
	const error = await surface
		.press('#app', 'the app link', async () => (await surface.count('.row')) > 0)
		.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(NeedsBrowser);
	expect(error).toMatchObject({ sent: true });
	expect(surface.url()).toBe(`${site}/app`);
	// With what the definition waits for already there, nothing is handed over.
	await atStart().then((s) => s.press('#app', 'the app link', yes));
});

test("a page in the server's declared charset reads correctly", async () => {
	const surface = new HttpSurface([site]);
	await surface.open(`${site}/latin1`);
	expect(
		await surface.evaluate(() => document.getElementById('name')!.textContent, undefined),
	).toBe('Müller & Söhne');
});

test('downloads fail with the same reasons as the browser engine', async () => {
	const surface = await atStart();
	const file = await surface.fetchFile('/report.pdf', 1000);
	expect(file.body.toString()).toBe('%PDF-1.4 report');
	const failing: [string, string][] = [
		['/401.pdf', 'SESSION_EXPIRED'],
		['/404.pdf', 'DOWNLOAD_FAILED'],
		['/500.pdf', 'PORTAL_UNAVAILABLE'],
		['/declared-big.pdf', 'INVALID_FILE'],
		['/streamed-big.pdf', 'INVALID_FILE'],
	];
	for (const [path, code] of failing)
		await expect(surface.fetchFile(path, 4000)).rejects.toMatchObject({ code });
	await expect(surface.fetchFile('http://127.0.0.2:9/x.pdf', 4000)).rejects.toMatchObject({
		code: 'NAVIGATION_BLOCKED',
	});
});
