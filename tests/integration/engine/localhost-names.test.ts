import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withConfinedContext } from '../../../portals/core/browser/boundary';

/**
 * Names under `.localhost` are loopback (RFC 6761). Chromium resolves them itself, but every
 * request of a run's browser goes through the run's forward proxy, which must resolve them too:
 * two host names of one site then live on one 127.0.0.1 port, as the test beds need.
 */
let server: Server;
let port = 0;
const hosts: string[] = [];
beforeAll(async () => {
	server = createServer((req, res) => {
		hosts.push(req.headers.host ?? '');
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(`<!doctype html><title>t</title><p id="host">${req.headers.host}</p>`);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((done) => server.close(done));
});

test('Chromium reaches http://app.x.localhost:PORT/ through the run proxy; another site is refused', async () => {
	const seen = await withConfinedContext(
		[`http://*.x.localhost:${port}`],
		async (context, boundary) => {
			const page = await context.newPage();
			await page.goto(`http://app.x.localhost:${port}/`);
			const shown = await page.textContent('#host');
			const other = await page.goto(`http://app.other.localhost:${port}/`).then(
				() => 'loaded',
				() => 'refused',
			);
			return { shown, other, blocked: boundary.blockedNavigation() };
		},
	);
	expect(seen.shown).toBe(`app.x.localhost:${port}`);
	// The proxy refuses before connecting: the other site's name never reached the server.
	expect(seen.blocked).toBe(`http://app.other.localhost:${port}/`);
	expect(hosts).toEqual([`app.x.localhost:${port}`]);
});
