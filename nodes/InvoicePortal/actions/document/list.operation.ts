import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { FILTER_OPTIONS, filtersFrom, filtersProperty } from '../../../shared/filters.description';
import { metadataItems } from '../../../shared/items';
import type { ItemRun, OperationOutput } from '../../../shared/run';
import { showFor } from '../../../shared/show-for';
import type { PortalRequest } from '../operation-contract';

const limitOption = FILTER_OPTIONS.find((option) => option.name === 'limit')!;

export const description: INodeProperties[] = showFor(
	{ resource: ['document'], operation: ['list'] },
	[
		// n8n's convention for operations that return many items (Airtable, Google Drive: Search).
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{ ...limitOption, displayOptions: { show: { returnAll: [false] } } },
		// Limit is above, so the filters leave it out: one limit, not two.
		filtersProperty(FILTER_OPTIONS.filter((option) => option.name !== 'limit')),
	],
);

/** Metadata only, nothing downloaded: for previews and for finding out why a document is missing. */
export async function request(this: IExecuteFunctions, itemIndex: number): Promise<PortalRequest> {
	const filters = filtersFrom(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	// The engine's limit is the n8n Limit; Return All means none (a Limit left in Filters by an older version is ignored).
	filters.limit = returnAll ? undefined : Number(this.getNodeParameter('limit', itemIndex, 50));
	return { run: { mode: 'list', filters, onlyNew: false } };
}

/** One item per listed document that passed the filters. */
export async function finish(
	_ctx: IExecuteFunctions,
	itemIndex: number,
	item: ItemRun,
): Promise<OperationOutput> {
	return {
		documents: metadataItems(item.run.result.portal, item.run.result.selected, itemIndex),
		actions: [],
	};
}
