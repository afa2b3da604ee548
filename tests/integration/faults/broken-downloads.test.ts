import {
	START,
	onBothEngines,
	pick,
	reachedElsewhere,
	run,
	scenario,
	simple,
	type Engine,
} from './matrix';

/**
 * The fault matrix (matrix.ts): downloads that break, one document at a time, and a bill listed
 * twice: the others still arrive, each exactly once.
 */
function scenarios(engine: Engine): void {
	simple(
		engine,
		'the connection is cut off in the middle of a download',
		'anna@example.test',
		(c) => (c.demo.state.faults.resetDownloads = [pick(c, 1)]),
		(c) => (c.demo.state.faults.resetDownloads = []),
		{ status: 'connected', reason: 'PARTIAL_RUN' },
		{ check: (first) => expect(first.failures.map((f) => f.reason)).toEqual(['DOWNLOAD_FAILED']) },
	);
	simple(
		engine,
		'a truncated PDF',
		'anna@example.test',
		(c) => (c.demo.state.faults.truncatedDownloads = [pick(c, 2)]),
		(c) => (c.demo.state.faults.truncatedDownloads = []),
		{ status: 'connected', reason: 'PARTIAL_RUN' },
		{ check: (first) => expect(first.failures.map((f) => f.reason)).toEqual(['INVALID_FILE']) },
	);
	simple(
		engine,
		'a web page served as a PDF',
		'anna@example.test',
		(c) => (c.demo.state.faults.htmlDownloads = [pick(c, 0)]),
		(c) => (c.demo.state.faults.htmlDownloads = []),
		{ status: 'connected', reason: 'PARTIAL_RUN' },
		{ check: (first) => expect(first.failures.map((f) => f.reason)).toEqual(['INVALID_FILE']) },
	);
	simple(
		engine,
		'a web page dressed as a PDF (%PDF-1.7 in its title, served as application/pdf)',
		'anna@example.test',
		(c) => (c.demo.state.faults.disguisedDownloads = [pick(c, 0)]),
		(c) => (c.demo.state.faults.disguisedDownloads = []),
		{ status: 'connected', reason: 'PARTIAL_RUN' },
		{ check: (first) => expect(first.failures.map((f) => f.reason)).toEqual(['INVALID_FILE']) },
	);
	simple(
		engine,
		'one download leads to another website',
		'anna@example.test',
		(c) => (c.demo.state.faults.offsiteDownloads = [pick(c, 4)]),
		(c) => (c.demo.state.faults.offsiteDownloads = []),
		{ status: 'connected', reason: 'PARTIAL_RUN' },
		{
			check: (first, conn) => {
				expect(first.failures.map((f) => f.reason)).toEqual(['NAVIGATION_BLOCKED']);
				expect(reachedElsewhere(conn)).toBe(false);
			},
		},
	);
	simple(
		engine,
		'one download answers a server error',
		'anna@example.test',
		(c) => (c.demo.state.faults.failingDownloads = [pick(c, 3)]),
		(c) => (c.demo.state.faults.failingDownloads = []),
		{ status: 'connected', reason: 'PARTIAL_RUN' },
		{
			check: (first) => expect(first.failures.map((f) => f.reason)).toEqual(['PORTAL_UNAVAILABLE']),
		},
	);

	scenario(
		engine,
		'the same document listed twice under two ids is delivered once',
		async (conn) => {
			const original = conn.demo.state.documents.find(
				(d) => d.login === conn.login && d.accountId === 'CUST-1002' && d.issueDate >= START,
			)!;
			// The portal shows a second row for the same bill (another id, the same file).
			conn.demo.state.documents.push({ ...original, id: `${original.id.slice(0, -4)}9999` });
			const first = await run(conn);
			expect(first.counts.alreadyDelivered).toBe(1);
			return { first, want: { status: 'connected', reason: null } };
		},
	);
}

onBothEngines(scenarios);
