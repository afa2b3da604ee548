import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchSeed } from '../../../testbeds/demo-portal/bench-seed';
import { ROOT } from '../../../testbeds/n8n/n8n-server';
import { startDemoPortal, type DemoPortal } from '../../../testbeds/demo-portal';
import {
	ensureMailServerInstalled,
	startMailServer,
	type MailServer,
} from '../../../testbeds/mail-server';
import { startSmtpCatcher } from '../../../testbeds/smtp-catcher';
import { startQueueCluster, type QueueCluster } from '../queue-cluster';
import {
	executionsOf,
	finished,
	itemsOf,
	until,
	type CredentialRef,
	type Execution,
} from '../../../testbeds/n8n/n8n-workflows';

/**
 * What the queue-mode tests share (tests/e2e/queue-mode.e2e.ts): one cluster (a main and two
 * workers), the demo portal, the mail catcher and mailbox, started once for the file by
 * useQueueWorld(); the counts that go to queue-results.json; the helpers that start and count
 * executions. The running parts are live bindings, set in useQueueWorld()'s beforeAll.
 */

export const OWNER = { email: 'owner@example.test', password: 'Owner-Passw0rd!' };
export const CONNECTIONS = 20;
export const PDFS = 'PDFs: archive, book or e-mail them here';

export let cluster: QueueCluster;
export let demo: DemoPortal;
export let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
// The big account keeps 120 documents whatever the load: a kill must land mid-download.
export const { seed, others: accounts } = benchSeed(120, CONNECTIONS);
export const SARA = {
	login: 'sara@example.test',
	password: 'sara-pass',
};
export const results = {
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
export const ERIC = { login: 'eric@example.test', password: 'eric-pass' };
export let mailbox: MailServer;

/** Starts the cluster, the demo portal and the mail servers before the file's tests; writes the results and stops them after. */
export function useQueueWorld(): void {
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
}

export async function portalCredential(
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

export const documentsOf = (login: string) =>
	demo.state.documents
		.filter((d) => d.login === login)
		.map((d) => d.number)
		.sort();

/** Starts a workflow's webhook; n8n answers at once and a worker takes the execution. */
export async function call(path: string): Promise<void> {
	const res = await fetch(`${cluster.main.url}/webhook/${path}`, { method: 'POST' });
	if (res.status !== 200) throw new Error(`webhook ${path}: ${res.status} ${await res.text()}`);
}

export const isOver = (e: Execution) => !['new', 'running', 'waiting'].includes(e.status);

/** Every execution of the workflow that ended, once `count` of them did. */
export async function ended(
	workflowId: string,
	count: number,
	seconds = 180,
): Promise<Execution[]> {
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

/**
 * Adds one login's tally to the results; `repeats` says where documents that came twice count
 * (the documented repeat after a crash is listed apart from duplicates).
 */
export function addTally(
	t: ReturnType<typeof tally>,
	repeats: 'duplicates' | 'crash_repeats' = 'duplicates',
): void {
	results.documents_expected += t.expected;
	results.documents_delivered += t.delivered;
	results.lost += t.lost;
	results[repeats] += t.duplicates;
}

/** Documents delivered, lost and delivered twice for one login, counted from executions' data. */
export function tally(login: string, executions: Execution[], node = PDFS) {
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
