import Redis from 'ioredis';
import { BENCH_TOTP_SECRET } from '../../../testbeds/demo-portal/bench-seed';
import {
	executionsOf,
	importAndActivate,
	itemsOf,
	templateBehindWebhook,
	type CredentialRef,
	type Execution,
} from '../../../testbeds/n8n/n8n-workflows';
import {
	accounts,
	addTally,
	call,
	cluster,
	CONNECTIONS,
	demo,
	documentsOf,
	ended,
	PDFS,
	portalCredential,
	results,
	tally,
} from './world';

/** Twenty connections at once over two workers: every document once, one login at a time, statuses shared. */
export function loadTests(): void {
	test(`${CONNECTIONS} connections downloading at once, each started twice, spread over both workers: every document once, one login at a time per connection, statuses shared by every process`, async () => {
		const workflows: { id: string; login: string; credential: CredentialRef }[] = [];
		for (const [i, account] of accounts.entries()) {
			const credential = await portalCredential(
				`Bench ${i + 1}`,
				account.login,
				account.password,
				BENCH_TOTP_SECRET,
			);
			const id = await importAndActivate(
				cluster.main,
				templateBehindWebhook('download-invoices.json', `queue-${i}`, credential),
			);
			workflows.push({ id, login: account.login, credential });
		}
		// Two calls of every workflow at the same moment: forty executions over two workers.
		await Promise.all(workflows.flatMap((_, i) => [call(`queue-${i}`), call(`queue-${i}`)]));
		const perWorker = new Set<number>();
		for (const w of workflows) {
			const executions = await ended(w.id, 2);
			results.executions += executions.length;
			for (const e of executions) {
				const worker = cluster.workerOf(e.id);
				if (worker !== undefined) perWorker.add(worker);
			}
			const t = tally(w.login, executions);
			addTally(t);
			expect({ login: w.login, lost: t.lost, duplicates: t.duplicates }).toEqual({
				login: w.login,
				lost: 0,
				duplicates: 0,
			});
			// One of the two delivered; the other waited, then ended CONNECTION_BUSY having sent nothing
			// (or, taken after the first was saved, found nothing new).
			expect(executions.map((e) => e.status)).toContain('success');
			for (const e of executions.filter((x) => x.status !== 'success'))
				expect(e.data?.resultData.error?.message).toMatch(/CONNECTION_BUSY/);
		}
		expect([...perWorker].sort()).toEqual([0, 1]);
		for (const account of accounts) expect(demo.state.sessionsAtOnce.get(account.login)).toBe(1);

		// The statuses are in n8n's Redis: what the workers recorded, any process reads.
		const redis = new Redis({ host: '127.0.0.1', port: cluster.redis.port });
		try {
			const records = Object.values(await redis.hgetall('invoice-portals:status')).map(
				(json) => JSON.parse(json) as { status: string },
			);
			expect(records.map((r) => r.status)).toEqual(Array(CONNECTIONS).fill('connected'));
		} finally {
			redis.disconnect();
		}
		// Get Status, run by whichever worker takes it, shows what another worker recorded.
		const status = templateBehindWebhook(
			'download-invoices.json',
			'queue-status',
			workflows[0].credential,
		);
		const portalNode = status.nodes.find((n) => n.name === 'Invoice Portal')!;
		portalNode.parameters = { resource: 'connection', operation: 'getStatus' };
		const statusId = await importAndActivate(cluster.main, status);
		// Asked until a worker other than the one that downloaded (and recorded the status) answers:
		// n8n hands each execution to whichever worker asks first.
		const recorder = cluster.workerOf(
			(await executionsOf(cluster.main, workflows[0].id)).find((e) => e.status === 'success')!.id,
		);
		let shown: Execution[] = [];
		while (shown.length < 12 && !shown.some((e) => cluster.workerOf(e.id) === 1 - recorder!)) {
			await call('queue-status');
			shown = await ended(statusId, shown.length + 1);
		}
		results.executions += shown.length;
		expect(shown.map((e) => cluster.workerOf(e.id))).toContain(1 - recorder!);
		for (const e of shown)
			expect(itemsOf(e, PDFS)[0]?.json).toMatchObject({
				status: 'connected',
				lastCounts: { found: documentsOf(workflows[0].login).length },
			});
	});
}

/** n8n's Remove Duplicates node drops a document that comes again (the recipe of docs/deployment.md). */
export function duplicateTests(): void {
	test("a document that comes again (at least once) is dropped downstream by n8n's Remove Duplicates node, keyed on the item's portal, id and sha256", async () => {
		// The recipe of docs/deployment.md (Queue mode). Only New off stands in for the repeat after a crash: the second run
		// outputs every document again, and the node, whose memory n8n keeps in its database (shared
		// by the workers), lets none of them through.
		const account = accounts[1];
		const credential = await portalCredential(
			'Dedupe',
			account.login,
			account.password,
			BENCH_TOTP_SECRET,
		);
		const workflow = templateBehindWebhook('download-invoices.json', 'queue-dedupe', credential);
		const portal = workflow.nodes.find((n) => n.name === 'Invoice Portal')!;
		portal.parameters.onlyNew = false;
		workflow.nodes.push({
			name: 'Remove Duplicates',
			type: 'n8n-nodes-base.removeDuplicates',
			typeVersion: 2,
			position: [640, 200],
			parameters: {
				operation: 'removeItemsSeenInPreviousExecutions',
				dedupeValue: '={{ $json.portal }}|{{ $json.id }}|{{ $json.sha256 }}',
				options: {},
			},
		});
		const outputs = (workflow.connections['Invoice Portal'] as { main: unknown[][] }).main;
		workflow.connections['Remove Duplicates'] = { main: [outputs[0]] };
		outputs[0] = [{ node: 'Remove Duplicates', type: 'main', index: 0 }];
		const id = await importAndActivate(cluster.main, workflow);
		await call('queue-dedupe');
		await ended(id, 1);
		await call('queue-dedupe');
		const [first, second] = (await ended(id, 2)).sort((a, b) => Number(a.id) - Number(b.id));
		results.executions += 2;
		const numbers = (e: Execution, node: string) =>
			itemsOf(e, node)
				.map((i) => String(i.json.number))
				.sort();
		expect(numbers(first, PDFS)).toEqual(documentsOf(account.login));
		expect(numbers(second, 'Invoice Portal')).toEqual(documentsOf(account.login));
		expect(numbers(second, PDFS)).toEqual([]);
	});
}
