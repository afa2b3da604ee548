import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { BENCH_TOTP_SECRET, benchSeed } from '../../testbeds/demo-portal/bench-seed';
import { ROOT } from '../../testbeds/n8n/n8n-server';
import { startDemoPortal, type DemoPortal } from '../../testbeds/demo-portal';
import {
	ensureMailServerInstalled,
	startMailServer,
	type MailServer,
} from '../../testbeds/mail-server';
import { mailText, startSmtpCatcher } from '../../testbeds/smtp-catcher';
import { startQueueCluster, type QueueCluster } from './queue-cluster';
import {
	dueAtOnce,
	executionsOf,
	finished,
	importAndActivate,
	itemsOf,
	mailboxTemplate,
	smtpCredential,
	submitForm,
	templateBehindWebhook,
	until,
	waitingLink,
	whileActive,
	type CredentialRef,
	type Execution,
} from '../../testbeds/n8n/n8n-workflows';

/**
 * Issue 19: n8n's queue mode on loopback. Redis and PostgreSQL from Debian's packages, the real
 * n8n server (2.8.4) as one main and two workers, each with its own user folder; the package
 * installed in each as users install it. Counts go to queue-results.json.
 */
const OWNER = { email: 'owner@example.test', password: 'Owner-Passw0rd!' };
const CONNECTIONS = 20;
const PDFS = 'PDFs: archive, book or e-mail them here';

let cluster: QueueCluster;
let demo: DemoPortal;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
// The big account keeps 120 documents whatever the load: a kill must land mid-download.
const { seed, others: accounts } = benchSeed(120, CONNECTIONS);
const SARA = {
	login: 'sara@example.test',
	password: 'sara-pass',
};
const results = {
	workers: 0,
	executions: 0,
	connections: CONNECTIONS,
	documents_expected: 0,
	documents_delivered: 0,
	lost: 0,
	duplicates: 0,
	crash_repeats: 0,
	max_concurrent_logins_per_connection: 0,
	worker_killed_recovered: false,
	notes: [] as string[],
};

/** Eric's codes come by e-mail, to a real mailbox (Postfix and Dovecot on loopback). */
const ERIC = { login: 'eric@example.test', password: 'eric-pass' };
let mailbox: MailServer;

beforeAll(async () => {
	smtp = await startSmtpCatcher();
	ensureMailServerInstalled();
	mailbox = await startMailServer();
	// The bench's authenticator accounts, Sara, whose codes come by SMS, and Eric.
	demo = await startDemoPortal({
		smtp: { ...mailbox.smtp, to: mailbox.address },
		seed: {
			...seed,
			accounts: [
				...seed.accounts,
				{
					login: ERIC.login,
					password: ERIC.password,
					name: 'Eric',
					secondFactor: ['email'],
					documentsPerSubAccount: 3,
					subAccounts: [{ id: 'CUST-4001', label: 'Line 4001' }],
				},
				{
					login: SARA.login,
					password: SARA.password,
					name: 'Sara',
					secondFactor: ['sms'],
					documentsPerSubAccount: 3,
					subAccounts: [{ id: 'CUST-7001', label: 'Line 7001' }],
				},
			],
		},
		pageSize: 5,
		latencyMs: 5,
	});
	cluster = await startQueueCluster(2);
	results.workers = cluster.workers.length;
	await cluster.main.setupOwner(OWNER);
}, 900_000);

afterAll(async () => {
	results.max_concurrent_logins_per_connection = Math.max(
		0,
		...[...(demo?.state.sessionsAtOnce.values() ?? [])],
	);
	writeFileSync(join(ROOT, 'queue-results.json'), `${JSON.stringify(results, null, 2)}\n`);
	await cluster?.stop();
	await demo?.close();
	await smtp?.close();
	await mailbox?.stop();
});

