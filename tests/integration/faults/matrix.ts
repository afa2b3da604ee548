import type { PortalCredentials, PortalDefinition } from '../../../portals/core/contract/adapter';
import type { EngineName } from '../../../portals/core/contract/surface';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import type { ReasonCode } from '../../../portals/core/outcomes/reasons';
import type { RunResult } from '../../../portals/core/outcomes/result';
import type { ConnectionStatus } from '../../../portals/core/contract/statuses';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import { portalBySlug } from '../../../portals/registry';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { defaultSeed } from '../../../testbeds/demo-portal/seed';
import { credentials, startDemo } from '../../helpers/demo';
import { findSecrets } from '../../helpers/secret-scan';
import { hideBrowsers } from '../../helpers/hide-browsers';
import { writeMatrix, type Row } from './matrix-report';

/**
 * The fault matrix (`npm run test:faults`, also part of `npm test`), once per engine; each test
 * file of this folder holds one kind of fault. Each scenario switches a fault on in a fresh demo
 * portal, runs, and checks the status and reason the user would see; then it clears the fault and
 * runs again (or answers the portal, for codes and captchas) and checks that every document was
 * delivered exactly once over both runs: none lost, none twice. Delivery works as in the nodes: a
 * document counts as delivered only when a run output it, and the next run skips what the ledger
 * holds (by id, and by file hash).
 *
 * The engines show the same classic layout of the demo portal: the browser through the coded
 * adapter Demo Telecom (coded adapters always use the browser), plain HTTP through its definition
 * demo-telecom-definition (engine auto, which stays on HTTP: the layout needs no scripts). Where
 * the HTTP row cannot see what the browser row sees, the matrix says why: either the fault cannot
 * happen over HTTP (an `n/a` row, and the test checks what happens instead), or the definition
 * reader cannot tell it apart (a `gap` row): it reads both engines' pages alike, and the same
 * definition with "engine": "browser" reported the same outcomes when this matrix was written, so
 * the engine is not the cause. Gap rows assert what the definition reports today, so that closing
 * a gap shows up here. The table in docs/reliability.md is this matrix as its last run printed it.
 */
export const START = '2026-04-01'; // six documents per customer number: two list pages of three each

export type Engine = EngineName;

const PORTALS: Record<Engine, PortalDefinition> = {
	browser: demoTelecom,
	http: portalBySlug('demo-telecom-definition'),
};

export interface Want {
	status: ConnectionStatus;
	reason: ReasonCode | null;
}

/**
 * What the definition reader reports instead of the browser row's outcome, and why. The HTTP row
 * asserts exactly this, so that the matrix notices when the gap is closed.
 */
export interface Gap extends Want {
	why: string;
}

/** This test file's rows (each file runs in its own module registry). */
export const matrix: Row[] = [];

export interface Connection {
	engine: Engine;
	demo: DemoPortal;
	login: string;
	ledger: LedgerData;
	delivered: { number: string; sha256: string }[];
}

export async function connect(engine: Engine, login = 'anna@example.test'): Promise<Connection> {
	// A copy of the seed: scenarios may change an account (remove its terms page, say).
	const demo = await startDemo({ pageSize: 3, seed: structuredClone(defaultSeed) });
	return { engine, demo, login, ledger: { entries: {} }, delivered: [] };
}

/** One run as the Download operation with Only New does it; outputs are recorded as delivered. */
export async function run(
	conn: Connection,
	extra: Partial<RunOptions> = {},
	creds: Partial<PortalCredentials> = {},
): Promise<RunResult> {
	const ledger = new DeliveryLedger(conn.ledger);
	const result = await runPortal({
		portal: PORTALS[conn.engine],
		baseUrl: conn.demo.url,
		credentials: credentials(conn.login, creds),
		mode: 'download',
		filters: { startDate: START },
		collect: {
			isDelivered: (doc) => ledger.has(doc),
			isDeliveredFile: (hash) => ledger.hasFile(hash),
		},
		...extra,
	});
	// An `auto` run that had moved to the browser would say so here (and with every browser
	// hidden it could not have started one: the run would have thrown BROWSER_UNAVAILABLE).
	expect(result.engine).toBe(conn.engine);
	for (const doc of result.documents) {
		conn.delivered.push({ number: doc.number, sha256: doc.sha256 });
		ledger.record(doc, doc.sha256);
	}
	return result;
}

/** Whether the demo, under its other name (localhost), received any request. */
export function reachedElsewhere(conn: Connection): boolean {
	return [...conn.demo.state.hostsSeen].some((h) => h.startsWith('localhost'));
}

export function account(conn: Connection) {
	return conn.demo.state.account(conn.login)!;
}

const outcome = (result: RunResult): Want => ({
	status: result.status,
	reason: result.reason ?? null,
});
export const shown = (result: RunResult) =>
	`${result.status}${result.reason ? ` / ${result.reason}` : ''}`;

