import { join } from 'node:path';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { READ_MAILBOX_PARAMETER } from '../../../nodes/shared/mailbox';
import { CAPTCHA_SOLVER_PARAMETER } from '../../../nodes/shared/connection';
import type { EditorBrowser } from '../../../testbeds/n8n/editor-browser';
import {
	ACTION_NODE,
	accountCredential,
	credentialLabel,
	field,
	MAILBOX_CREDENTIAL,
	operations,
	optionName,
	SOLVER_CREDENTIAL,
} from '../../../testbeds/n8n/node-fields';

/**
 * The README's pictures of the Invoice Portal node in the real editor, taken with the editor
 * tier's driver (editor-browser.ts) along the steps the tier checks: the node from the picker,
 * the credential dialog as it opens (Portal: Automatic), a demo definition's credential saved and
 * tested, the panel with that one credential, then with Captcha Solver's and the mailbox's
 * credentials beside it.
 */
export async function shootNodePanel(
	editor: EditorBrowser,
	demo: DemoPortal,
	out: string,
): Promise<void> {
	const { server } = editor;
	const account = accountCredential();
	await server.api('POST', '/credentials', {
		name: 'Captcha service',
		type: SOLVER_CREDENTIAL.name,
		data: { baseUrl: 'https://solver.example.com', apiKey: 'demo-key' },
	});
	await server.api('POST', '/credentials', {
		name: 'Office mailbox',
		type: MAILBOX_CREDENTIAL.name,
		data: { host: 'imap.example.com', user: 'invoices@example.com', password: 'x' },
	});

	await editor.newWorkflow();
	await editor.addNode(ACTION_NODE.displayName, operations()[0].actionName);
	const dialog = await editor.createCredentialFrom(credentialLabel(account.name));
	await shot(editor, join(out, 'credential-dialog.png'), dialog);

	const anna = demo.state.seed.accounts.find((a) => a.login === 'anna@example.test')!;
	await editor.nameCredential('Demo Telecom');
	await editor.select('portal', optionName(field(account, 'portal'), 'demo-telecom'), dialog);
	await editor.fillCredentialField('loginUrl', demo.url);
	await editor.fillCredentialField('username', anna.login);
	await editor.fillCredentialField('password', anna.password);
	await editor.saveCredential();
	await editor.closeCredentialDialog();
	await shot(editor, join(out, 'node-panel.png'));

	const solver = field(ACTION_NODE, CAPTCHA_SOLVER_PARAMETER);
	await editor.select(CAPTCHA_SOLVER_PARAMETER, optionName(solver, 'solverService'));
	await editor.pickCredential(credentialLabel(SOLVER_CREDENTIAL.name), 'Captcha service');
	await shot(editor, join(out, 'node-panel-captcha-solver.png'));

	await editor.select(CAPTCHA_SOLVER_PARAMETER, optionName(solver, 'none'));
	const mailbox = field(ACTION_NODE, READ_MAILBOX_PARAMETER);
	await editor.select(READ_MAILBOX_PARAMETER, optionName(mailbox, true));
	await editor.pickCredential(credentialLabel(MAILBOX_CREDENTIAL.name), 'Office mailbox');
	await shot(editor, join(out, 'node-panel-mailbox.png'));
	await editor.closeNode();
}

async function shot(
	editor: EditorBrowser,
	path: string,
	clip?: Parameters<EditorBrowser['shoot']>[1],
): Promise<void> {
	await editor.shoot(path, clip);
	console.log(`saved ${path}`);
}
