import { readdirSync } from 'node:fs';
import type { IDataObject } from 'n8n-workflow';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { startDemo } from '../../helpers/demo';
import { pollWorkflow, runWorkflow, shutdownEngine } from '../../../testbeds/n8n-engine';
import { closeBrowser } from '../../../portals/core/browser/launch';
import { defaultStateDir } from '../../../portals/core/store/state-dir';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * Connection → Get Many through n8n's engine: connections run by different workflows and a
 * trigger, in four statuses, seen together; the needs-attention filter; a deleted credential.
 */
const download = loadWorkflow('download.json');
const trigger = loadWorkflow('trigger.json');

let demo: DemoPortal;
let credentials: Record<string, IDataObject>;
const NAMES: Record<string, string> = {
	'cred-anna': 'Anna – Telecom',
	'cred-sara': 'Sara – Telecom (SMS)',
	'cred-wrong': 'Old password <b>',
	'cred-off': 'Tom – switched off',
};

const usingCredential = (workflow: typeof download, node: string, id: string) => {
	const copy = structuredClone(workflow);
	copy.nodes.find((n) => n.name === node)!.credentials = {
		invoicePortalApi: { id, name: NAMES[id] },
	};
	return copy;
};

const getMany = (parameters: Record<string, unknown>) =>
	withParameters(download, 'Invoice Portal', {
		resource: 'connection',
		operation: 'getMany',
		...parameters,
	});

async function overview(parameters: Record<string, unknown>, known = credentials) {
	const run = await runWorkflow(getMany(parameters), { credentials: known as never });
	expect(run.error('Invoice Portal')).toBeUndefined();
	return run.output('Invoice Portal', 0).map((item) => item.json);
}

beforeAll(async () => {
	demo = await startDemo();
	credentials = {
		'cred-anna': demoCredential(demo, 'anna@example.test'),
		'cred-sara': demoCredential(demo, 'sara@example.test'),
		'cred-wrong': demoCredential(demo, 'anna@example.test', { password: 'not-her-password' }),
		'cred-off': demoCredential(demo, 'tom@example.test'),
	};
	// Three workflows with the action node, one active trigger with downloads switched off.
	for (const id of ['cred-anna', 'cred-sara', 'cred-wrong']) {
		const run = await runWorkflow(usingCredential(download, 'Invoice Portal', id), {
			credentials: credentials as never,
			mode: 'trigger',
		});
		// A rejected login is the node's error (n8n's convention); the status is recorded all the same.
		if (id !== 'cred-wrong') expect(run.error('Invoice Portal')).toBeUndefined();
	}
	const off = usingCredential(trigger, 'Invoice Portal Trigger', 'cred-off');
	off.nodes[0].parameters = { ...off.nodes[0].parameters, enabled: false };
	await pollWorkflow(off, { credentials: credentials as never, workflowId: 'wf-trigger' });
}, 120_000);

afterAll(async () => {
	shutdownEngine();
	await closeBrowser();
	await demo?.close();
});

test('Get Many shows every connection, whichever workflow or trigger ran it, in its status, needing attention first', async () => {
	const rows = await overview({ returnAll: true });
	expect(rows).toHaveLength(4);
	const byLabel = Object.fromEntries(
		rows.map((r) => [String(r.label).replace(' (Demo Telecom (demonstration portal))', ''), r]),
	);
	expect(byLabel['Anna – Telecom']).toMatchObject({
		portal: 'demo-telecom',
		label: 'Anna – Telecom (Demo Telecom (demonstration portal))',
		status: 'connected',
		statusLabel: 'Connected',
		needsAttention: false,
		paused: false,
	});
	const anna = byLabel['Anna – Telecom'];
	expect(anna.lastSuccessAt).toEqual(anna.lastRunAt);
	// Every document of her account arrived in the one run, today.
	const annasDocuments = demo.state.documents.filter((d) => d.login === 'anna@example.test');
	expect(anna.lastCounts).toMatchObject({ downloaded: annasDocuments.length });
	expect(anna.deliveredLast30Days).toBe(annasDocuments.length);
	expect(byLabel['Sara – Telecom (SMS)']).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		needsAttention: true,
		lastSuccessAt: null,
		deliveredLast30Days: 0,
	});
	expect(String(byLabel['Sara – Telecom (SMS)'].remedy)).toMatch(/SMS/);
	expect(byLabel['Old password <b>']).toMatchObject({
		status: 'login_failed',
		reason: 'WRONG_CREDENTIALS',
		needsAttention: true,
	});
	// Switched off by its owner: paused, but nothing for them to fix.
	expect(byLabel['Tom – switched off']).toMatchObject({
		status: 'paused',
		reason: 'DOWNLOADS_DISABLED',
		paused: true,
		needsAttention: false,
	});
	expect(rows.slice(0, 2).every((r) => r.needsAttention)).toBe(true);
	// No secret of any connection is in the overview.
	const text = JSON.stringify(rows);
	for (const c of Object.values(credentials)) expect(text).not.toContain(String(c.password));
});

test('the needs-attention filter returns exactly the connections that need someone; status, portal and limit narrow it', async () => {
	const attention = await overview({
		returnAll: true,
		overviewFilters: { needsAttentionOnly: true },
	});
	expect(attention.map((r) => r.status).sort()).toEqual(['action_required', 'login_failed']);
	const paused = await overview({ returnAll: true, overviewFilters: { statuses: ['paused'] } });
	expect(paused.map((r) => r.reason)).toEqual(['DOWNLOADS_DISABLED']);
	expect(await overview({ returnAll: true, overviewFilters: { portals: 'other-portal' } })).toEqual(
		[],
	);
	expect(await overview({ returnAll: false, limit: 1 })).toHaveLength(1);
});

test('the report output is one item with a subject, an HTML table and plain text naming every connection', async () => {
	const [report] = await overview({ returnAll: true, overviewOutput: 'report' });
	expect(report.subject).toBe('Invoice portals: 2 of 4 connections need you');
	expect(report.totals).toMatchObject({ connections: 4, needsAttention: 2 });
	const html = String(report.html);
	for (const status of ['Connected', 'Action required', 'Login failed', 'Paused'])
		expect(html).toContain(status);
	expect(html).toContain('Old password &lt;b&gt;');
	expect(html).not.toMatch(/<script|<link|<style/i);
	expect(String(report.text)).toMatch(
		/! Sara – Telecom \(SMS\) \(Demo Telecom \(demonstration portal\)\) \[Action required\]/,
	);
});

test('a connection whose credential was deleted drops out of the overview, and out of the store', async () => {
	const files = () => readdirSync(defaultStateDir()).filter((f) => f.endsWith('.json')).length;
	expect(files()).toBe(4);
	const remaining = { ...credentials };
	delete remaining['cred-wrong'];
	const rows = await overview({ returnAll: true }, remaining);
	expect(rows.map((r) => String(r.label).split(' (')[0])).not.toContain('Old password <b>');
	expect(rows).toHaveLength(3);
	expect(files()).toBe(3);
});
