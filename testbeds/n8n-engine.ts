import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import {
	createDeferredPromise,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteData,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { InvoicePortal } from '../nodes/InvoicePortal/InvoicePortal.node';
import { InvoicePortalTrigger } from '../nodes/InvoicePortalTrigger/InvoicePortalTrigger.node';

/**
 * Runs workflow JSON through n8n's own executor (WorkflowExecute from n8n-core), in process,
 * the way n8n's node tests do (their harness is not published). Node types load under the
 * names users see: this package's as `n8n-nodes-invoice-portals.<name>`, n8n's as
 * `n8n-nodes-base.<name>`. Each call builds a new Workflow from JSON plus the static data
 * passed in: nothing is carried over in memory between two runs.
 */
const PACKAGE = 'n8n-nodes-invoice-portals';

function baseNodes(): Record<string, INodeType | IVersionedNodeType> {
	// n8n's own nodes, from the n8n-nodes-base package (dev dependency), loaded on demand.
	const load = (path: string, name: string) => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const mod = require(`n8n-nodes-base/dist/nodes/${path}`);
		return new mod[name]() as INodeType | IVersionedNodeType;
	};
	return {
		'n8n-nodes-base.manualTrigger': load('ManualTrigger/ManualTrigger.node', 'ManualTrigger'),
		'n8n-nodes-base.noOp': load('NoOp/NoOp.node', 'NoOp'),
		'n8n-nodes-base.readWriteFile': load('Files/ReadWriteFile/ReadWriteFile.node', 'ReadWriteFile'),
		'n8n-nodes-base.stickyNote': load('StickyNote/StickyNote.node', 'StickyNote'),
		// The bookkeeping template's branch, row and mail (examples/invoices-to-bookkeeping.json).
		'n8n-nodes-base.if': load('If/If.node', 'If'),
		'n8n-nodes-base.httpRequest': load('HttpRequest/HttpRequest.node', 'HttpRequest'),
		'n8n-nodes-base.emailSend': load('EmailSend/EmailSend.node', 'EmailSend'),
	};
}

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType>;

	constructor(extra: Record<string, INodeType> = {}) {
		this.types = {
			[`${PACKAGE}.invoicePortal`]: new InvoicePortal(),
			[`${PACKAGE}.invoicePortalTrigger`]: new InvoicePortalTrigger(),
			...baseNodes(),
			...extra,
		};
	}

	getByName(name: string) {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes() {
		return {};
	}
}

/** Credentials by id, as n8n would decrypt them from its database. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byId: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}
	getParentTypes() {
		return [];
	}
	async authenticate(_c: ICredentialDataDecryptedObject, _t: string, request: never) {
		return request;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getDecrypted(_data: IWorkflowExecuteAdditionalData, details: INodeCredentialsDetails) {
		const found = this.byId[details.id ?? ''];
		if (!found) throw new Error(`No credential with id ${details.id}`);
		return found;
	}
	/** As n8n's: the credential's entity, or CredentialNotFoundError for an id it does not have. */
	async getCredentials(details: INodeCredentialsDetails, type: string): Promise<never> {
		if (!this.byId[details.id ?? '']) {
			const error = new Error(
				`Credential with ID "${details.id}" does not exist for type "${type}".`,
			);
			error.name = 'CredentialNotFoundError';
			throw error;
		}
		return { id: details.id, name: details.name, type, data: undefined } as never;
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return [];
	}
}

let binaryReady: Promise<void> | undefined;

export interface EngineRun {
	run: IRun;
	workflow: Workflow;
	/** The workflow's static data after the run: pass it to the next run, as n8n saves it. */
	staticData: IDataObject;
	/** Items a node put on one of its outputs (last run of that node). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	error(nodeName: string): Error | undefined;
	/** Execution hints the node added (the run summary shows up here in the editor). */
	hints(nodeName: string): string[];
}

type WorkflowJson = Pick<IWorkflowBase, 'nodes' | 'connections'> & {
	settings?: IWorkflowBase['settings'];
};

interface EngineOptions {
	credentials: Record<string, ICredentialDataDecryptedObject>;
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	/** Start here instead of the workflow's start node (a second manual trigger in the workflow). */
	startNode?: string;
	/** More node types by the name workflows use (a test's stand-in for an AI agent, a tool variant). */
	nodeTypes?: Record<string, INodeType>;
	/** The workflow's id in n8n's database (its static data belongs to it); one for all by default. */
	workflowId?: string;
}

async function buildWorkflow(
	workflowJson: WorkflowJson,
	staticData: IDataObject | undefined,
	nodeTypes?: Record<string, INodeType>,
	id = 'test-workflow',
): Promise<Workflow> {
	(globalThis as { n8nEngineUsed?: boolean }).n8nEngineUsed = true;
	binaryReady ??= Container.get(BinaryDataService).init();
	await binaryReady;
	return new Workflow({
		id,
		nodes: structuredClone(workflowJson.nodes),
		connections: structuredClone(workflowJson.connections),
		nodeTypes: new TestNodeTypes(nodeTypes),
		staticData: JSON.parse(JSON.stringify(staticData ?? {})),
		settings: workflowJson.settings ?? { executionOrder: 'v1' },
		active: false,
	});
}

