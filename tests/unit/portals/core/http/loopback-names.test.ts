import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { originGuard } from '../../../../../portals/core/contract/origins';
import { jarFromStorageState } from '../../../../../portals/core/http/cookie-jar';
import { GuardedFetch } from '../../../../../portals/core/http/guarded-fetch';
import { isLoopbackName, loopbackLookup } from '../../../../../portals/core/http/loopback-names';

let server: Server;
let port = 0;
const hosts: (string | undefined)[] = [];
beforeAll(async () => {
	server = createServer((req: IncomingMessage, res) => {
		hosts.push(req.headers.host);
		res.writeHead(200, { 'content-type': 'text/plain' });
		res.end(`host ${req.headers.host}`);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
	server.closeAllConnections();
	await new Promise((done) => server.close(done));
});

describe('names under .localhost (RFC 6761) are loopback', () => {
	test('two host names of one site reach one 127.0.0.1 server, each with its own Host', async () => {
		const fetcher = new GuardedFetch(
			jarFromStorageState(),
			originGuard([`http://*.x.localhost:${port}`]),
		);
		for (const name of ['login.x.localhost', 'www.x.localhost']) {
			const exchange = await fetcher.send(`http://${name}:${port}/`);
			const body = await fetcher.read(exchange, 1000, () => new Error('too large'));
			expect(body.toString()).toBe(`host ${name}:${port}`);
		}
		expect(hosts.slice(-2)).toEqual([`login.x.localhost:${port}`, `www.x.localhost:${port}`]);
	});

	test('the lookup answers loopback for .localhost names only', async () => {
		expect(isLoopbackName('app.x.localhost')).toBe(true);
		expect(isLoopbackName('localhost.')).toBe(true);
		expect(isLoopbackName('localhost.example.com')).toBe(false);
		expect(isLoopbackName('notlocalhost')).toBe(false);
		const one = await new Promise((done) =>
			loopbackLookup('a.b.localhost', {}, (_e, address) => done(address)),
		);
		expect(one).toBe('127.0.0.1');
		const failure = await new Promise<NodeJS.ErrnoException | null>((done) =>
			loopbackLookup('no-such-host.invalid', {}, (error) => done(error)),
		);
		expect(failure?.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
	});
});
