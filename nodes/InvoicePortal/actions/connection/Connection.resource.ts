import type { INodeProperties } from 'n8n-workflow';
import * as check from './check.operation';
import * as discover from './discover.operation';
import * as getMany from './getMany.operation';
import * as getStatus from './getStatus.operation';
import * as submitCode from './submitCode.operation';

export { check, discover, getMany, getStatus, submitCode };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['connection'] } },
		options: [
			{
				name: 'Check',
				value: 'check',
				action: 'Check a connection',
				description: 'Log in and report whether the connection works',
			},
			{
				name: 'Discover',
				value: 'discover',
				action: 'Discover a portal',
				description:
					'Find the login and the documents list of an Automatic connection afresh; outputs the definition it wrote and what it found',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many connections',
				description:
					'All connections of this n8n at a glance: status, remedy, last success, documents of the last 30 days, and which need attention',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get the status of a connection',
				description: 'The last known status, reason and counts of this connection',
			},
			{
				name: 'Submit Code',
				value: 'submitCode',
				action: 'Submit a code',
				description: 'Continue a login that waits for a code, then finish the interrupted download',
			},
		],
		default: 'check',
	},
	...check.description,
	...discover.description,
	...getMany.description,
	...getStatus.description,
	...submitCode.description,
];
