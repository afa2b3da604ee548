import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type N8nServer } from './n8n-server';
import type { MailServer } from '../mail-server';

/** Workflows on a real n8n server: templates from examples/ behind a webhook, their executions. */
const examples = join(ROOT, 'examples');

export type WorkflowNode = {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	position: number[];
};

export type Workflow = {
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
};

/** A credential as a workflow node names it. */
export type CredentialRef = { id: string; name: string };

/**
 * A template from examples/ with the given portal credential, and a webhook trigger (POST
 * /webhook/<path>) instead of its schedule or manual trigger: a test starts it by that webhook.
 */
export function templateBehindWebhook(file: string, path: string, portal: CredentialRef): Workflow {
	const workflow = JSON.parse(readFileSync(join(examples, file), 'utf8')) as Workflow & {
		pinData?: unknown;
	};
	delete workflow.pinData;
	workflow.name = `${workflow.name} (e2e ${path})`;
	for (const node of workflow.nodes)
		if (node.credentials?.invoicePortalApi) node.credentials.invoicePortalApi = portal;
	const start = workflow.nodes.find((n) =>
		['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.manualTrigger'].includes(n.type),
	);
	if (start) {
		const name = start.name;
		Object.assign(start, {
			name: 'Start (test)',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: `e2e-${path}`,
			parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
		});
		workflow.connections['Start (test)'] = workflow.connections[name];
		delete workflow.connections[name];
	}
	return workflow;
}

/** An SMTP credential for the test's mail catcher (no login, no TLS), as the templates' e-mail nodes use. */
export async function smtpCredential(server: N8nServer, port: number): Promise<CredentialRef> {
	const name = 'Test mail catcher';
	const { id } = await server.api<{ id: string }>('POST', '/credentials', {
		name,
		type: 'smtp',
		data: { user: '', password: '', host: '127.0.0.1', port, secure: false, disableStartTls: true },
	});
	return { id, name };
}

export async function importAndActivate(server: N8nServer, workflow: Workflow): Promise<string> {
	const { id } = await server.api<{ id: string }>('POST', '/workflows', {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: { executionOrder: 'v1' },
	});
	await server.api('POST', `/workflows/${id}/activate`);
	return id;
}

export async function until<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	seconds = 90,
	log: string[] = [],
): Promise<T> {
	const deadline = Date.now() + seconds * 1000;
	while (Date.now() < deadline) {
		const value = await probe();
		if (value !== undefined) return value;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`timed out waiting for ${what}\n${log.slice(-15).join('\n')}`);
}

export type ItemData = {
	json: Record<string, unknown>;
	binary?: Record<string, { mimeType: string; id?: string }>;
};

export interface Execution {
	id: string;
	workflowId?: string;
	status: string;
	finished: boolean;
	data?: {
		resultData: {
			runData: Record<string, { data?: { main: ItemData[][] } }[]>;
			error?: { message: string };
		};
	};
}

/** Executions of a workflow in these states, from the editor's REST API (it lists waiting and running ones too). */
export async function executionsOf(
	server: N8nServer,
	workflowId: string,
	status?: string[],
): Promise<Execution[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, ...(status ? { status } : {}) }));
	return (
		(await server.rest('GET', `/rest/executions?filter=${filter}`)) as { results: Execution[] }
	).results;
}

/** An execution with its data once it ended (success, error or crashed). */
export function finished(server: N8nServer, executionId: string, seconds = 90): Promise<Execution> {
	return until(
		`execution ${executionId} to finish`,
		async () => {
			const execution = await server.api<Execution>(
				'GET',
				`/executions/${executionId}?includeData=true`,
			);
			return execution.finished ||
				['success', 'error', 'crashed', 'canceled'].includes(execution.status)
				? execution
				: undefined;
		},
		seconds,
		server.log,
	);
}

/** The items a node output (its first output), over all its runs in the execution. */
export function itemsOf(execution: Execution, node: string): ItemData[] {
	const runs = execution.data?.resultData.runData[node] ?? [];
	return runs.flatMap((run) => run.data?.main[0] ?? []);
}

/** The trigger due at once, any day and hour: a test cannot wait for office hours. */
export function dueAtOnce(trigger: WorkflowNode): void {
	Object.assign(trigger.parameters, {
		pollTimes: { item: [{ mode: 'everyMinute' }] },
		everyDays: 1,
		weekdays: [1, 2, 3, 4, 5, 6, 7],
		hourRanges: { range: [{ from: 0, to: 24 }] },
		maxRandomDelayMinutes: 0,
		timezone: 'Europe/Amsterdam',
		startDate: '2026-01-01',
	});
}

/** The link to a waiting execution's form or webhook in an e-mail's text. */
export function waitingLink(
	text: string,
	kind: 'form-waiting' | 'webhook-waiting',
): string | undefined {
	return text.match(new RegExp(`http://127\\.0\\.0\\.1:\\d+/${kind}/[^\\s"<>]+`))?.[0];
}

/** Types the code into n8n's real form (a Wait node's form page) and sends it. */
export async function submitForm(url: string, code: string): Promise<void> {
	const page = await fetch(url);
	expect(page.status).toBe(200);
	expect(await page.text()).toContain('Verification code');
	const form = new FormData();
	form.append('field-0', code);
	const res = await fetch(url, { method: 'POST', body: form });
	expect(res.status).toBeLessThan(400);
}

/**
 * The mailbox template (fetch-invoices-with-mail-codes.json) for a portal credential: the test
 * mailbox's IMAP credential on its trigger, the trigger due at once, and its "Save PDF to disk"
 * node a no-op (a test server has no business writing into ~/.n8n-files: the PDFs are read from
 * that node's output instead).
 */
export async function mailboxTemplate(
	server: N8nServer,
	mailbox: MailServer,
	path: string,
	portal: CredentialRef,
): Promise<Workflow> {
	const imap = await server.api<{ id: string }>('POST', '/credentials', {
		name: 'Test mailbox',
		type: 'invoicePortalMailboxApi',
		data: {
			user: mailbox.user,
			password: mailbox.password,
			host: mailbox.imaps.host,
			port: mailbox.imaps.port,
			secure: true,
			allowUnauthorizedCerts: true,
		},
	});
	const workflow = templateBehindWebhook('fetch-invoices-with-mail-codes.json', path, portal);
	const trigger = workflow.nodes.find(
		(n) => n.type === 'n8n-nodes-invoice-portals.invoicePortalTrigger',
	)!;
	trigger.credentials!.invoicePortalMailboxApi = { id: imap.id, name: 'Test mailbox' };
	const save = workflow.nodes.find((n) => n.name === 'Save PDF to disk')!;
	Object.assign(save, { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });
	dueAtOnce(trigger);
	return workflow;
}

/** Runs `check` while the workflow is active, and deactivates it afterwards (a trigger would poll on). */
export async function whileActive<T>(
	server: N8nServer,
	workflowId: string,
	check: () => Promise<T>,
): Promise<T> {
	try {
		return await check();
	} finally {
		await server.api('POST', `/workflows/${workflowId}/deactivate`);
	}
}