function additionalDataFor(
	credentials: EngineOptions['credentials'],
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executionId: `exec-${Date.now()}`,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: async () => {
			throw new Error('code tasks are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function hooksFor(mode: WorkflowExecuteMode): ExecutionLifecycleHooks {
	return new ExecutionLifecycleHooks(mode, `exec-${Date.now()}`, {
		id: 'test-workflow',
		name: 'test',
		nodes: [],
		connections: {},
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
}

/** Runs a workflow from the given execution stack to its end, as n8n's WorkflowRunner does. */
async function execute(
	workflow: Workflow,
	options: EngineOptions,
	mode: WorkflowExecuteMode,
	stack: IExecuteData[],
): Promise<EngineRun> {
	const hooks = hooksFor(mode);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: stack,
		},
	} as unknown as IRunExecutionData;
	await new WorkflowExecute(
		additionalDataFor(options.credentials, hooks),
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	const run = await done.promise;
	// The test suite's secret scan reads every execution (tests/helpers/secret-scan.ts).
	(
		globalThis as { invoicePortalsAuditRun?: (run: IRun, workflow: Workflow) => void }
	).invoicePortalsAuditRun?.(run, workflow);
	const runData = run.data.resultData.runData;
	return {
		run,
		workflow,
		// As n8n saves it: JSON in its database.
		staticData: JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject,
		output: (nodeName, outputIndex = 0) => {
			const runs = runData[nodeName];
			return runs?.[runs.length - 1]?.data?.main?.[outputIndex] ?? [];
		},
		error: (nodeName) =>
			runData[nodeName]?.[runData[nodeName].length - 1]?.error as Error | undefined,
		hints: (nodeName) =>
			(runData[nodeName]?.[runData[nodeName].length - 1]?.hints ?? []).map((h) => h.message),
	};
}

/** Runs a workflow from its start node (manual mode: what "Execute workflow" / "Fetch test event" do). */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: EngineOptions,
): Promise<EngineRun> {
	const workflow = await buildWorkflow(
		workflowJson,
		options.staticData,
		options.nodeTypes,
		options.workflowId,
	);
	const start = options.startNode ? workflow.getNode(options.startNode) : workflow.getStartNode();
	if (!start) throw new Error(`workflow has no start node ${options.startNode ?? ''}`);
	return execute(workflow, options, options.mode ?? 'manual', [
		{ node: start, data: { main: [[{ json: {} }]] }, source: null },
	]);
}

export interface PollRun {
	/** What the trigger returned: null when the wake-up ended without starting an execution. */
	emitted: INodeExecutionData[][] | null;
	/** The production execution n8n started with the emitted items. */
	execution?: EngineRun;
	/** The static data as n8n has it in its database: saved when the trigger emits, else unchanged. */
	staticData: IDataObject;
}

/**
 * One wake-up of an active workflow's polling trigger, as n8n's ActiveWorkflows does it: the
 * node's poll() runs in a PollContext (mode "trigger"); when it returns items, n8n saves the
 * workflow's static data and starts a production execution that begins at the trigger with
 * those items. When it returns null, nothing is saved and no execution exists.
 */
export async function pollWorkflow(
	workflowJson: WorkflowJson,
	options: EngineOptions,
): Promise<PollRun> {
	const workflow = await buildWorkflow(
		workflowJson,
		options.staticData,
		undefined,
		options.workflowId,
	);
	const node = workflow.getPollNodes()[0];
	if (!node) throw new Error('workflow has no polling trigger');
	const mode: WorkflowExecuteMode = 'trigger';
	let emitted: INodeExecutionData[][] | null = null;
	const context = new PollContext(
		workflow,
		node,
		additionalDataFor(options.credentials, hooksFor(mode)),
		mode,
		'activate',
		(data) => {
			emitted = data;
		},
		(error) => {
			throw error;
		},
	);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const response = await nodeType.poll!.call(context);
	if (response !== null) context.__emit(response);
	if (emitted === null)
		return { emitted: null, staticData: JSON.parse(JSON.stringify(options.staticData ?? {})) };
	const saved = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	// The execution runs on a workflow built from the database, with the static data just saved.
	const executionWorkflow = await buildWorkflow(workflowJson, saved, undefined, options.workflowId);
	const execution = await execute(executionWorkflow, options, mode, [
		{ node: executionWorkflow.getNode(node.name)!, data: { main: emitted }, source: null },
	]);
	return { emitted, execution, staticData: saved };
}

/**
 * Stops what n8n-core leaves running between executions: its SSH client manager starts a
 * 60-second clean-up interval when the first trigger runs, which keeps a CLI process alive.
 * (In an n8n server that lives forever, this never matters.)
 */
export function shutdownEngine(): void {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
	Container.get<{ onShutdown(): void }>(SSHClientsManager).onShutdown();
}

/** The bytes of a binary property, whichever way n8n stored it. */
export async function binaryBuffer(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property];
	if (!binary) throw new Error(`item has no binary property ${property}`);
	return Container.get(BinaryDataService).getAsBuffer(binary);
}
