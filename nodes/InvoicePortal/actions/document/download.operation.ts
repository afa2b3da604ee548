import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { runOperation, type OperationOutput } from '../../../shared/run';
import { filtersFrom, filtersProperty } from '../../../shared/filters.description';

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
	return runOperation(this, itemIndex, { mode: 'download', filters, onlyNew });
}
