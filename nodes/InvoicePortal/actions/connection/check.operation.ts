import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { statusJson } from '../../../shared/items';
import type { ItemRun, OperationOutput } from '../../../shared/run';
import type { PortalRequest } from '../operation-contract';

export const description: INodeProperties[] = [];

/** Logs in only. */
export async function request(): Promise<PortalRequest> {
	return { run: { mode: 'check', filters: {}, onlyNew: false } };
}

/** The connection's status as one item (also after Submit Code, when a check waited for a code). */
export async function finish(
	_ctx: IExecuteFunctions,
	itemIndex: number,
	item: ItemRun,
): Promise<OperationOutput> {
	return {
		documents: [
			{ json: statusJson(item.run.result, item.connection.label), pairedItem: { item: itemIndex } },
		],
		actions: [],
	};
}
