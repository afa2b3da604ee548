import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PortalCredentials } from '../../portals/core/contract/adapter';
import { confineToOrigins } from '../../portals/core/browser/boundary';
import { withContext } from '../../portals/core/browser/launch';
import { runPortal, type RunOptions } from '../../portals/core/run/portal-run';
import { DeliveryLedger, type LedgerData } from '../../portals/core/collection/ledger';
import type { ReasonCode } from '../../portals/core/outcomes/reasons';
import type { RunResult } from '../../portals/core/outcomes/result';
import type { ConnectionStatus } from '../../portals/core/outcomes/statuses';
import { demoTelecom } from '../../portals/adapters/demo-telecom';
import type { DemoPortal } from '../testbeds/demo-portal';
import { defaultSeed } from '../testbeds/demo-portal/seed';
import { credentials, latestCode, startDemo } from '../helpers/demo';

/**
 * The fault matrix (`npm run test:faults`, also part of `npm test`). Each scenario switches a
 * fault on in a fresh demo portal, runs, and checks the status and reason the user would see;
 * then it clears the fault and runs again (or answers the portal, for codes and captchas) and
 * checks that every document was delivered exactly once over both runs: none lost, none twice.
 * Delivery works as in the nodes: a document counts as delivered only when a run output it,
 * and the next run skips what the ledger holds (by id, and by file hash).
 */
const START = '2026-04-01'; // six documents per customer number: two list pages of three each
const matrix: {
	name: string;
	status_ok: boolean;
	seen: string;
	lost: number;
	duplicates: number;
}[] = [];

interface Connection {
	demo: DemoPortal;
	login: string;
	ledger: LedgerData;
	delivered: { number: string; sha256: string }[];
}

async function connect(login = 'anna@example.test'): Promise<Connection> {
	// A copy of the seed: scenarios may change an account (remove its terms page, say).
	const demo = await startDemo({ pageSize: 3, seed: structuredClone(defaultSeed) });
	return { demo, login, ledger: { entries: {} }, delivered: [] };
}

/** One run as the Download operation with Only New does it; outputs are recorded as delivered. */
async function run(
	conn: Connection,
	extra: Partial<RunOptions> = {},
	creds: Partial<PortalCredentials> = {},
): Promise<RunResult> {
	const ledger = new DeliveryLedger(conn.ledger);
	const result = await runPortal({
		portal: demoTelecom,
		baseUrl: conn.demo.url,
		credentials: credentials(conn.login, creds),
		mode: 'download',
		filters: { startDate: START },
		isDelivered: (doc) => ledger.has(doc),
		isDeliveredFile: (hash) => ledger.hasFile(hash),
		...extra,
	});
	for (const doc of result.documents) {
		conn.delivered.push({ number: doc.number, sha256: doc.sha256 });
		ledger.record(doc, doc.sha256);
	}
	return result;
}

function account(conn: Connection) {
	return conn.demo.state.account(conn.login)!;
}

/** Checks the outcome the user saw, then that nothing was lost or delivered twice, and records the row. */
function verdict(
	name: string,
	conn: Connection,
	first: RunResult,
	want: { status: ConnectionStatus; reason: ReasonCode | null },
	recovered: RunResult,
): void {
	const expected = conn.demo.state.documents
		.filter((d) => d.login === conn.login && d.issueDate >= START)
		.map((d) => d.number);
	const numbers = new Set(conn.delivered.map((d) => d.number));
	const lost = expected.filter((n) => !numbers.has(n)).length;
	const duplicates = conn.delivered.length - new Set(conn.delivered.map((d) => d.sha256)).size;
	const statusOk = first.status === want.status && (first.reason ?? null) === want.reason;
	matrix.push({
		name,
		status_ok: statusOk,
		seen: `${first.status}${first.reason ? ` / ${first.reason}` : ''}`,
		lost,
		duplicates,
	});
	expect({ status: first.status, reason: first.reason ?? null }).toEqual(want);
	expect(recovered).toMatchObject({ status: 'connected', reason: undefined });
	expect({ lost, duplicates }).toEqual({ lost: 0, duplicates: 0 });
	expect(expected.length).toBeGreaterThan(0);
}

/** A scenario whose fault is switched on, then off; the second run is an ordinary run. */
function simple(
	name: string,
	login: string,
	on: (conn: Connection) => void,
	off: (conn: Connection) => void,
	want: { status: ConnectionStatus; reason: ReasonCode | null },
	check?: (first: RunResult) => void,
) {
	test(name, async () => {
		const conn = await connect(login);
		on(conn);
		const first = await run(conn);
		check?.(first);
		off(conn);
		verdict(name, conn, first, want, await run(conn));
	});
}

