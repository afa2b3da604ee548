import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { filtersFrom, filtersProperty } from '../../../shared/filters.description';
import { metadataItems } from '../../../shared/items';
import { runForItem, stopOutput, type ItemRun, type OperationOutput } from '../../../shared/run';

export const description: INodeProperties[] = [filtersProperty(['list'])];

/** Metadata only, nothing downloaded: for previews and for finding out why a document is missing. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationOutput> {
	const filters = filtersFrom(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	return output(this, itemIndex, await runForItem(this, itemIndex, { mode: 'list', filters, onlyNew: false }));
}

/** One item per listed document that passed the filters. */
export async function output(ctx: IExecuteFunctions, itemIndex: number, item: ItemRun): Promise<OperationOutput> {
	const stop = await stopOutput(ctx, itemIndex, item);
	if (stop) return stop;
	return { documents: metadataItems(item.run.result.portal, item.run.result.selected, itemIndex), actions: [] };
}
