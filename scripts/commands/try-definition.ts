import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { CUSTOM_PORTAL } from '../../portals/registry';
import type { EngineRun } from '../../testbeds/n8n-engine';
import { optionsHelp, parse, variablesHelp, type Option } from './portal-check/args';
import { credentialsFromEnvironment } from './portal-check/credentials';
import { runMode } from './portal-check/main';
import { ask, codeQuestion } from './portal-check/prompts';

/**
 * `npm run try -- <definition.json> [--operation download|list|check] [--only-new] ...`
 *
 * Runs a definition through the Invoice Portal node itself, without an n8n server: the real node
 * class in n8n-core's WorkflowExecute (testbeds/n8n-engine.ts, as the tests do), with a credential
 * "Custom (Definition)" holding the file's JSON and the login from the INVOICE_PORTALS_CHECK_*
 * variables or the terminal. It prints the items the node outputs and saves their files. A code
 * prompt goes through the node's own Action Required output and Submit Code, as in a workflow.
 *
 * Nothing is kept between two runs: n8n saves a workflow's static data (where "only new" is
 * remembered) in its database, and this has none.
 */
const OPTIONS: Option[] = [
	{
		name: 'operation',
		value: 'download|list|check',
		text: 'what the node does (default download)',
	},
	{
		name: 'only-new',
		text: 'Download: Only New Documents on (remembers nothing between runs, see below)',
	},
	{ name: 'login-url', value: 'url', text: "the credential's Login URL (instead of loginUrl)" },
	{
		name: 'identity-provider-url',
		value: 'url',
		text: "single sign-on: the credential's Identity Provider URL",
	},
	{ name: 'out', value: 'dir', text: 'save the downloaded files in this folder' },
	{ name: 'headed', text: 'show the browser window' },
	{ name: 'help', short: 'h', text: 'show this text' },
];

const USAGE = 'usage: npm run try -- <definition.json> [options]';
const NO_STATE =
	'Runs started by hand keep no "only new" state: static data is not saved between these runs, so every run delivers every document again (in n8n, the workflow remembers them).';

function help(): string {
	return [
		USAGE,
		'',
		'Runs the definition through the Invoice Portal node (the real node, in n8n-core, without an',
		'n8n server) with a "Custom (Definition)" credential holding the file, and prints the items.',
		NO_STATE,
		'',
		optionsHelp(OPTIONS),
		'',
		variablesHelp(),
	].join('\n');
}

const NODE = 'Invoice Portal';
const TRIGGER = "When clicking 'Execute workflow'";

function workflowWith(parameters: INodeParameters) {
	return {
		nodes: [
			{
				id: '1',
				name: TRIGGER,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {},
			},
			{
				id: '2',
				name: NODE,
				type: 'n8n-nodes-invoice-portals.invoicePortal',
				typeVersion: 1,
				position: [220, 0] as [number, number],
				parameters,
				credentials: { invoicePortalApi: { id: 'try', name: 'Custom (Definition)' } },
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: NODE, type: 'main' as const, index: 0 }]] } },
	};
}

const PARAMETERS: Record<string, (onlyNew: boolean) => INodeParameters> = {
	download: (onlyNew) => ({
		resource: 'document',
		operation: 'download',
		binaryPropertyName: 'data',
		filters: {},
		onlyNew,
	}),
	list: () => ({ resource: 'document', operation: 'list', returnAll: true, filters: {} }),
	check: () => ({ resource: 'connection', operation: 'check' }),
};

type Engine = typeof import('../../testbeds/n8n-engine');

/** One line per item: its JSON, and for a file its name and size (saved when --out is given). */
async function printItems(
	{ binaryBuffer }: Engine,
	items: INodeExecutionData[],
	out: string | undefined,
): Promise<void> {
	for (const item of items) {
		console.log(JSON.stringify(item.json));
		for (const [field, binary] of Object.entries(item.binary ?? {})) {
			const bytes = await binaryBuffer(item, field);
			let saved = '';
			if (out) {
				mkdirSync(out, { recursive: true });
				writeFileSync(join(out, binary.fileName ?? field), bytes);
				saved = ` → ${join(out, binary.fileName ?? field)}`;
			}
			console.log(
				`  binary ${field}: ${binary.fileName} (${bytes.length} bytes, ${binary.mimeType})${saved}`,
			);
		}
	}
}

