import type { INodeParameters, INodeTypeDescription } from 'n8n-workflow';
import { startDemoPortal, type DemoPortal } from '../../testbeds/demo-portal';
import { EditorBrowser } from '../../testbeds/n8n/editor-browser';
import { freePort, N8nServer, preparedUserFolder } from '../../testbeds/n8n/n8n-server';
import {
	ACTION_NODE,
	accountCredential,
	collectionOptionNames,
	credentialLabel,
	field,
	MAILBOX_CREDENTIAL,
	operations,
	optionName,
	optionNames,
	SOLVER_CREDENTIAL,
	TRIGGER_NODE,
	triggerAction,
	visibleCredentialTypes,
	visibleFields,
} from '../../testbeds/n8n/node-fields';
import { MAILBOX_OFF, READ_MAILBOX_PARAMETER } from '../../nodes/shared/mailbox';
import { CAPTCHA_SOLVER_PARAMETER } from '../../nodes/shared/connection';
import { AUTOMATIC_PORTAL } from '../../portals/discovery/automatic-portal';

/**
 * The editor tier (issue 31): the real n8n 2.8.4 editor in Chromium, driven through its UI as a
 * person does: nodes from the picker, every resource, operation and option, the credential
 * dialog and its Test, the mailbox and solver options with their credentials, a saved workflow
 * reopened. What it expects comes from the nodes' own descriptions (testbeds/n8n/node-fields.ts).
 *
 * The tests share one server and browser (a start costs half a minute on two cores) and build on
 * each other's credentials: the account credentials come from the dialog test, the mailbox and
 * solver ones from the API (their dialogs are n8n's plain forms).
 */
const OWNER = { email: 'owner@example.test', password: 'Owner-Passw0rd!' };

const ACCOUNT = accountCredential();
const ACCOUNT_LABEL = credentialLabel(ACCOUNT.name);
const MAILBOX_LABEL = credentialLabel(MAILBOX_CREDENTIAL.name);
const SOLVER_LABEL = credentialLabel(SOLVER_CREDENTIAL.name);
// Looked up when a test uses them, so that a description that lost an option fails that test's
// step (and the others still run), not the whole file at load.
const mailboxOn = () => optionName(field(ACTION_NODE, READ_MAILBOX_PARAMETER), true);
const mailboxOff = () => optionName(field(ACTION_NODE, READ_MAILBOX_PARAMETER), MAILBOX_OFF);
const solverOn = () => optionName(field(ACTION_NODE, CAPTCHA_SOLVER_PARAMETER), 'solverService');

const UNREACHABLE = 'Unreachable portal';
const ANNA = 'Telecom: Anna';
const OFFICE_MAILBOX = 'Office mailbox';
const HOME_MAILBOX = 'Home mailbox';
const SOLVER = 'Solver service';

let server: N8nServer;
let demo: DemoPortal;
let editor: EditorBrowser;

beforeAll(async () => {
	demo = await startDemoPortal();
	server = new N8nServer(preparedUserFolder());
	await server.start();
	await server.setupOwner(OWNER);
	for (const name of [OFFICE_MAILBOX, HOME_MAILBOX])
		await server.api('POST', '/credentials', {
			name,
			type: MAILBOX_CREDENTIAL.name,
			data: { host: '127.0.0.1', user: name, password: 'x', port: 993, secure: true },
		});
	await server.api('POST', '/credentials', {
		name: SOLVER,
		type: SOLVER_CREDENTIAL.name,
		data: { baseUrl: 'http://127.0.0.1:9', apiKey: 'key' },
	});
	editor = await EditorBrowser.open(server, OWNER);
}, 300_000);

afterAll(async () => {
	await editor?.close();
	await server?.stop();
	server?.dispose();
	await demo?.close();
});

/** The field's label shows in the panel (waited for: the panel redraws after a pick). */
async function shows(label: string): Promise<void> {
	await editor.parameterLabel(label).first().waitFor({ timeout: 5_000 });
}

/**
 * Every field the node's description shows for these values is in the panel; each list offers
 * exactly the description's options, each collection's Add dropdown its fields.
 */
async function showsEveryField(node: INodeTypeDescription, values: INodeParameters): Promise<void> {
	for (const property of visibleFields(node, values)) {
		await shows(property.displayName);
		if (property.type === 'options')
			expect(await editor.optionsOf(property.name)).toEqual(optionNames(property));
		if (property.type === 'collection')
			expect((await editor.collectionOptionsOf(property.displayName)).sort()).toEqual(
				collectionOptionNames(property).sort(),
			);
	}
}

interface SavedNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

/** The credentials attached to each of our nodes in the stored workflow: node → type → name. */
async function attachedByNode(id: string): Promise<Record<string, Record<string, string>>> {
	const { nodes } = await server.api<{ nodes: SavedNode[] }>('GET', `/workflows/${id}`);
	return Object.fromEntries(
		nodes
			.filter((node) => node.type.startsWith('n8n-nodes-invoice-portals.'))
			.map((node) => [
				node.name,
				Object.fromEntries(
					Object.entries(node.credentials ?? {}).map(([type, ref]) => [type, ref.name]),
				),
			]),
	);
}

