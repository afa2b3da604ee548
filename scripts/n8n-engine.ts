import { Container } from '@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createDeferredPromise,
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
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
		'n8n-nodes-base.stickyNote': load('StickyNote/StickyNote.node', 'StickyNote'),
	};
}

class TestNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType>;

	constructor() {
		this.types = { [`${PACKAGE}.invoicePortal`]: new InvoicePortal(), ...baseNodes() };
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
	async getCredentials(): Promise<never> {
		throw new Error('not used');
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

export async function runWorkflow(
	workflowJson: Pick<IWorkflowBase, 'nodes' | 'connections'> & { settings?: IWorkflowBase['settings'] },
	options: { credentials: Record<string, ICredentialDataDecryptedObject>; staticData?: IDataObject; mode?: WorkflowExecuteMode },
): Promise<EngineRun> {
	(globalThis as { n8nEngineUsed?: boolean }).n8nEngineUsed = true;
	binaryReady ??= Container.get(BinaryDataService).init();
	await binaryReady;
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: structuredClone(workflowJson.nodes),
		connections: structuredClone(workflowJson.connections),
		nodeTypes: new TestNodeTypes(),
		staticData: JSON.parse(JSON.stringify(options.staticData ?? {})),
		settings: workflowJson.settings ?? { executionOrder: 'v1' },
		active: false,
	});
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, `exec-${Date.now()}`, { id: 'test-workflow', name: 'test', nodes: [], connections: {}, active: false, isArchived: false, createdAt: new Date(), updatedAt: new Date(), activeVersionId: null } as never);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(options.credentials),
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

	const start = workflow.getStartNode();
	if (!start) throw new Error('workflow has no start node');
	const runExecutionData: IRunExecutionData = {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [{ node: start, data: { main: [[{ json: {} }]] }, source: null }],
		},
	} as unknown as IRunExecutionData;
	await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const run = await done.promise;
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
		error: (nodeName) => runData[nodeName]?.[runData[nodeName].length - 1]?.error as Error | undefined,
		hints: (nodeName) => (runData[nodeName]?.[runData[nodeName].length - 1]?.hints ?? []).map((h) => h.message),
	};
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
