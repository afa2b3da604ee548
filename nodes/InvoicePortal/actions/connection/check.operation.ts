import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { runOperation, type OperationOutput } from '../../../shared/run';

export const description: INodeProperties[] = [];

/** Logs in only and reports the connection's status. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationOutput> {
	return runOperation(this, itemIndex, { mode: 'check', filters: {}, onlyNew: false });
}
