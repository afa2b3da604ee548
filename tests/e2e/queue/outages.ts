import { BENCH_TOTP_SECRET } from '../../../testbeds/demo-portal/bench-seed';
import {
	executionsOf,
	importAndActivate,
	templateBehindWebhook,
	until,
	type Execution,
} from '../../../testbeds/n8n/n8n-workflows';
import {
	addTally,
	call,
	cluster,
	demo,
	documentsOf,
	ended,
	isOver,
	portalCredential,
	results,
	seed,
	tally,
} from './world';

/** The executions in the order they started: how each ended, and the start of its error. */
const outcomes = (executions: Execution[]) =>
	[...executions]
		.sort((a, b) => Number(a.id) - Number(b.id))
		.map((e) => {
			const error = e.data?.resultData.error?.message;
			return `${e.status}${error ? ` (${error.slice(0, 90)}…)` : ''}`;
		})
		.join('; ');

/** The big account (bench@example.test, 120 documents) behind a workflow of its own. */
async function bigDownload(path: string) {
	const login = seed.accounts[0].login;
	const credential = await portalCredential(
		`Bench big (${path})`,
		login,
		seed.accounts[0].password,
		BENCH_TOTP_SECRET,
	);
	const id = await importAndActivate(
		cluster.main,
		templateBehindWebhook('download-invoices.json', path, credential),
	);
	return { id, login };
}

/** Starts a slowed download and waits until about a third of its documents were sent. */
async function startAndWaitForAThird(path: string, login: string): Promise<void> {
	const before = demo.state.filesServed.get(login) ?? 0;
	const third = Math.ceil(documentsOf(login).length / 3);
	demo.state.faults.slowMs = 40;
	await call(path);
	await until(
		'a third of the documents sent',
		async () => ((demo.state.filesServed.get(login) ?? 0) - before >= third ? true : undefined),
		120,
		cluster.main.log,
	);
}

/**
 * Runs the workflow again until a run is not turned away (a dead run's lease lasts 1 minute at
 * most); every execution of the workflow that ended, with its data. An execution n8n left
 * "running" (its worker died) is not waited for.
 */
async function nextRunsUntilDelivered(id: string, path: string): Promise<Execution[]> {
	const deadline = Date.now() + 200_000;
	for (;;) {
		const over = (await executionsOf(cluster.main, id)).filter(isOver).length;
		await call(path);
		const all = await ended(id, over + 1, 120);
		const latest = all.sort((a, b) => Number(b.id) - Number(a.id))[0];
		if (latest.status === 'success' || Date.now() > deadline) return all;
		await new Promise((r) => setTimeout(r, 15_000));
	}
}

