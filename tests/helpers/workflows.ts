import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeParameters, IWorkflowBase } from 'n8n-workflow';
import type { DemoPortal } from '../../testbeds/demo-portal';
import { account } from './demo';

type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'>;

export function loadWorkflow(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(__dirname, '..', 'integration', 'workflows', file), 'utf8'));
}

/** The workflow with one node's parameters replaced (as a user would edit them in the editor). */
export function withParameters(
	workflow: WorkflowJson,
	nodeName: string,
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowJson {
	const copy = structuredClone(workflow);
	const node = copy.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`no node ${nodeName}`);
	node.parameters = parameters as INodeParameters;
	Object.assign(node, settings);
	return copy;
}

/** download.json set to download every document the portal lists, delivered before or not. */
export function downloadEverything(filters: Record<string, unknown> = {}): WorkflowJson {
	return withParameters(loadWorkflow('download.json'), 'Invoice Portal', {
		resource: 'document',
		operation: 'download',
		binaryPropertyName: 'data',
		filters,
		onlyNew: false,
	});
}

/** The credential as n8n would decrypt it, pointing at the test's demo portal. */
export function demoCredential(
	demo: DemoPortal,
	login: string,
	overrides: Record<string, string> = {},
) {
	const a = account(login);
	return {
		portal: 'demo-telecom',
		loginUrl: demo.url,
		username: a.login,
		password: a.password,
		authenticatorSecret: a.totpSecret ?? '',
		...overrides,
	};
}