const pick = (conn: Connection, index: number) =>
	conn.demo.state.documents.filter((d) => d.login === conn.login && d.issueDate >= START)[index]
		.number;

simple(
	'a burst of server errors at login',
	'anna@example.test',
	(c) => (c.demo.state.faults.serverErrors = 2),
	(c) => (c.demo.state.faults.serverErrors = 0),
	{ status: 'connected', reason: 'PORTAL_UNAVAILABLE' },
);
simple(
	'a slow portal (every answer 150 ms later) still delivers everything',
	'anna@example.test',
	(c) => (c.demo.state.faults.slowMs = 150),
	(c) => (c.demo.state.faults.slowMs = 0),
	{ status: 'connected', reason: null },
);
simple(
	'429 too many requests with Retry-After',
	'anna@example.test',
	(c) => (c.demo.state.faults.rateLimitSeconds = 120),
	(c) => delete c.demo.state.faults.rateLimitSeconds,
	{ status: 'connected', reason: 'RATE_LIMITED' },
	(first) => expect(first.retryAfterSeconds).toBe(120),
);
simple(
	'a maintenance page',
	'anna@example.test',
	(c) => (c.demo.state.faults.maintenance = true),
	(c) => (c.demo.state.faults.maintenance = false),
	{ status: 'connected', reason: 'MAINTENANCE' },
);
simple(
	'a redesigned documents table',
	'anna@example.test',
	(c) => (c.demo.state.faults.renamedTable = true),
	(c) => (c.demo.state.faults.renamedTable = false),
	{ status: 'action_required', reason: 'LAYOUT_CHANGED' },
	(first) => expect(first.debug?.screenshot?.subarray(1, 4).toString()).toBe('PNG'),
);
simple(
	'the session ends in the middle of the listing',
	'anna@example.test',
	(c) => (c.demo.state.faults.sessionRequestsLeft = 2),
	(c) => delete c.demo.state.faults.sessionRequestsLeft,
	{ status: 'connected', reason: 'SESSION_EXPIRED' },
);
simple(
	'the connection is cut off in the middle of a download',
	'anna@example.test',
	(c) => (c.demo.state.faults.resetDownloads = [pick(c, 1)]),
	(c) => (c.demo.state.faults.resetDownloads = []),
	{ status: 'connected', reason: 'PARTIAL_RUN' },
	(first) => expect(first.failures.map((f) => f.reason)).toEqual(['DOWNLOAD_FAILED']),
);
simple(
	'a truncated PDF',
	'anna@example.test',
	(c) => (c.demo.state.faults.truncatedDownloads = [pick(c, 2)]),
	(c) => (c.demo.state.faults.truncatedDownloads = []),
	{ status: 'connected', reason: 'PARTIAL_RUN' },
	(first) => expect(first.failures.map((f) => f.reason)).toEqual(['INVALID_FILE']),
);
simple(
	'a web page served as a PDF',
	'anna@example.test',
	(c) => (c.demo.state.faults.htmlDownloads = [pick(c, 0)]),
	(c) => (c.demo.state.faults.htmlDownloads = []),
	{ status: 'connected', reason: 'PARTIAL_RUN' },
);
simple(
	'one download answers a server error',
	'anna@example.test',
	(c) => (c.demo.state.faults.failingDownloads = [pick(c, 3)]),
	(c) => (c.demo.state.faults.failingDownloads = []),
	{ status: 'connected', reason: 'PARTIAL_RUN' },
	(first) => expect(first.failures.map((f) => f.reason)).toEqual(['PORTAL_UNAVAILABLE']),
);
simple(
	'the account is locked on the portal',
	'locked@example.test',
	(c) => c.demo.state.failedLogins.set(c.login, 3),
	(c) => c.demo.state.failedLogins.delete(c.login),
	{ status: 'login_failed', reason: 'ACCOUNT_LOCKED' },
);
simple(
	'new terms to accept (never accepted for the user)',
	'terms@example.test',
	() => undefined,
	(c) => delete account(c).interstitial,
	{ status: 'action_required', reason: 'TERMS_ACCEPTANCE_REQUIRED' },
	(first) => expect(first.status).toBe('action_required'),
);

test('a page that loads from or links to another website: those requests never leave', async () => {
	const conn = await connect();
	// A context confined to the portal, as the engine's are; the demo under another name is "another website".
	const foreign = conn.demo.url.replace('127.0.0.1', 'localhost');
	const outcome = await withContext(async (context) => {
		const boundary = await confineToOrigins(context, [conn.demo.url]);
		const page = await context.newPage();
		await page.goto(`${conn.demo.url}/login`);
		const image = await page.evaluate(
			async (src) =>
				fetch(src).then(
					() => 'loaded',
					() => 'refused',
				),
			`${foreign}/captcha.svg`,
		);
		const navigation = await page.goto(`${foreign}/login`).then(
			() => 'loaded',
			() => 'refused',
		);
		return { image, navigation, reported: boundary.blockedNavigation() };
	});
	expect(outcome).toEqual({
		image: 'refused',
		navigation: 'refused',
		reported: `${foreign}/login`,
	});
	expect([...conn.demo.state.hostsSeen].some((h) => h.startsWith('localhost'))).toBe(false);
});