test('each node from the picker: every resource, operation and option shows its fields', async () => {
	await editor.newWorkflow();
	const [first, ...rest] = operations();
	await editor.addNode(ACTION_NODE.displayName, first.actionName);
	for (const op of [first, ...rest]) {
		await editor.select('resource', op.resourceName);
		await editor.select('operation', op.operationName);
		const values = { resource: op.resource, operation: op.operation };
		await showsEveryField(ACTION_NODE, values);
		expect(await editor.credentialLabels()).toEqual(
			visibleCredentialTypes(ACTION_NODE, values).map((type) => credentialLabel(type)),
		);
	}
	// The mailbox's and the solver's own fields, once each option is switched on.
	await editor.select('resource', first.resourceName);
	await editor.select('operation', first.operationName);
	await editor.select(READ_MAILBOX_PARAMETER, mailboxOn());
	await editor.select(CAPTCHA_SOLVER_PARAMETER, solverOn());
	const on = {
		resource: first.resource,
		operation: first.operation,
		[READ_MAILBOX_PARAMETER]: true,
		[CAPTCHA_SOLVER_PARAMETER]: 'solverService',
	};
	for (const property of visibleFields(ACTION_NODE, on)) await shows(property.displayName);
	expect(await editor.credentialLabels()).toEqual(
		visibleCredentialTypes(ACTION_NODE, on).map((type) => credentialLabel(type)),
	);
	await editor.closeNode();

	// The trigger, from the same picker entry, by its "Trigger On" action.
	await editor.addNode(ACTION_NODE.displayName, triggerAction());
	await showsEveryField(TRIGGER_NODE, {});
	expect(await editor.credentialLabels()).toEqual(
		visibleCredentialTypes(TRIGGER_NODE, {}).map((type) => credentialLabel(type, TRIGGER_NODE)),
	);
	await editor.closeNode();
});

test('Document → Read Invoice Data from the picker: no credential dropdown, the Input Binary Field and its options; back to Download, the account returns', async () => {
	await editor.newWorkflow();
	const read = operations().find((op) => op.operation === 'readInvoiceData')!;
	await editor.addNode(ACTION_NODE.displayName, read.actionName);
	expect(await editor.selected('operation')).toBe(read.operationName);
	await shows('Input Binary Field');
	expect(await editor.credentialLabels()).toEqual([]);
	expect((await editor.collectionOptionsOf('Options')).sort()).toEqual([
		'Check XML Schema',
		'Output Attachments as Files',
		'Read All Binary Fields',
	]);
	// Nothing signs in: no captcha solver, no mailbox.
	expect(
		await editor.parameterLabel(field(ACTION_NODE, CAPTCHA_SOLVER_PARAMETER).displayName).count(),
	).toBe(0);
	const download = operations().find((op) => op.operation === 'download')!;
	await editor.select('operation', download.operationName);
	await shows('Put Output File in Field');
	expect(await editor.credentialLabels()).toEqual([ACCOUNT_LABEL]);
	await editor.closeNode();
});

