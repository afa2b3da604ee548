import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { solveTokenCaptcha } from '../../../../../portals/core/login/captcha-solver';
import { whileCollectingGarbage } from '../../../../../testbeds/memory';

/**
 * The captcha solver's requests end by their time limit with the run's cancel signal beside them
 * (issue 35: `AbortSignal.any` with a timeout signal inside lost the timeout on Node 20, and runs
 * through n8n always pass a cancel signal), and a stopped run is passed on as it is.
 */
const apiKey = 'solver-key-7f3e9a';
const captcha = { kind: 'recaptcha' as const, siteKey: 'site', pageUrl: 'http://127.0.0.1/login' };
let trickles = false;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
	// Never answers; or (trickles) sends its headers, then a space every 100 ms, forever.
	server = createServer((_req, res) => {
		if (!trickles) return;
		res.writeHead(200, { 'content-type': 'application/json' });
		res.flushHeaders();
		const timer = setInterval(() => res.write(' '), 100);
		res.on('close', () => clearInterval(timer));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

test('a solver that never answers is given up after the request time, with a cancel signal beside it', async () => {
	const started = Date.now();
	const error = await whileCollectingGarbage(
		solveTokenCaptcha(
			{ baseUrl, apiKey, requestTimeoutMs: 500 },
			captcha,
			new AbortController().signal,
		).catch((e: unknown) => e),
		100,
	);
	expect(error).toMatchObject({ code: 'CAPTCHA_REQUIRED' });
	expect((error as Error).message).toContain(`the captcha solver at ${baseUrl} did not answer`);
	expect((error as Error).message).not.toContain(apiKey);
	// Far above the limit, for a loaded machine (6.2 s seen under a load of 8 on 2 cores; CI, under
	// these forced collections, once held a 300 ms timer back 5 s); a limit that never fires is held
	// until the test's own time ends it.
	expect(Date.now() - started).toBeLessThan(12_000);
}, 20_000);

test('an answer that trickles in byte by byte ends by the same time limit', async () => {
	trickles = true;
	const started = Date.now();
	const error = await whileCollectingGarbage(
		solveTokenCaptcha(
			{ baseUrl, apiKey, requestTimeoutMs: 700 },
			captcha,
			new AbortController().signal,
		).catch((e: unknown) => e),
		100,
	).finally(() => (trickles = false));
	expect((error as Error).message).toContain('did not answer within 1 s');
	expect(Date.now() - started).toBeLessThan(12_000);
}, 20_000);

test("a stopped run ends the wait at once, with the run's own reason", async () => {
	const cancel = new AbortController();
	setTimeout(() => cancel.abort(new Error('The run was cancelled.')), 200);
	const started = Date.now();
	await expect(
		solveTokenCaptcha({ baseUrl, apiKey, requestTimeoutMs: 60_000 }, captcha, cancel.signal),
	).rejects.toThrow('The run was cancelled.');
	expect(Date.now() - started).toBeLessThan(2000);
});