/** A passwordless definition (login.signInLink): no password to ask for. The node validates the rest. */
function signsInWithLink(definition: string): boolean {
	try {
		return !!JSON.parse(definition)?.login?.signInLink;
	} catch {
		return false;
	}
}

async function tryDefinition(engine: Engine, argv: string[]): Promise<number> {
	const { runWorkflow } = engine;
	const { positionals, values } = parse(argv, OPTIONS);
	if (values.help) {
		console.log(help());
		return 0;
	}
	const file = positionals[0];
	const operation = (values.operation as string | undefined) ?? 'download';
	if (!file || !PARAMETERS[operation]) {
		console.log(`${USAGE}\n(npm run try -- --help lists the options)`);
		return 2;
	}
	let definition: string;
	try {
		definition = readFileSync(resolve(file), 'utf8');
	} catch (error) {
		console.log(`✗ ${file} cannot be read: ${(error as Error).message}`);
		return 1;
	}
	if (values.headed) process.env.INVOICE_PORTALS_HEADLESS = 'false';
	const login = await credentialsFromEnvironment(
		values['identity-provider-url'] as string | undefined,
		'npm run try',
		signsInWithLink(definition),
	);
	// The credential as n8n decrypts it: portal Custom (Definition), the file's JSON pasted in.
	const credentials = {
		try: {
			portal: CUSTOM_PORTAL,
			definition,
			loginUrl: (values['login-url'] as string | undefined) ?? '',
			identityProviderUrl: login.identityProviderUrl ?? '',
			username: login.username,
			password: login.password,
			authenticatorSecret: login.authenticatorSecret ?? '',
		},
	};
	const out = values.out ? resolve(values.out as string) : undefined;
	console.log(`… ${NODE}: ${operation} with ${file}, through n8n-core's WorkflowExecute`);
	let run: EngineRun = await runWorkflow(
		workflowWith(PARAMETERS[operation](!!values['only-new'])),
		{ credentials },
	);
	for (;;) {
		const error = run.error(NODE);
		if (error) {
			console.log(`✗ ${NODE} failed: ${error.message}`);
			return 1;
		}
		const actions = run.output(NODE, 1);
		const waiting = actions.find((a) => a.json.resumeToken);
		if (!waiting) break;
		// The node's Action Required item; Submit Code continues the operation it interrupted.
		const { method, portalMessage } = waiting.json as IDataObject;
		console.log(`… Action Required: ${method}${portalMessage ? `: ${portalMessage}` : ''}`);
		const code = await ask(codeQuestion(String(method)));
		run = await runWorkflow(
			workflowWith({
				resource: 'connection',
				operation: 'submitCode',
				resumeToken: String(waiting.json.resumeToken),
				code,
			}),
			{ credentials, staticData: run.staticData },
		);
	}
	const documents = run.output(NODE, 0);
	const actions = run.output(NODE, 1);
	console.log(`✓ output Documents: ${documents.length} item(s)`);
	await printItems(engine, documents, out);
	if (actions.length) {
		console.log(`✗ output Action Required: ${actions.length} item(s)`);
		await printItems(engine, actions, out);
	}
	for (const hint of run.hints(NODE)) console.log(`  hint: ${hint}`);
	if (documents.some((d) => d.binary) && !out) console.log('  (--out <dir> saves the files)');
	if (operation === 'download') console.log(`note: ${NO_STATE}`);
	return actions.length ? 1 : 0;
}

runMode(
	async (argv) => {
		// n8n-core keeps its settings and files in N8N_USER_FOLDER (~/.n8n by default): a run by
		// hand gets a folder of its own, removed afterwards, instead of touching a real n8n's.
		const userFolder = process.env.N8N_USER_FOLDER
			? undefined
			: mkdtempSync(join(tmpdir(), 'invoice-portals-try-'));
		if (userFolder) {
			process.env.N8N_USER_FOLDER = userFolder;
			// A throw-away key for that folder (n8n-core would generate one and say so).
			process.env.N8N_ENCRYPTION_KEY ??= randomBytes(24).toString('hex');
		}
		// Loaded after N8N_USER_FOLDER is set: n8n-core reads it when it starts.
		const engine = await import('../../testbeds/n8n-engine');
		try {
			return await tryDefinition(engine, argv);
		} finally {
			// n8n-core leaves an interval running that would keep this process alive.
			engine.shutdownEngine();
			if (userFolder) rmSync(userFolder, { recursive: true, force: true });
		}
	},
	process.argv.slice(2),
	'npm run try -- --help',
);
