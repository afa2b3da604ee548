import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { invalidInput } from '../../../../portals/core/outcomes/errors';
import {
	looksLikeInvoiceFile,
	MAX_INVOICE_FILE_BYTES,
	readInvoiceInto,
} from '../../../shared/invoice-data';
import { DEFAULT_BINARY_FIELD } from '../../../shared/items';
import { showFor } from '../../../shared/show-for';
import type { AnsweredRequest } from '../operation-contract';

export const description: INodeProperties[] = showFor(
	{ resource: ['document'], operation: ['readInvoiceData'] },
	[
		{
			// The name and words of n8n's own file readers (Extract From File): users know them.
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: DEFAULT_BINARY_FIELD,
			required: true,
			placeholder: 'e.g. data',
			hint: 'The name of the input binary field holding the PDF or XML file',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Read All Binary Fields',
					name: 'allBinaryFields',
					type: 'boolean',
					default: false,
					description:
						"Whether to read every binary field of the item instead of Input Binary Field (e.g. all of an e-mail's attachments): one output item per PDF or XML file, other files skipped",
				},
				{
					displayName: 'Check XML Schema',
					name: 'checkSchema',
					type: 'boolean',
					default: true,
					description:
						"Whether to also check an e-invoice's XML against its schema (CII D16B, UBL 2.1) besides the EN 16931 business rules: about half a second more per e-invoice. Off, validation.rulesChecked leaves out XSD.",
				},
				{
					displayName: 'Output Attachments as Files',
					name: 'attachmentBinaries',
					type: 'boolean',
					default: true,
					description:
						"Whether the files an invoice carries go out as extra binary fields named after the file's field: a hybrid PDF's other embedded files (a timesheet, a delivery note) as data_attachment_1, data_attachment_2 …, and the supporting documents attached in the e-invoice's XML (a receipt, an appendix) as data_supporting_1, data_supporting_2 … (at most 10 of each)",
				},
			],
		},
	],
);

/**
 * Reads the item's PDF or XML file into `invoice` (EN 16931 JSON, portals/invoice-data) and keeps
 * the item's JSON and binary. Needs no credential and no portal. A file that is not an e-invoice
 * is data, not a failure: `invoice.isEInvoice` false with `invoice.error`. A missing binary field
 * is a configuration error (as in n8n's Extract From File): the node fails, or with Continue On
 * Fail the item carries the error (the router).
 */
export async function request(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<AnsweredRequest> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const all = options.allBinaryFields === true;
	const item = this.getInputData()[itemIndex];
	const fields = all
		? Object.keys(item.binary ?? {})
		: [fieldName(this.getNodeParameter('binaryPropertyName', itemIndex, DEFAULT_BINARY_FIELD))];
	const documents: INodeExecutionData[] = [];
	for (const field of fields) {
		const binary = this.helpers.assertBinaryData(itemIndex, field);
		const bytes = await fileBytes(this, itemIndex, binary);
		// Reading them all: pictures, spreadsheets … beside the invoices are not invoices.
		if (all && !(bytes ? looksLikeInvoiceFile(bytes, binary.mimeType) : declaredInvoice(binary)))
			continue;
		const reading = bytes
			? await readInvoiceInto(
					this,
					bytes,
					{ fileName: binary.fileName, mimeType: binary.mimeType },
					field,
					options.attachmentBinaries !== false,
					options.checkSchema !== false,
				)
			: { invoice: tooLarge(), binaries: {} };
		documents.push({
			json: { ...item.json, invoice: { ...reading.invoice, binaryField: field } },
			// Reading every field, each item carries the file it read; reading one, all of the item's.
			binary: { ...(all ? { [field]: binary } : item.binary), ...reading.binaries },
			pairedItem: { item: itemIndex },
		});
	}
	if (!documents.length) documents.push(noFileItem(item, itemIndex));
	return { answer: { documents, actions: [] } };
}

function fieldName(value: unknown): string {
	const name = typeof value === 'string' ? value.trim() : '';
	if (!name)
		throw invalidInput(
			'Input Binary Field',
			'is empty: name the binary field that holds the file.',
		);
	return name;
}

/**
 * The file's bytes through n8n's helpers (so n8n's filesystem binary mode works), or null when
 * it is over the reader's largest cap: in that mode its size is known without reading it.
 */
async function fileBytes(
	ctx: IExecuteFunctions,
	itemIndex: number,
	binary: IBinaryData,
): Promise<Buffer | null> {
	if (binary.id) {
		const { fileSize } = await ctx.helpers.getBinaryMetadata(binary.id);
		if (fileSize > MAX_INVOICE_FILE_BYTES) return null;
	}
	const bytes = await ctx.helpers.getBinaryDataBuffer(itemIndex, binary);
	return bytes.length > MAX_INVOICE_FILE_BYTES ? null : bytes;
}

const tooLarge = (): IDataObject => ({
	isEInvoice: false,
	error: {
		code: 'too-large',
		message: `The file is larger than ${MAX_INVOICE_FILE_BYTES} bytes, the most an invoice file is read at.`,
	},
});

/** Over the size cap, a file is read only if it says it is a PDF or XML (and then is too large). */
function declaredInvoice(binary: IBinaryData): boolean {
	return /pdf|xml/i.test(`${binary.mimeType} ${binary.fileName ?? ''}`);
}

function noFileItem(item: INodeExecutionData, itemIndex: number): INodeExecutionData {
	return {
		...item,
		json: {
			...item.json,
			invoice: {
				isEInvoice: false,
				error: {
					code: 'no-invoice-file',
					message: 'The item has no PDF or XML file in any of its binary fields.',
				},
			},
		},
		pairedItem: { item: itemIndex },
	};
}
