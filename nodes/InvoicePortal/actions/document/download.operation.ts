import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { invalidInput } from '../../../../portals/core/outcomes/errors';
import { filtersFrom, filtersProperty } from '../../../shared/filters.description';
import { addInvoiceData, readInvoiceDataOption } from '../../../shared/invoice-data';
import { DEFAULT_BINARY_FIELD, documentItems } from '../../../shared/items';
import type { ItemRun, OperationOutput } from '../../../shared/run';
import { showFor } from '../../../shared/show-for';
import type { PortalRequest } from '../operation-contract';

export const description: INodeProperties[] = showFor(
	{ resource: ['document'], operation: ['download'] },
	[
		{
			// n8n's own download operations (Google Drive, S3, Convert to File) name the field like this.
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: DEFAULT_BINARY_FIELD,
			required: true,
			placeholder: 'e.g. data',
			hint: 'The name of the output binary field to put the file in',
		},
		// Download keeps its Limit inside Filters (unset: every new document): n8n's Return All / Limit
		// pair defaults to 50, which would quietly cap what a Download delivers by default.
		filtersProperty(),
		{
			displayName: 'Only New Documents',
			name: 'onlyNew',
			type: 'boolean',
			default: true,
			description:
				'Whether to skip documents this node already delivered (remembered per connection, even if the files were deleted since)',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			// In a collection: a top-level boolean that a credential's rule named could become the
			// editor's main auth field; none does, and none may (editor-auth-field.test.ts).
			options: [readInvoiceDataOption],
		},
	],
);

/** The binary field name, checked before the portal is asked: an empty name would lose the file. */
export function binaryFieldFrom(value: unknown): string {
	const name = typeof value === 'string' ? value.trim() : '';
	if (!name)
		throw invalidInput(
			'Put Output File in Field',
			'is empty: name the binary field for the file, e.g. data.',
		);
	return name;
}

export async function request(this: IExecuteFunctions, itemIndex: number): Promise<PortalRequest> {
	const binaryField = binaryFieldFrom(
		this.getNodeParameter('binaryPropertyName', itemIndex, DEFAULT_BINARY_FIELD),
	);
	const filters = filtersFrom(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);
	const onlyNew = this.getNodeParameter('onlyNew', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const readInvoiceData = options.readInvoiceData === true;
	// The field and the option go into the request, so that a Submit Code finishing this download
	// uses them too.
	return {
		run: {
			mode: 'download',
			filters,
			onlyNew,
			output: { binaryField, ...(readInvoiceData ? { readInvoiceData } : {}) },
		},
	};
}

/**
 * One item per downloaded document, the file in the field the operation recorded (this
 * Download's, or the interrupted one's after Submit Code; tokens from before the option: `data`),
 * with `invoice` when Read Invoice Data is on (the recorded choice, after Submit Code).
 * They count as delivered once the items exist.
 */
export async function finish(
	ctx: IExecuteFunctions,
	itemIndex: number,
	item: ItemRun,
): Promise<OperationOutput> {
	const output = item.run.operation.output;
	const binaryField = output?.binaryField ?? DEFAULT_BINARY_FIELD;
	const docs = item.run.result.documents;
	const documents = await documentItems(ctx, docs, itemIndex, binaryField, item.files);
	if (output?.readInvoiceData) await addInvoiceData(ctx, documents, docs, binaryField);
	item.markDelivered();
	return { documents, actions: [] };
}