/** A worker killed, Redis emptied, PostgreSQL away, each in the middle of a download: nothing is lost. */
export function outageTests(): void {
	test('a worker killed (kill -9) in the middle of a download: nothing is lost; the next run delivers what the dead one did not', async () => {
		const { id, login } = await bigDownload('queue-crash');
		let victim: number | undefined;
		try {
			await startAndWaitForAThird('queue-crash', login);
			const running = (await executionsOf(cluster.main, id))[0];
			victim = cluster.workerOf(running.id);
			expect(victim).toBeDefined();
			await cluster.workers[victim!].stop('SIGKILL');
		} finally {
			demo.state.faults.slowMs = 0;
		}
		// n8n does not run a dead worker's execution again (its queue allows no stalled job); it
		// marks it failed or crashed. The workflow's next runs carry on from the saved state.
		await cluster.workers[victim!].start(cluster.env);
		const all = await nextRunsUntilDelivered(id, 'queue-crash');
		results.executions += all.length;
		results.notes.push(
			`worker killed mid-download, then runs until one delivered: ${outcomes(all)}`,
		);
		const t = tally(login, all);
		// A document output by the killed execution and again by the next run is the documented
		// repeat after a crash (the dead execution's output is seldom saved at all).
		addTally(t, 'crash_repeats');
		expect(t.lost).toBe(0);
		results.worker_killed_recovered = t.lost === 0 && all.some((e) => e.status === 'success');
		expect(results.worker_killed_recovered).toBe(true);
	});

	test('Redis restarted (emptied) during a run: the run completes or ends with a clear reason, the lease is not stuck, nothing is lost', async () => {
		const { id, login } = await bigDownload('queue-redis');
		try {
			await startAndWaitForAThird('queue-redis', login);
			await cluster.redis.restart();
		} finally {
			demo.state.faults.slowMs = 0;
		}
		// The run in progress: ended one way or another, or left running by n8n (its queue job was
		// in the Redis that was emptied); what it did not deliver, the next runs do.
		const first = await ended(id, 1, 150).catch(() => [] as Execution[]);
		const message = first[0]?.data?.resultData.error?.message ?? '';
		if (first[0])
			expect(first[0].status === 'success' || /STATE_STORE_UNAVAILABLE|Redis/.test(message)).toBe(
				true,
			);
		// The restarted Redis holds no lease: the next run is not turned away.
		const all = await nextRunsUntilDelivered(id, 'queue-redis');
		const latest = all.sort((a, b) => Number(b.id) - Number(a.id))[0];
		expect(latest.data?.resultData.error?.message ?? '').not.toMatch(/CONNECTION_BUSY/);
		results.executions += all.length;
		results.notes.push(
			`Redis restarted mid-run: that run ${first[0] ? `ended "${first[0].status}"` : 'did not end within 150 s'}${message ? ` (${message.slice(0, 120)})` : ''}`,
		);
		const t = tally(login, all);
		addTally(t);
		expect(t).toMatchObject({ lost: 0, duplicates: 0 });
	});

	test('PostgreSQL away for a few seconds during a run: n8n goes on once it is back; nothing the package keeps is lost', async () => {
		const { id, login } = await bigDownload('queue-postgres');
		try {
			await startAndWaitForAThird('queue-postgres', login);
			await cluster.postgres.kill();
			await new Promise((r) => setTimeout(r, 5_000));
			await cluster.postgres.start();
		} finally {
			demo.state.faults.slowMs = 0;
		}
		// While its database is away n8n's editor API answers 503 "Database is not ready!".
		await until(
			"n8n's database to be back",
			() =>
				executionsOf(cluster.main, id).then(
					() => true,
					() => undefined,
				),
			120,
			cluster.main.log,
		);
		const all = await nextRunsUntilDelivered(id, 'queue-postgres');
		results.executions += all.length;
		// The execution that was running when the database went away, where n8n still lists it.
		const open = (await executionsOf(cluster.main, id)).filter((e) => !isOver(e));
		results.notes.push(
			`PostgreSQL away 5 s mid-run, then runs until one delivered: ${outcomes(all)}; listed by n8n as not ended: ${open.map((e) => e.status).join(', ') || 'none'}`,
		);
		const t = tally(login, all);
		// An execution n8n could not save is a crash for the package: what it output may come again.
		addTally(t, 'crash_repeats');
		expect(t.lost).toBe(0);
		// A run delivered in the end; the runs after the outage that were held back meanwhile said why
		// (the execution interrupted by the outage, the first, may have ended with n8n's own error).
		// A run after the outage may also meet n8n's own database pool still reconnecting
		// on its worker (node-postgres: "timeout exceeded when trying to connect", seen once in CI on
		// a loaded machine): n8n's error, not ours; what it lost is counted above like any other.
		expect(all.map((e) => e.status)).toContain('success');
		const after = [...all].sort((a, b) => Number(a.id) - Number(b.id)).slice(1);
		for (const e of after.filter((x) => x.status !== 'success'))
			expect(e.data?.resultData.error?.message).toMatch(
				/CONNECTION_BUSY|timeout exceeded when trying to connect/,
			);
	});
}
