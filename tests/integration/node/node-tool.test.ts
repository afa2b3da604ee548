import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type IWorkflowBase,
} from 'n8n-workflow';
import { InvoicePortal } from '../../../nodes/InvoicePortal/InvoicePortal.node';
import { runWorkflow } from '../../../testbeds/n8n-engine';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { latestCode, startDemo } from '../../helpers/demo';
import { demoCredential } from '../../helpers/workflows';

/**
 * The node as an AI agent's tool, through n8n's own tool wrapper: the agent's
 * getInputConnectionData (n8n-core) wraps the tool node with createNodeAsTool and
 * makeHandleToolInvocation, runs its execute() in a SupplyDataContext whose isToolExecution()
 * is true, and hands the agent output 0 only, as JSON. A Download that stops at an SMS code
 * must tell the agent so (on output 0), and a Submit Code through the same tool finishes it.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const PACKAGE = 'n8n-nodes-invoice-portals';

/**
 * The tool variant n8n's server makes of a node with usableAsTool (its convertNodeToAiTool in
 * packages/cli, not published for tests): same node, name + "Tool", no inputs, one ai_tool output.
 */
function asTool(node: INodeType): INodeType {
	const description: INodeTypeDescription = {
		...node.description,
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		usableAsTool: undefined,
	};
	return Object.create(node, { description: { value: description } }) as INodeType;
}

/** Stands in for the AI Agent: takes its connected tools from n8n and calls the first one. */
const agent: INodeType = {
	description: {
		displayName: 'Test Agent',
		name: 'testAgent',
		group: ['transform'],
		version: 1,
		description: 'Calls its tool once',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(this: IExecuteFunctions) {
		const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as {
			invoke(args: object): Promise<string>;
		}[];
		const answer = await tools[0].invoke({});
		// What the language model would read: the tool's answer as text (JSON).
		return [[{ json: { answer, items: JSON.parse(answer) } }]];
	},
};

function agentWorkflow(parameters: INodeParameters): Pick<IWorkflowBase, 'nodes' | 'connections'> {
	return {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: {},
			},
			{
				id: '2',
				name: 'Agent',
				type: 'test.testAgent',
				typeVersion: 1,
				position: [220, 0] as [number, number],
				parameters: {},
			},
			{
				id: '3',
				name: 'Invoice Portal',
				type: `${PACKAGE}.invoicePortalTool`,
				typeVersion: 1,
				position: [220, 200] as [number, number],
				parameters,
				credentials: { invoicePortalApi: { id: 'cred-1', name: 'Demo Telecom' } },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
			'Invoice Portal': {
				ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]],
			},
		},
	};
}

const nodeTypes = {
	'test.testAgent': agent,
	[`${PACKAGE}.invoicePortalTool`]: asTool(new InvoicePortal()),
};

test('a Download that waits for an SMS code tells the agent (status, reason, method, message, remedy, resume token, no binary); Submit Code through the tool finishes it', async () => {
	const credentials = { 'cred-1': demoCredential(demo, 'sara@example.test') };
	const first = await runWorkflow(
		agentWorkflow({
			resource: 'document',
			operation: 'download',
			binaryPropertyName: 'invoice',
			onlyNew: true,
		}),
		{ credentials, nodeTypes },
	);
	expect(first.error('Agent')).toBeUndefined();
	const [answer] = first.output('Agent');
	const items = answer.json.items as Record<string, unknown>[];
	expect(items).toHaveLength(1);
	expect(items[0]).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		method: 'sms',
	});
	expect(String(items[0].message)).not.toBe('');
	expect(String(items[0].remedy)).toMatch(/SMS/);
	expect(String(items[0].resumeToken)).toMatch(/^ipx1\./);
	// n8n's wrapper records what the tool answered on the tool node's ai_tool output.
	const toolRun = first.run.data.resultData.runData['Invoice Portal'];
	expect(toolRun?.[0]?.data?.[NodeConnectionTypes.AiTool]?.[0]?.[0]?.json.response).toEqual(items);

	const code = latestCode(demo, 'sara@example.test');
	const second = await runWorkflow(
		agentWorkflow({
			resource: 'connection',
			operation: 'submitCode',
			resumeToken: String(items[0].resumeToken),
			code,
		}),
		{ credentials, nodeTypes, staticData: first.staticData },
	);
	expect(second.error('Agent')).toBeUndefined();
	const documents = second.output('Agent')[0].json.items as Record<string, unknown>[];
	expect(documents).toHaveLength(14);
	expect(documents.every((d) => d.accountId === 'CUST-3001' && d.fileName)).toBe(true);
});
