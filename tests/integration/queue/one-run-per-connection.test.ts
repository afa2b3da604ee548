import type { INodeExecutionData } from 'n8n-workflow';
import { pollWorkflow, runWorkflow } from '../../../testbeds/n8n-engine';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { startDemo } from '../../helpers/demo';
import { demoCredential, loadWorkflow } from '../../helpers/workflows';

/**
 * Issue 19: one run per connection at a time. Two executions that start at the same moment make
 * one login between them, and deliver every document once over both. The demo's classic layout
 * through its definition runs over plain HTTP, so a run takes about a second.
 */
const ANNA = 'anna@example.test';
let demo: DemoPortal;
beforeAll(async () => {
	// 20 ms a request, as across the internet: runs at the same moment have requests under way
	// at the same moment, which the portal's meter of sessions at once counts.
	demo = await startDemo({ pageSize: 4, latencyMs: 20 });
});

const credentials = (id: string) => ({
	[id]: { ...demoCredential(demo, ANNA), portal: 'demo-telecom-definition' },
});
const logins = () => demo.state.passwordLogins.get(ANNA) ?? 0;
const numbers = (items: INodeExecutionData[]) => items.map((i) => String(i.json.number)).sort();
const annasDocuments = () =>
	demo.state.documents
		.filter((d) => d.login === ANNA)
		.map((d) => d.number)
		.sort();

/** The Download workflow (Only New) with its own credential id, so its own connection. */
function download(credentialId: string) {
	const workflow = loadWorkflow('download.json');
	workflow.nodes[1].credentials = {
		invoicePortalApi: { id: credentialId, name: 'Demo Telecom' },
	};
	return workflow;
}

test('two executions of one workflow at the same moment: one login, every document once; the other ends CONNECTION_BUSY', async () => {
	const workflow = download('cred-same');
	// Production executions (a webhook call each): n8n keeps their static data.
	const start = () =>
		runWorkflow(workflow, {
			credentials: credentials('cred-same'),
			mode: 'webhook',
			workflowId: 'wf-same',
		});
	const before = logins();
	const runs = await Promise.all([start(), start()]);
	expect(logins() - before).toBe(1);
	const items = runs.flatMap((r) => r.output('Invoice Portal'));
	expect(numbers(items)).toEqual(annasDocuments());
	const errors = runs.map((r) => r.error('Invoice Portal')).filter(Boolean);
	expect(errors).toHaveLength(1);
	expect(errors[0]!.message).toMatch(/\[CONNECTION_BUSY\]/);
	expect((errors[0] as { description?: string }).description).toMatch(
		/another execution is signed in to this portal with the same connection/,
	);

	// The next execution starts from what the delivering one saved: nothing new, no login.
	const delivering = runs.find((r) => !r.error('Invoice Portal'))!;
	const next = await runWorkflow(workflow, {
		credentials: credentials('cred-same'),
		staticData: delivering.staticData,
		mode: 'webhook',
		workflowId: 'wf-same',
	});
	expect(next.error('Invoice Portal')).toBeUndefined();
	expect(next.output('Invoice Portal')).toEqual([]);
	expect(logins() - before).toBe(1);

	// One that began from the state before those deliveries (its execution started earlier and
	// runs late) delivers nothing twice.
	const late = await runWorkflow(workflow, {
		credentials: credentials('cred-same'),
		mode: 'webhook',
		workflowId: 'wf-same',
	});
	expect(late.output('Invoice Portal')).toEqual([]);
	expect(late.error('Invoice Portal')?.message).toMatch(
		/Another execution of this workflow delivered documents from this connection \d+ s ago.*\[CONNECTION_BUSY\]/,
	);
	expect(logins() - before).toBe(1);
});

test('two workflows with the same credential at the same moment: the second waits for the first, each delivers everything to its own workflow', async () => {
	const workflow = download('cred-shared');
	const start = (workflowId: string) =>
		runWorkflow(workflow, {
			credentials: credentials('cred-shared'),
			mode: 'webhook',
			workflowId,
		});
	const runs = await Promise.all([start('wf-a'), start('wf-b')]);
	for (const run of runs) {
		expect(run.error('Invoice Portal')).toBeUndefined();
		expect(numbers(run.output('Invoice Portal'))).toEqual(annasDocuments());
	}
});

test('a trigger wake-up while the previous poll still runs is skipped: one login, the documents once', async () => {
	const workflow = loadWorkflow('trigger.json');
	workflow.nodes[0].credentials = { invoicePortalApi: { id: 'cred-poll', name: 'Demo Telecom' } };
	const before = logins();
	const polls = await Promise.all(
		[0, 1].map(() =>
			pollWorkflow(workflow, { credentials: credentials('cred-poll'), workflowId: 'wf-poll' }),
		),
	);
	expect(logins() - before).toBe(1);
	expect(polls.filter((p) => p.emitted === null)).toHaveLength(1);
	const emitted = polls.find((p) => p.emitted)!.emitted!;
	const since = demo.state.documents
		.filter((d) => d.login === ANNA && d.issueDate >= '2026-06-01')
		.map((d) => d.number)
		.sort();
	expect(numbers(emitted[0])).toEqual(since);
});

test("the portal never saw two of Anna's sessions busy at the same moment; two credentials of one account are two connections, and it sees both", async () => {
	// Every run above (twelve or so, many started together) went through one session at a time.
	expect(demo.state.sessionsAtOnce.get(ANNA)).toBe(1);
	// The meter counts what it should: Sara's account in two credentials (two connections, two
	// leases) signs in twice at the same moment.
	const SARA = 'sara@example.test';
	const workflow = (id: string) => {
		const w = download(id);
		return runWorkflow(w, {
			credentials: { [id]: { ...demoCredential(demo, SARA), portal: 'demo-telecom-definition' } },
			mode: 'webhook',
			workflowId: `wf-${id}`,
		});
	};
	// A slow portal for this pair (150 ms a request): each run then lasts well over a second, so
	// the two overlap even when a busy machine starts the second one late.
	demo.state.options.latencyMs = 150;
	const runs = await Promise.all([workflow('cred-sara-1'), workflow('cred-sara-2')]).finally(
		() => (demo.state.options.latencyMs = 20),
	);
	for (const run of runs) expect(run.error('Invoice Portal')).toBeUndefined();
	expect(demo.state.sessionsAtOnce.get(SARA)).toBe(2);
});
