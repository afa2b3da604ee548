import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorItem, nodeErrorFrom } from '../../shared/errors';
import type { OperationOutput } from '../../shared/run';
import * as connection from './connection/Connection.resource';
import * as document from './document/Document.resource';

type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<OperationOutput>;

const operations: Record<string, Record<string, Operation>> = {
	document: { download: document.download.execute, list: document.list.execute },
	connection: {
		check: connection.check.execute,
		discover: connection.discover.execute,
		submitCode: connection.submitCode.execute,
		getStatus: connection.getStatus.execute,
		getMany: connection.getMany.execute,
	},
};

/** Runs the chosen operation once per input item; output 0 is Documents, output 1 Action Required (not for a tool, below). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const documents: INodeExecutionData[] = [];
	const actions: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const resource = this.getNodeParameter('resource', itemIndex) as string;
		const operation = this.getNodeParameter('operation', itemIndex) as string;
		try {
			const run = operations[resource]?.[operation];
			if (!run) throw new Error(`The operation "${operation}" of "${resource}" is not known.`);
			const output = await run.call(this, itemIndex);
			documents.push(...output.documents);
			actions.push(...output.actions);
		} catch (error) {
			const nodeError = nodeErrorFrom(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			documents.push(errorItem(nodeError, itemIndex));
		}
	}
	if (this.isToolExecution?.()) return [[...documents, ...actions.map(forAgent)], []];
	return [documents, actions];
}

/**
 * As an AI agent's tool, n8n's tool wrapper (n8n-core, makeHandleToolInvocation) passes only
 * output 0 to the agent: a Download that stops at a code prompt would look like "nothing found".
 * There the Action Required item goes to output 0 too, as JSON only (status, reason, message,
 * remedy, method, resumeToken): agents get no binary, and the captcha picture or screenshot
 * would only earn a warning.
 */
function forAgent({ json, pairedItem }: INodeExecutionData): INodeExecutionData {
	return { json, pairedItem };
}