async function portalCredential(
	name: string,
	login: string,
	password: string,
	totp = '',
	portal = 'demo-telecom-definition',
): Promise<CredentialRef> {
	const { id } = await cluster.main.api<{ id: string }>('POST', '/credentials', {
		name,
		type: 'invoicePortalApi',
		data: { portal, loginUrl: demo.url, username: login, password, authenticatorSecret: totp },
	});
	return { id, name };
}

const documentsOf = (login: string) =>
	demo.state.documents
		.filter((d) => d.login === login)
		.map((d) => d.number)
		.sort();

/** Starts a workflow's webhook; n8n answers at once and a worker takes the execution. */
async function call(path: string): Promise<void> {
	const res = await fetch(`${cluster.main.url}/webhook/${path}`, { method: 'POST' });
	if (res.status !== 200) throw new Error(`webhook ${path}: ${res.status} ${await res.text()}`);
}

const isOver = (e: Execution) => !['new', 'running', 'waiting'].includes(e.status);

/** Every execution of the workflow that ended, once `count` of them did. */
async function ended(workflowId: string, count: number, seconds = 180): Promise<Execution[]> {
	const done = await until(
		`${count} ended executions of workflow ${workflowId}`,
		async () => {
			const list = await executionsOf(cluster.main, workflowId);
			const over = list.filter(isOver);
			return over.length >= count ? over : undefined;
		},
		seconds,
		cluster.main.log,
	);
	return Promise.all(done.map((e) => finished(cluster.main, e.id)));
}

/** The executions in the order they started: how each ended, and the start of its error. */
const outcomes = (executions: Execution[]) =>
	[...executions]
		.sort((a, b) => Number(a.id) - Number(b.id))
		.map((e) => {
			const error = e.data?.resultData.error?.message;
			return `${e.status}${error ? ` (${error.slice(0, 90)}…)` : ''}`;
		})
		.join('; ');

/**
 * Adds one login's tally to the results; `repeats` says where documents that came twice count
 * (the documented repeat after a crash is listed apart from duplicates).
 */
function addTally(
	t: ReturnType<typeof tally>,
	repeats: 'duplicates' | 'crash_repeats' = 'duplicates',
): void {
	results.documents_expected += t.expected;
	results.documents_delivered += t.delivered;
	results.lost += t.lost;
	results[repeats] += t.duplicates;
}

/** Documents delivered, lost and delivered twice for one login, counted from executions' data. */
function tally(login: string, executions: Execution[], node = PDFS) {
	const numbers = executions.flatMap((e) => itemsOf(e, node).map((i) => String(i.json.number)));
	const expected = documentsOf(login);
	const unique = new Set(numbers);
	return {
		expected: expected.length,
		delivered: unique.size,
		lost: expected.filter((n) => !unique.has(n)).length,
		duplicates: numbers.length - unique.size,
	};
}

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

/** A code template behind a webhook for Sara (SMS codes), its e-mails to the mail catcher. */
async function saraTemplate(file: string, path: string) {
	const sara = await portalCredential(
		`Sara (${path})`,
		SARA.login,
		SARA.password,
		'',
		'demo-telecom',
	);
	const mailCatcher = await smtpCredential(cluster.main, smtp.port);
	const workflow = templateBehindWebhook(file, path, sara);
	for (const node of workflow.nodes)
		if (node.type === 'n8n-nodes-base.emailSend') node.credentials = { smtp: mailCatcher };
	return workflow;
}

const latestSms = () => [...demo.state.outbox].reverse().find((m) => m.login === SARA.login)!;

/** The execution that waits for the code, and the link to its form in the e-mail. */
async function waitingWithFormLink(id: string, mailsBefore: number) {
	const waiting = await until(
		'the execution to wait for the code',
		async () => (await executionsOf(cluster.main, id, ['waiting']))[0],
		120,
		cluster.main.log,
	);
	const mail = await until('the code e-mail', async () => smtp.mails[mailsBefore]);
	const url = waitingLink(mailText(mail), 'form-waiting');
	expect(url).toBeDefined();
	return { waiting, url: url! };
}

const numbersOf = (e: Execution, node: string) =>
	itemsOf(e, node)
		.map((i) => String(i.json.number))
		.sort();

