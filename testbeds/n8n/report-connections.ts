import type { DemoPortal } from '../demo-portal';
import type { N8nServer } from './n8n-server';
import {
	executionsOf,
	importAndActivate,
	templateBehindWebhook,
	until,
	type CredentialRef,
} from './n8n-workflows';

/** Demo connections the weekly report shows, and the status each ends in. */
export const REPORT_CONNECTIONS = [
	{ name: 'Telecom: Anna (office)', login: 'anna@example.test', runs: 1, status: 'connected' },
	{ name: 'Telecom: Tom (authenticator)', login: 'tom@example.test', runs: 1, status: 'connected' },
	{ name: 'Telecom: Sara (SMS)', login: 'sara@example.test', runs: 1, status: 'action_required' },
	{
		name: 'Telecom: Lena (old password)',
		login: 'lena@example.test',
		password: 'lena-pass-2025',
		runs: 1,
		status: 'login_failed',
	},
	// Run twice: the second run is held back until the login data changes (paused by a guard).
	{
		name: 'Telecom: Eric (old password)',
		login: 'eric@example.test',
		password: 'eric-pass-2025',
		runs: 2,
		status: 'paused',
	},
] as const;

/**
 * Puts the demo connections into their statuses on a real n8n server, as production runs do:
 * one credential each, the Download template behind a webhook, run and waited for. Returns the
 * credentials' ids by name.
 */
export async function connectionsInSeveralStates(
	server: N8nServer,
	demo: DemoPortal,
): Promise<Record<string, string>> {
	const ids: Record<string, string> = {};
	for (const [i, c] of REPORT_CONNECTIONS.entries()) {
		const account = demo.state.seed.accounts.find((a) => a.login === c.login)!;
		const { id } = await server.api<{ id: string }>('POST', '/credentials', {
			name: c.name,
			type: 'invoicePortalApi',
			data: {
				portal: 'demo-telecom',
				loginUrl: demo.url,
				username: account.login,
				password: 'password' in c ? c.password : account.password,
				authenticatorSecret: account.totpSecret ?? '',
			},
		});
		ids[c.name] = id;
		const portal: CredentialRef = { id, name: c.name };
		const path = `report-state-${i}`;
		const workflowId = await importAndActivate(
			server,
			templateBehindWebhook('download-invoices.json', path, portal),
		);
		for (let run = 1; run <= c.runs; run++) {
			const response = await fetch(`${server.url}/webhook/${path}`, { method: 'POST' });
			if (!response.ok) throw new Error(`webhook ${path}: HTTP ${response.status}`);
			await until(
				`${c.name}: run ${run} to end`,
				async () => {
					const done = (await executionsOf(server, workflowId)).filter(
						(e) => !['running', 'new', 'waiting'].includes(e.status),
					);
					return done.length >= run ? true : undefined;
				},
				90,
				server.log,
			);
		}
		await server.api('POST', `/workflows/${workflowId}/deactivate`);
	}
	return ids;
}

/** The weekly report template behind a webhook, sending to the given SMTP credential. */
export async function weeklyReportWorkflow(
	server: N8nServer,
	smtp: CredentialRef,
	path = 'weekly-report',
): Promise<{ workflowId: string; url: string }> {
	const workflow = templateBehindWebhook('weekly-connection-report.json', path, smtp);
	for (const node of workflow.nodes)
		if (node.type === 'n8n-nodes-base.emailSend') node.credentials = { smtp };
	const workflowId = await importAndActivate(server, workflow);
	return { workflowId, url: `${server.url}/webhook/${path}` };
}
