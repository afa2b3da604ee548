import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { runOperation, type OperationOutput } from '../../../shared/run';
import { filtersFrom, filtersProperty } from '../../../shared/filters.description';

export const description: INodeProperties[] = [filtersProperty(['list'])];

/** Metadata only, nothing downloaded: for previews and for finding out why a document is missing. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<OperationOutput> {
	const filters = filtersFrom(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	return runOperation(this, itemIndex, { mode: 'list', filters, onlyNew: false });
}
