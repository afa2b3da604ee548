import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as list from './list.operation';
import * as readInvoiceData from './readInvoiceData.operation';

export { download, list, readInvoiceData };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download documents',
				description: 'Log in and download documents as PDF files',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List documents',
				description: 'List documents and their details without downloading them',
			},
			{
				name: 'Read Invoice Data',
				value: 'readInvoiceData',
				action: 'Read invoice data',
				description:
					'Read a PDF or XML e-invoice (Factur-X, ZUGFeRD, XRechnung, Peppol) from any binary field into JSON, with validation; needs no credential',
			},
		],
		default: 'download',
	},
	...download.description,
	...list.description,
	...readInvoiceData.description,
];
