import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { invoicePortalLoginTest } from '../../../nodes/shared/credential-test';
import { PASSWORD, USERNAME, startHostile } from '../../../testbeds/hostile';

/*
 * The credential's Test button on a portal it cannot reach (issue 31, part 4): the message says
 * what happened in plain words and to check the Login URL and the network; no "the next run tries
 * again" (a test has no next run), no library wording (page.goto:, net::ERR_…, ENOTFOUND, a call log).
 */
function test_(data: Record<string, unknown>) {
	const credential = {
		id: 't',
		name: 'Test',
		type: 'invoicePortalApi',
		data,
	} as ICredentialsDecrypted;
	return invoicePortalLoginTest.call({} as ICredentialTestFunctions, credential);
}

const LIBRARY_WORDING =
	/page\.goto|net::ERR|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|Call log|====|fetch failed/;

function expectPlain(result: { status: string; message: string }, what: RegExp) {
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(what);
	expect(result.message).toMatch(/Check the credential's Login URL/);
	expect(result.message).not.toMatch(/next run/i);
	expect(result.message).not.toMatch(LIBRARY_WORDING);
}

const NO_SUCH_HOST = 'http://no-such-host.invalid/login';

test('Automatic with a host that does not resolve', async () => {
	const result = await test_({
		portal: 'automatic',
		automaticLoginUrl: NO_SUCH_HOST,
		username: USERNAME,
		password: PASSWORD,
	});
	expectPlain(result, /no-such-host\.invalid.*no server answers to this host name/);
}, 60_000);

describe.each(['http', 'browser'])('a definition on the %s engine', (engine) => {
	test('whose host does not resolve', async () => {
		const hostile = await startHostile();
		const definition = {
			...hostile.definition(),
			engine,
			domains: ['no-such-host.invalid'],
			loginUrl: NO_SUCH_HOST,
		};
		await hostile.stop();
		const result = await test_({
			portal: 'custom',
			definition: JSON.stringify(definition),
			username: USERNAME,
			password: PASSWORD,
		});
		expectPlain(result, /no-such-host\.invalid.*no server answers to this host name/);
	}, 60_000);

	test('whose port refuses the connection', async () => {
		const hostile = await startHostile();
		const definition = { ...hostile.definition(), engine };
		const port = Number(new URL(hostile.url).port);
		await hostile.stop();
		const result = await test_({
			portal: 'custom',
			definition: JSON.stringify(definition),
			username: USERNAME,
			password: PASSWORD,
		});
		expectPlain(result, new RegExp(`127\\.0\\.0\\.1:${port}.*refused the connection`));
	}, 60_000);
});

/*
 * Port 9 is one that Chromium (net::ERR_UNSAFE_PORT) and Node's fetch ("bad port") refuse by
 * themselves: nothing failed on the network, the address is wrong. The Test says so, with no
 * library wording, as a setting to correct (it once said "net::ERR_UNSAFE_PORT … Run again. If it keeps happening, report it").
 */
const UNSAFE_PORT = 'http://127.0.0.1:9/login';

function expectBlockedPort(result: { status: string; message: string }) {
	expect(result.status).toBe('Error');
	expect(result.message).toContain(
		"The portal's address http://127.0.0.1:9/login uses port 9, which browsers and Node refuse to connect to",
	);
	expect(result.message).toMatch(/check the credential's Login URL/);
	// A setting to correct, not an outage or a fault to report.
	expect(result.message).toMatch(/Correct the field named in the message/);
	expect(result.message).not.toMatch(/next run|keeps happening|report it/i);
	expect(result.message).not.toMatch(LIBRARY_WORDING);
	expect(result.message).not.toMatch(/UNSAFE_PORT|bad port/);
}

test('Automatic with a Login URL on a port browsers refuse', async () => {
	expectBlockedPort(
		await test_({
			portal: 'automatic',
			automaticLoginUrl: UNSAFE_PORT,
			username: USERNAME,
			password: PASSWORD,
		}),
	);
}, 60_000);

test.each(['http', 'browser'])(
	'a definition on the %s engine on a port browsers refuse',
	async (engine) => {
		const hostile = await startHostile();
		const definition = {
			...hostile.definition(),
			engine,
			domains: ['127.0.0.1:9'],
			loginUrl: UNSAFE_PORT,
		};
		await hostile.stop();
		expectBlockedPort(
			await test_({
				portal: 'custom',
				definition: JSON.stringify(definition),
				username: USERNAME,
				password: PASSWORD,
			}),
		);
	},
	60_000,
);