test('form template: the code typed into the form (served by the main) resumes the execution on a worker, with every PDF', async () => {
	const id = await importAndActivate(
		cluster.main,
		await saraTemplate('code-via-form.json', 'queue-form'),
	);
	const mails = smtp.mails.length;
	await call('queue-form');
	const { waiting, url } = await waitingWithFormLink(id, mails);
	await submitForm(url, latestSms().code);
	const done = await finished(cluster.main, waiting.id, 120);
	results.executions += 1;
	expect(done.status).toBe('success');
	expect(numbersOf(done, 'Documents: your next steps')).toEqual(documentsOf(SARA.login));
});

test('trigger template: the trigger polls on the main, its code request is answered in the form, and a worker delivers the PDFs', async () => {
	const workflow = await saraTemplate('trigger-code-via-form.json', 'queue-trigger');
	dueAtOnce(
		workflow.nodes.find((n) => n.type === 'n8n-nodes-invoice-portals.invoicePortalTrigger')!,
	);
	const mails = smtp.mails.length;
	const id = await importAndActivate(cluster.main, workflow);
	await whileActive(cluster.main, id, async () => {
		const { waiting, url } = await waitingWithFormLink(id, mails);
		await submitForm(url, latestSms().code);
		const done = await finished(cluster.main, waiting.id, 120);
		results.executions += 1;
		expect(done.status).toBe('success');
		expect(numbersOf(done, 'Documents: your next steps')).toEqual(documentsOf(SARA.login));
	});
});

test('mailbox template: the trigger reads the e-mailed code from the mailbox (IMAP) and the PDFs arrive, no one answering', async () => {
	const portal = await portalCredential(
		'Eric (e-mail code)',
		ERIC.login,
		ERIC.password,
		'',
		'demo-telecom',
	);
	const workflow = await mailboxTemplate(cluster.main, mailbox, 'queue-mailbox', portal);
	const id = await importAndActivate(cluster.main, workflow);
	await whileActive(cluster.main, id, async () => {
		const [done] = await ended(id, 1, 180);
		results.executions += 1;
		expect(done.status).toBe('success');
		expect(numbersOf(done, 'Save PDF to disk')).toEqual(documentsOf(ERIC.login));
	});
});

test('a login waiting for its SMS code in a Wait node resumes on the other worker, and finishes with every PDF', async () => {
	const workflow = await saraTemplate('code-via-webhook.json', 'queue-code');
	const id = await importAndActivate(cluster.main, workflow);
	const mails = smtp.mails.length;
	await call('queue-code');
	const waiting = await until(
		'the execution to wait for the code',
		async () => (await executionsOf(cluster.main, id, ['waiting']))[0],
		120,
		cluster.main.log,
	);
	const first = cluster.workerOf(waiting.id);
	expect(first).toBeDefined();
	const mail = await until('the code e-mail', async () => smtp.mails[mails]);
	const url = waitingLink(mailText(mail), 'webhook-waiting');
	expect(url).toBeDefined();
	// The worker that began it goes away (stopped as a container is): only the other can resume it.
	const starter = cluster.workers[first!];
	await starter.stop();
	try {
		const sms = latestSms();
		const res = await fetch(url!, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ from: 'Demo Telecom', message: sms.text }),
		});
		expect(res.status).toBe(200);
		const done = await finished(cluster.main, waiting.id, 120);
		results.executions += 1;
		expect(done.status).toBe('success');
		const other = cluster.workers[1 - first!];
		expect(other.log.some((l) => l.includes(`Worker started execution ${waiting.id} (`))).toBe(
			true,
		);
		expect(
			itemsOf(done, 'Documents: your next steps')
				.map((i) => String(i.json.number))
				.sort(),
		).toEqual(documentsOf(SARA.login));
	} finally {
		await starter.start(cluster.env);
	}
});

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
	results.notes.push(`worker killed mid-download, then runs until one delivered: ${outcomes(all)}`);
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