test('the credential dialog opens on Automatic; Test says to check an unreachable Login URL, and a definition logs in', async () => {
	await editor.newWorkflow();
	await editor.addNode(ACTION_NODE.displayName, operations()[0].actionName);

	await editor.createCredentialFrom(ACCOUNT_LABEL);
	expect(await editor.selected('portal', editor.credentialDialog)).toBe(
		optionName(field(ACCOUNT, 'portal'), AUTOMATIC_PORTAL),
	);
	const closed = await freePort();
	await editor.nameCredential(UNREACHABLE);
	await editor.fillCredentialField('automaticLoginUrl', `http://127.0.0.1:${closed}/login`);
	await editor.fillCredentialField('username', 'anna@example.test');
	await editor.fillCredentialField('password', 'anything');
	const unreachable = await editor.saveCredential();
	expect(unreachable).toMatch(/Check the credential's Login URL/);
	await editor.closeCredentialDialog();
	expect(await editor.credentialPicked(ACCOUNT_LABEL)).toBe(UNREACHABLE);

	// A definition (the demo portal's, listed in demo mode) instead of Automatic.
	await editor.createCredentialFrom(ACCOUNT_LABEL);
	await editor.nameCredential(ANNA);
	await editor.select(
		'portal',
		optionName(field(ACCOUNT, 'portal'), 'demo-telecom'),
		editor.credentialDialog,
	);
	const anna = demo.state.seed.accounts.find((a) => a.login === 'anna@example.test')!;
	await editor.fillCredentialField('loginUrl', demo.url);
	await editor.fillCredentialField('username', anna.login);
	await editor.fillCredentialField('password', anna.password);
	expect(await editor.saveCredential()).toMatch(/success/i);
	await editor.closeCredentialDialog();
	expect(await editor.credentialPicked(ACCOUNT_LABEL)).toBe(ANNA);
	await editor.closeNode();
});

test('each credential dropdown lists only its own type, by name; mailbox and solver appear only when switched on', async () => {
	await editor.newWorkflow();
	await editor.addNode(ACTION_NODE.displayName, operations()[0].actionName);
	// Only the account's dropdown, listing the account credentials (not the mailboxes, which n8n
	// would offer there if it took the mailbox option for the node's authentication field).
	expect(await editor.credentialLabels()).toEqual([ACCOUNT_LABEL]);
	expect((await editor.credentialChoices(ACCOUNT_LABEL)).sort()).toEqual([ANNA, UNREACHABLE]);
	// The mailbox option is reachable, Off by default.
	expect(await editor.selected(READ_MAILBOX_PARAMETER)).toBe(mailboxOff());

	await editor.select(READ_MAILBOX_PARAMETER, mailboxOn());
	expect(await editor.credentialLabels()).toEqual([ACCOUNT_LABEL, MAILBOX_LABEL]);
	expect((await editor.credentialChoices(MAILBOX_LABEL)).sort()).toEqual([
		HOME_MAILBOX,
		OFFICE_MAILBOX,
	]);
	expect((await editor.credentialChoices(ACCOUNT_LABEL)).sort()).toEqual([ANNA, UNREACHABLE]);

	await editor.select(CAPTCHA_SOLVER_PARAMETER, solverOn());
	expect(await editor.credentialLabels()).toEqual([ACCOUNT_LABEL, SOLVER_LABEL, MAILBOX_LABEL]);
	expect(await editor.credentialChoices(SOLVER_LABEL)).toEqual([SOLVER]);
	await editor.closeNode();
});

test('side by side, saved and reopened: each node keeps the account and mailbox picked for it, and nothing else', async () => {
	await editor.newWorkflow();
	// The trigger reads Anna's portal with the office mailbox.
	await editor.addNode(ACTION_NODE.displayName, triggerAction());
	await editor.pickCredential(ACCOUNT_LABEL, ANNA);
	await editor.select(READ_MAILBOX_PARAMETER, mailboxOn());
	await editor.pickCredential(MAILBOX_LABEL, OFFICE_MAILBOX);
	await editor.closeNode();
	// The action node logs into the other portal, reads the home mailbox and has a solver.
	await editor.addNode(ACTION_NODE.displayName, operations()[0].actionName);
	await editor.pickCredential(ACCOUNT_LABEL, UNREACHABLE);
	await editor.select(READ_MAILBOX_PARAMETER, mailboxOn());
	await editor.pickCredential(MAILBOX_LABEL, HOME_MAILBOX);
	await editor.select(CAPTCHA_SOLVER_PARAMETER, solverOn());
	await editor.pickCredential(SOLVER_LABEL, SOLVER);
	await editor.closeNode();
	// A third with neither option: the mailboxes and the solver exist, none may be attached.
	await editor.addNode(ACTION_NODE.displayName, operations()[0].actionName);
	await editor.pickCredential(ACCOUNT_LABEL, ANNA);
	await editor.closeNode();
	const id = await editor.saveWorkflow();

	const expected: Record<string, Record<string, string>> = {
		// n8n names an action node after the action picked in the picker; a trigger keeps its name.
		[TRIGGER_NODE.defaults.name!]: {
			[ACCOUNT.name]: ANNA,
			[MAILBOX_CREDENTIAL.name]: OFFICE_MAILBOX,
		},
		[operations()[0].actionName]: {
			[ACCOUNT.name]: UNREACHABLE,
			[MAILBOX_CREDENTIAL.name]: HOME_MAILBOX,
			[SOLVER_CREDENTIAL.name]: SOLVER,
		},
		[`${operations()[0].actionName}1`]: { [ACCOUNT.name]: ANNA },
	};
	expect(await attachedByNode(id)).toEqual(expected);

	// Reopened as from the workflows list: each panel shows what was picked for it.
	await editor.openWorkflow(id);
	for (const [name, credentials] of Object.entries(expected)) {
		await editor.openNode(name);
		// The dropdowns in the node's order of credentials, each showing the one picked for it.
		expect(await editor.credentialLabels()).toEqual(
			(ACTION_NODE.credentials ?? [])
				.filter((c) => c.name in credentials)
				.map((c) => credentialLabel(c.name)),
		);
		for (const [type, credential] of Object.entries(credentials))
			expect(await editor.credentialPicked(credentialLabel(type))).toBe(credential);
		expect(await editor.selected(READ_MAILBOX_PARAMETER)).toBe(
			MAILBOX_CREDENTIAL.name in credentials ? mailboxOn() : mailboxOff(),
		);
		await editor.closeNode();
	}
	// Opening and closing the panels attached nothing either.
	await editor.saveWorkflow();
	expect(await attachedByNode(id)).toEqual(expected);
});
