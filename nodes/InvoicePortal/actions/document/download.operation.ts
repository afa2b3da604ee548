import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { filtersFrom, filtersProperty } from '../../../shared/filters.description';
import { documentItems } from '../../../shared/items';
import { runForItem, stopOutput, type ItemRun, type OperationOutput } from '../../../shared/run';

export const description: INodeProperties[] = [
	filtersProperty(['download']),
	{
		displayName: 'Only New Documents',
		name: 'onlyNew',
		type: 'boolean',
		default: true,
		displayOptions: { show: { resource: ['document'], operation: ['download'] } },
		description: 'Whether to skip documents this node already delivered (remembered per connection, even if the files were deleted since)',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationOutput> {
	const filters = filtersFrom(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const onlyNew = this.getNodeParameter('onlyNew', itemIndex, true) as boolean;
	return output(this, itemIndex, await runForItem(this, itemIndex, { mode: 'download', filters, onlyNew }));
}

/** One item per downloaded document; they count as delivered once the items exist. */
export async function output(ctx: IExecuteFunctions, itemIndex: number, item: ItemRun): Promise<OperationOutput> {
	const stop = await stopOutput(ctx, itemIndex, item);
	if (stop) return stop;
	const documents = await documentItems(ctx, item.run.result.documents, itemIndex);
	item.markDelivered();
	return { documents, actions: [] };
}
