import type { RunResult } from '../../../portals/core/outcomes/result';
import { expectDebugMaterial, onBothEngines, run, scenario, simple, type Engine } from './matrix';

/**
 * The fault matrix (matrix.ts): the portal itself in trouble: errors, slowness, a huge or
 * stalled page, rate limits, maintenance, a redesign, a session that ends.
 */
function scenarios(engine: Engine): void {
	simple(
		engine,
		'a burst of server errors at login',
		'anna@example.test',
		(c) => (c.demo.state.faults.serverErrors = 2),
		(c) => (c.demo.state.faults.serverErrors = 0),
		{ status: 'connected', reason: 'PORTAL_UNAVAILABLE' },
	);
	simple(
		engine,
		'a slow portal (every answer 150 ms later) still delivers everything',
		'anna@example.test',
		(c) => (c.demo.state.faults.slowMs = 150),
		(c) => (c.demo.state.faults.slowMs = 0),
		{ status: 'connected', reason: null },
	);
	scenario(
		engine,
		'the documents page never answers (page time limit set to 2 s)',
		async (conn) => {
			conn.demo.state.faults.stalledPaths = ['/invoices'];
			const saved = process.env.INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS;
			process.env.INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS = '2';
			let first: RunResult;
			try {
				first = await run(conn);
			} finally {
				if (saved === undefined) delete process.env.INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS;
				else process.env.INVOICE_PORTALS_PAGE_TIMEOUT_SECONDS = saved;
			}
			conn.demo.state.faults.stalledPaths = [];
			return { first, want: { status: 'connected', reason: 'TIMEOUT' } };
		},
	);
	simple(
		engine,
		'a 50 MB documents page (streamed, no length given)',
		'anna@example.test',
		(c) => (c.demo.state.faults.listPaddingBytes = 50 * 1024 * 1024),
		(c) => delete c.demo.state.faults.listPaddingBytes,
		{ status: 'connected', reason: 'PORTAL_UNAVAILABLE' },
		{
			check: (first) => {
				expect(first.message).toMatch(/larger than \d+ MB .*it was not read/);
				// Nothing of the page went into the result (no debug HTML of it).
				expect(JSON.stringify(first).length).toBeLessThan(64 * 1024);
			},
		},
	);
	simple(
		engine,
		'429 too many requests with Retry-After',
		'anna@example.test',
		(c) => (c.demo.state.faults.rateLimitSeconds = 120),
		(c) => delete c.demo.state.faults.rateLimitSeconds,
		{ status: 'connected', reason: 'RATE_LIMITED' },
		{ check: (first) => expect(first.retryAfterSeconds).toBe(120) },
	);
	simple(
		engine,
		'a maintenance page',
		'anna@example.test',
		(c) => (c.demo.state.faults.maintenance = true),
		(c) => (c.demo.state.faults.maintenance = false),
		{ status: 'connected', reason: 'MAINTENANCE' },
	);
	simple(
		engine,
		'a redesigned documents table',
		'anna@example.test',
		(c) => (c.demo.state.faults.renamedTable = true),
		(c) => (c.demo.state.faults.renamedTable = false),
		{ status: 'action_required', reason: 'LAYOUT_CHANGED' },
		// The definition names its list (documents.list), so renamed rows are not an empty list.
		{ check: (first, conn) => expectDebugMaterial(conn, first) },
	);
	simple(
		engine,
		'the session ends in the middle of the listing',
		'anna@example.test',
		(c) => (c.demo.state.faults.sessionRequestsLeft = 2),
		(c) => delete c.demo.state.faults.sessionRequestsLeft,
		{ status: 'connected', reason: 'SESSION_EXPIRED' },
	);
}

onBothEngines(scenarios);
