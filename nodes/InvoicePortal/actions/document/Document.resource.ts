import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as list from './list.operation';

export { download, list };

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
		],
		default: 'download',
	},
	...download.description,
	...list.description,
];
