import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { errorItem, nodeErrorFrom } from '../../shared/errors';
import {
	runForItem,
	stopOutput,
	type OperationOutput,
	type OperationRequest,
} from '../../shared/run';
import * as connection from './connection/Connection.resource';
import * as document from './document/Document.resource';
import type { Finish, Operation } from './operation-contract';

const operations: Record<string, Record<string, Operation>> = {
	document: {
		download: document.download,
		list: document.list,
		readInvoiceData: document.readInvoiceData,
	},
	connection: {
		check: connection.check,
		discover: connection.discover,
		submitCode: connection.submitCode,
		getStatus: connection.getStatus,
		getMany: connection.getMany,
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
			const output = await runItem.call(this, itemIndex, resource, operation);
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
 * One item's lifecycle, the same for every operation: its request; the run of the connection;
 * the stop guard (a run that waits for the user goes to Action Required, a failed run is an
 * error); then the finish of the operation that ran makes the items.
 */
export async function runItem(
	this: IExecuteFunctions,
	itemIndex: number,
	resource: string,
	operation: string,
): Promise<OperationOutput> {
	const chosen = operations[resource]?.[operation];
	if (!chosen) throw new Error(`The operation "${operation}" of "${resource}" is not known.`);
	const request = await chosen.request.call(this, itemIndex);
	if ('answer' in request) return request.answer;
	const item = await runForItem(this, itemIndex, request.run, request.resume, {
		forgetLearned: request.forgetLearned,
	});
	const stop = await stopOutput(this, itemIndex, item);
	if (stop) return stop;
	const finish = request.resume ? recordedFinish(item.run.operation) : chosen.finish;
	if (!finish) throw new Error(`The operation "${operation}" of "${resource}" makes no items.`);
	return finish(this, itemIndex, item);
}

/**
 * After Submit Code, the operation the resume token recorded finishes with its own items: a
 * Download's files in the field that Download named, a List's metadata, a Check's status, a
 * Discover's definition.
 */
function recordedFinish({ mode, output }: OperationRequest): Finish {
	if (output?.discover) return connection.discover.finish;
	const byMode: Record<OperationRequest['mode'], Finish> = {
		download: document.download.finish,
		list: document.list.finish,
		check: connection.check.finish,
	};
	return byMode[mode];
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
