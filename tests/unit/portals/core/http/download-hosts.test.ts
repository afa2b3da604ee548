import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { originGuard } from '../../../../../portals/core/contract/origins';
import { jarFromStorageState } from '../../../../../portals/core/http/cookie-jar';
import { GuardedFetch } from '../../../../../portals/core/http/guarded-fetch';

/**
 * A download host (a definition's downloadDomains) takes only the final GET of a file, bare: no
 * cookie, no referrer, no header of the portal's. That GET is one a redirect led to, or one the
 * caller sends there directly as a file's final GET (an address an API item or a second call
 * handed out: `finalFileGet`); a page, any other first request or a further redirect there is
 * refused before it is sent.
 */
let server: Server;
let port = 0;
const seen: { host?: string; path?: string; cookie?: string; referer?: string }[] = [];
beforeAll(async () => {
	server = createServer((req: IncomingMessage, res) => {
		seen.push({
			host: req.headers.host,
			path: req.url,
			cookie: req.headers.cookie,
			referer: req.headers.referer,
		});
		const host = req.headers.host ?? '';
		if (req.url === '/file') {
			res.writeHead(302, { location: `http://files.cdn.localhost:${port}/signed.pdf` });
			return void res.end();
		}
		if (req.url === '/loop') {
			res.writeHead(302, { location: `http://files.cdn.localhost:${port}/again` });
			return void res.end();
		}
		if (host.startsWith('files.') && req.url === '/again') {
			res.writeHead(302, { location: `http://elsewhere.localhost:${port}/x.pdf` });
			return void res.end();
		}
		res.writeHead(200, {
			'content-type': 'application/pdf',
			'set-cookie': 'cdn=1; Path=/',
		});
		res.end('%PDF-1.4\n%%EOF');
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((done) => server.close(done));
});

async function fetcherWithSession(): Promise<GuardedFetch> {
	const jar = jarFromStorageState();
	await jar.setCookie('sid=secret; Path=/', `http://www.portal.localhost:${port}/`);
	await jar
		.setCookie('site=1; Domain=localhost; Path=/', `http://www.portal.localhost:${port}/`)
		.catch(() => undefined);
	return new GuardedFetch(
		jar,
		originGuard([`http://www.portal.localhost:${port}`]),
		undefined,
		originGuard([`http://files.cdn.localhost:${port}`]),
	);
}

test("a file's redirect ends on the download host without the portal's cookies or referrer", async () => {
	const f = await fetcherWithSession();
	seen.length = 0;
	const exchange = await f.send(`http://www.portal.localhost:${port}/file`, {
		kind: 'file',
		referrer: `http://www.portal.localhost:${port}/list`,
	});
	expect((await f.read(exchange, 1000, () => new Error('too large'))).toString()).toMatch(/^%PDF/);
	expect(seen).toEqual([
		{
			host: `www.portal.localhost:${port}`,
			path: '/file',
			cookie: 'sid=secret',
			referer: `http://www.portal.localhost:${port}/list`,
		},
		{
			host: `files.cdn.localhost:${port}`,
			path: '/signed.pdf',
			cookie: undefined,
			referer: undefined,
		},
	]);
	// The download host's own cookie is not kept either: the next file goes there bare again.
	seen.length = 0;
	await f.discard(await f.send(`http://www.portal.localhost:${port}/file`, { kind: 'file' }));
	expect(seen[1].cookie).toBeUndefined();
});

test('the download host is refused as a first request, for a page, and as a further redirect', async () => {
	const f = await fetcherWithSession();
	seen.length = 0;
	await expect(
		f.send(`http://files.cdn.localhost:${port}/signed.pdf`, { kind: 'file' }),
	).rejects.toMatchObject({ code: 'NAVIGATION_BLOCKED' });
	await expect(
		f.send(`http://www.portal.localhost:${port}/file`, { kind: 'page' }),
	).rejects.toMatchObject({ code: 'NAVIGATION_BLOCKED' });
	await expect(
		f.send(`http://www.portal.localhost:${port}/loop`, { kind: 'file' }),
	).rejects.toMatchObject({ code: 'NAVIGATION_BLOCKED' });
	// Only the portal's own requests and the one bare GET that answered with a redirect went out.
	expect(seen.map((s) => `${s.host}${s.path}`)).toEqual([
		`www.portal.localhost:${port}/file`,
		`www.portal.localhost:${port}/loop`,
		`files.cdn.localhost:${port}/again`,
	]);
});

test("a file's final GET sent directly to the download host goes bare: no cookie, header or referrer", async () => {
	const f = await fetcherWithSession();
	seen.length = 0;
	const exchange = await f.send(`http://files.cdn.localhost:${port}/signed.pdf`, {
		kind: 'file',
		finalFileGet: true,
		headers: { authorization: 'Bearer secret' },
		referrer: `http://www.portal.localhost:${port}/list`,
	});
	expect((await f.read(exchange, 1000, () => new Error('too large'))).toString()).toMatch(/^%PDF/);
	expect(seen).toEqual([
		{
			host: `files.cdn.localhost:${port}`,
			path: '/signed.pdf',
			cookie: undefined,
			referer: undefined,
		},
	]);
});

test('finalFileGet opens the download host to a file GET only: not a page, an API call or a POST', async () => {
	const f = await fetcherWithSession();
	seen.length = 0;
	const at = `http://files.cdn.localhost:${port}/signed.pdf`;
	for (const request of [
		{ kind: 'page' as const, finalFileGet: true },
		{ kind: 'api' as const, finalFileGet: true },
		{ kind: 'file' as const, finalFileGet: true, method: 'POST' as const, body: '{}' },
	])
		await expect(f.send(at, request)).rejects.toMatchObject({ code: 'NAVIGATION_BLOCKED' });
	// Another site is still another site, final GET or not.
	await expect(
		f.send(`http://elsewhere.localhost:${port}/x.pdf`, { kind: 'file', finalFileGet: true }),
	).rejects.toMatchObject({ code: 'NAVIGATION_BLOCKED' });
	expect(seen).toEqual([]);
});