/**
 * Checks the outcome the user saw (the browser row's `want`; over HTTP the `gap`'s, where there
 * is one), then that nothing was lost or delivered twice, and records the row.
 */
export function verdict(
	name: string,
	conn: Connection,
	first: RunResult,
	want: Want,
	recovered: RunResult,
	{ gap, note }: { gap?: Gap; note?: string } = {},
): void {
	const expected = conn.demo.state.documents
		.filter((d) => d.login === conn.login && d.issueDate >= START)
		.map((d) => d.number);
	const numbers = new Set(conn.delivered.map((d) => d.number));
	const lost = expected.filter((n) => !numbers.has(n)).length;
	const duplicates = conn.delivered.length - new Set(conn.delivered.map((d) => d.sha256)).size;
	const known =
		conn.engine === 'http' && gap ? { status: gap.status, reason: gap.reason } : undefined;
	const seenIs = (o: Want) => JSON.stringify(outcome(first)) === JSON.stringify(o);
	matrix.push({
		name,
		engine: conn.engine,
		verdict: seenIs(want) ? 'ok' : known && seenIs(known) ? 'gap' : 'FAIL',
		seen: shown(first),
		lost,
		duplicates,
		note: known ? gap?.why : note,
	});
	expect(outcome(first)).toEqual(known ?? want);
	expect(recovered).toMatchObject({ status: 'connected', reason: undefined });
	expect({ lost, duplicates }).toEqual({ lost: 0, duplicates: 0 });
	expect(expected.length).toBeGreaterThan(0);
}

/** A fault that cannot happen on this engine: the row says why; the test checks that instead. */
export function notApplicable(name: string, engine: Engine, why: string, seen?: string): void {
	matrix.push({ name, engine, verdict: 'n/a', seen, note: why });
}

/**
 * The material a bug report gets with a result that wants a person to look at the page: a
 * screenshot in the browser; over HTTP there is nothing to draw it with, so the page's HTML,
 * redacted: none of the secrets the portal issued or was sent, although the page had a CSRF field.
 */
export function expectDebugMaterial(conn: Connection, result: RunResult): void {
	if (conn.engine === 'browser') {
		expect(result.debug?.screenshot?.subarray(1, 4).toString()).toBe('PNG');
		return;
	}
	expect(result.debug?.screenshot).toBeUndefined();
	const html = result.debug?.html ?? '';
	expect(html).toMatch(/name="csrf" value="\[redacted\]"/);
	expect(findSecrets([{ source: 'debug html', text: html }], conn.demo.state.secrets())).toEqual(
		[],
	);
}

interface Options {
	check?: (first: RunResult, conn: Connection) => void;
	gap?: Gap;
}

/** The number of the `index`th document the scenario's login has in the listed range. */
export const pick = (conn: Connection, index: number) =>
	conn.demo.state.documents.filter((d) => d.login === conn.login && d.issueDate >= START)[index]
		.number;

/** What a scenario's first run showed, and what the verdict compares it with. */
export interface Outcome {
	/** The run with the fault. */
	first: RunResult;
	/** What the user should see (the browser row's outcome). */
	want: Want;
	/** The run after the fault; by default an ordinary run once the scenario has returned. */
	recovered?: RunResult;
	gap?: Gap;
	note?: string;
}

/**
 * A scenario as a test: `body` gets a fresh demo portal and connection for `login`, runs with the
 * fault, checks what is particular to it and clears the fault; then the verdict.
 */
export function scenario(
	engine: Engine,
	name: string,
	body: (conn: Connection) => Promise<Outcome>,
	login?: string,
): void {
	test(name, async () => {
		const conn = await connect(engine, login);
		const { first, want, recovered, gap, note } = await body(conn);
		verdict(name, conn, first, want, recovered ?? (await run(conn)), { gap, note });
	});
}

/** A scenario whose fault is switched on, then off; the second run is an ordinary run. */
export function simple(
	engine: Engine,
	name: string,
	login: string,
	on: (conn: Connection) => void,
	off: (conn: Connection) => void,
	want: Want,
	options: Options = {},
) {
	scenario(
		engine,
		name,
		async (conn) => {
			on(conn);
			const first = await run(conn);
			options.check?.(first, conn);
			off(conn);
			return { first, want, gap: options.gap };
		},
		login,
	);
}

/**
 * The file's scenarios on both engines (plain HTTP with every browser hidden, then the
 * browser), and its rows of the matrix printed and written once they have run.
 */
export function onBothEngines(scenarios: (engine: Engine) => void): void {
	describe('over plain HTTP: the definition demo-telecom-definition, every browser hidden', () => {
		hideBrowsers();
		scenarios('http');
	});
	describe('in the browser: the coded adapter Demo Telecom', () => {
		scenarios('browser');
	});
	afterAll(() => writeMatrix(matrix));
}
