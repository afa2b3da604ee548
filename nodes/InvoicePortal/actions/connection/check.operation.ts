import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { statusJson } from '../../../shared/items';
import { runForItem, stopOutput, type ItemRun, type OperationOutput } from '../../../shared/run';

export const description: INodeProperties[] = [];

/** Logs in only and reports the connection's status. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationOutput> {
	return output(
		this,
		itemIndex,
		await runForItem(this, itemIndex, { mode: 'check', filters: {}, onlyNew: false }),
	);
}

/** The connection's status as one item (also after Submit Code, when a check waited for a code). */
export async function output(
	ctx: IExecuteFunctions,
	itemIndex: number,
	item: ItemRun,
): Promise<OperationOutput> {
	const stop = await stopOutput(ctx, itemIndex, item);
	if (stop) return stop;
	return {
		documents: [
			{ json: statusJson(item.run.result, item.connection.label), pairedItem: { item: itemIndex } },
		],
		actions: [],
	};
}