test('a redirect to another website stops the run and is reported', async () => {
	const conn = await connect();
	const offsite = `${conn.demo.url.replace('127.0.0.1', 'localhost')}/dashboard?session=abc`;
	conn.demo.state.faults.offsiteRedirect = offsite;
	const first = await run(conn);
	expect(first.message).toContain(offsite.split('?')[0]);
	expect(first.message).not.toContain('session=abc');
	// Known gap (portals/core/browser/boundary.ts): the browser follows an HTTP redirect before any route
	// handler sees it, so the demo, under its other name, did receive that one request.
	delete conn.demo.state.faults.offsiteRedirect;
	verdict(
		'a redirect to another website stops the run and is reported',
		conn,
		first,
		{ status: 'action_required', reason: 'NAVIGATION_BLOCKED' },
		await run(conn),
	);
});

test('a wrong password, then the right one', async () => {
	const conn = await connect();
	const first = await run(conn, {}, { password: 'not-the-password' });
	verdict(
		'a wrong password, then the right one',
		conn,
		first,
		{ status: 'login_failed', reason: 'WRONG_CREDENTIALS' },
		await run(conn),
	);
});

test('the same document listed twice under two ids is delivered once', async () => {
	const conn = await connect();
	const original = conn.demo.state.documents.find(
		(d) => d.login === conn.login && d.accountId === 'CUST-1002' && d.issueDate >= START,
	)!;
	// The portal shows a second row for the same bill (another id, the same file).
	conn.demo.state.documents.push({ ...original, id: `${original.id.slice(0, -4)}9999` });
	const first = await run(conn);
	expect(first.counts.alreadyDelivered).toBe(1);
	verdict(
		'the same document listed twice under two ids is delivered once',
		conn,
		first,
		{ status: 'connected', reason: null },
		await run(conn),
	);
});

test('a captcha after failed logins, answered by a person', async () => {
	const conn = await connect('captcha@example.test');
	conn.demo.state.failedLogins.set(conn.login, 2);
	const first = await run(conn);
	expect(first.challenge?.image?.mimeType).toBe('image/png');
	// The person reads the image and types it (here: what the portal expects for that session).
	const session = [...conn.demo.state.sessions.values()].find(
		(s) => s.captchaFor === conn.login && s.captcha,
	)!;
	const recovered = await run(conn, {
		resume: { token: first.challenge!.resumeToken, code: session.captcha! },
	});
	verdict(
		'a captcha after failed logins, answered by a person',
		conn,
		first,
		{ status: 'action_required', reason: 'CAPTCHA_REQUIRED' },
		recovered,
	);
});

test('an SMS code that expires early, then a fresh one', async () => {
	const conn = await connect('sara@example.test');
	conn.demo.state.faults.codeTtlMs = 200;
	const asked = await run(conn);
	expect(asked.reason).toBe('CODE_REQUIRED_SMS');
	await new Promise((done) => setTimeout(done, 400));
	const first = await run(conn, {
		resume: { token: asked.challenge!.resumeToken, code: latestCode(conn.demo, conn.login) },
	});
	// The portal sent a new code with its "expired" message; the new token continues with it.
	delete conn.demo.state.faults.codeTtlMs;
	const recovered = await run(conn, {
		resume: { token: first.challenge!.resumeToken, code: latestCode(conn.demo, conn.login) },
	});
	verdict(
		'an SMS code that expires early, then a fresh one',
		conn,
		first,
		{ status: 'action_required', reason: 'CODE_EXPIRED' },
		recovered,
	);
});

afterAll(() => {
	const width = Math.max(...matrix.map((m) => m.name.length));
	const lines = matrix.map(
		(m) =>
			`${m.name.padEnd(width)}  ${m.status_ok ? 'ok  ' : 'FAIL'}  ${m.seen.padEnd(40)} lost ${m.lost}  twice ${m.duplicates}`,
	);
	process.stdout.write(`\nFault matrix (${matrix.length} scenarios)\n${lines.join('\n')}\n`);
	writeFileSync(
		join(process.cwd(), 'faults-results.json'),
		`${JSON.stringify({ scenarios: matrix.map(({ name, status_ok, lost, duplicates }) => ({ name, status_ok, lost, duplicates })) }, null, 2)}\n`,
	);
});
