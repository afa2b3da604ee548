import type { DemoPortal } from '../../../testbeds/demo-portal';
import { runWorkflow } from '../../../testbeds/n8n-engine';
import { startDemo } from '../../helpers/demo';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * Read Codes From Mailbox became a list (Off / On) instead of a boolean switch (issue 31: n8n's
 * editor took the switch for the node's main auth field). Workflows saved with the switch on hold
 * `readCodesFromMailbox: true`; n8n-core hands a node a credential only while the credential's
 * displayOptions match the node's parameters ("Credentials not found" otherwise,
 * node-execution-context.ts). These runs through n8n's WorkflowExecute show that such a workflow
 * still gets its mailbox credential, and that Off (or nothing saved) never asks for it.
 * Reading real e-mails with the switch's saved value is tests/integration/mailbox/mail-logins.test.ts.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const LOGIN = 'anna@example.test';
const MAILBOX_ID = 'mailbox-1';

function download(parameters: Record<string, unknown>, mailbox: boolean) {
	const workflow = withParameters(loadWorkflow('download.json'), 'Invoice Portal', {
		resource: 'document',
		operation: 'list',
		returnAll: true,
		filters: {},
		...parameters,
	});
	const node = workflow.nodes.find((n) => n.name === 'Invoice Portal')!;
	if (mailbox)
		node.credentials = {
			...node.credentials,
			invoicePortalMailboxApi: { id: MAILBOX_ID, name: 'Mailbox' },
		};
	return workflow;
}

/** A mailbox credential with no host: reading it fails with a message naming it, before any login. */
const unusableMailbox = { host: '', user: 'me@example.test', password: 'x', port: 993 };

function run(workflow: ReturnType<typeof download>) {
	return runWorkflow(workflow, {
		credentials: {
			'cred-1': demoCredential(demo, LOGIN) as never,
			[MAILBOX_ID]: unusableMailbox as never,
		},
	});
}

test('a workflow saved with the old switch on (readCodesFromMailbox: true) still reads its mailbox credential', async () => {
	const result = await run(download({ readCodesFromMailbox: true }, true));
	// The node got the credential's data (n8n-core did not refuse it) and read its fields.
	expect(result.error('Invoice Portal')?.message).toMatch(/mailbox credential Host/);
	expect(result.error('Invoice Portal')?.message).not.toMatch(/Credentials not found/);
});

test.each([
	['Off', { readCodesFromMailbox: 'off' }],
	['nothing saved (the default, Off)', {}],
	['false, as the old switch saved off', { readCodesFromMailbox: false }],
])('%s: the mailbox credential is not read, even when one is still attached', async (_, params) => {
	const result = await run(download(params, true));
	expect(result.error('Invoice Portal')).toBeUndefined();
	expect(result.output('Invoice Portal', 0).length).toBeGreaterThan(0);
});
