import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { StatusStore } from '../../../../portals/core/status/status-store';
import { CONNECTION_STATUSES, STATUS_INFO } from '../../../../portals/core/contract/statuses';
import {
	connectionsOverview,
	type OverviewFilters,
} from '../../../../portals/core/status/overview/overview';
import { overviewReport } from '../../../../portals/core/status/overview/report';
import { credentialCheck } from '../../../shared/credential-exists';
import { showFor } from '../../../shared/show-for';
import type { AnsweredRequest } from '../operation-contract';

export const description: INodeProperties[] = showFor(
	{ resource: ['connection'], operation: ['getMany'] },
	[
		{
			displayName: 'Output',
			name: 'overviewOutput',
			type: 'options',
			options: [
				{
					name: 'One Item per Connection',
					value: 'connections',
					description: 'Status, reason, remedy, last success and counts of each connection',
				},
				{
					name: 'Report (HTML and Text)',
					value: 'report',
					description:
						'One item with a ready e-mail: subject, HTML with a coloured status badge per connection, plain text, totals',
				},
			],
			default: 'connections',
		},
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			// The report always has every chosen connection (and counts all of them in its totals).
			displayOptions: { show: { overviewOutput: ['connections'] } },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { overviewOutput: ['connections'], returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
		{
			displayName: 'Filters',
			name: 'overviewFilters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Needs Attention Only',
					name: 'needsAttentionOnly',
					type: 'boolean',
					default: true,
					description:
						'Whether to return only connections that need someone: login failed, action required, paused by a guard, or no success for longer than twice their usual interval',
				},
				{
					displayName: 'Portal',
					name: 'portals',
					type: 'string',
					default: '',
					placeholder: 'demo-telecom, acme-energy',
					description: 'Only these portals (their short names, separated by commas)',
				},
				{
					displayName: 'Status',
					name: 'statuses',
					type: 'multiOptions',
					options: CONNECTION_STATUSES.map((value) => ({ name: STATUS_INFO[value].label, value })),
					default: [],
					description: 'Only connections with one of these statuses',
				},
			],
		},
	],
);

/**
 * Every connection the installation's status store holds (files, or n8n's Redis in queue mode),
 * whichever workflow or trigger ran it: one item each, those needing attention first; or one
 * report item for an e-mail or a chat message. Needs no credential.
 */
export async function request(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<AnsweredRequest> {
	const output = this.getNodeParameter('overviewOutput', itemIndex, 'connections') as string;
	const returnAll =
		output === 'report' || (this.getNodeParameter('returnAll', itemIndex, false) as boolean);
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const raw = this.getNodeParameter('overviewFilters', itemIndex, {}) as IDataObject;
	const filters: OverviewFilters = {
		needsAttentionOnly: raw.needsAttentionOnly === true,
		statuses: (raw.statuses as OverviewFilters['statuses']) ?? [],
		portals: String(raw.portals ?? '')
			.split(',')
			.map((p) => p.trim())
			.filter(Boolean),
	};
	const now = new Date();
	const records = await new StatusStore().all(credentialCheck(this), now);
	const rows = connectionsOverview(records, filters, now);
	const pairedItem = { item: itemIndex };
	if (output === 'report') {
		const report = overviewReport(rows, connectionsOverview(records, {}, now), now);
		return {
			answer: { documents: [{ json: report as unknown as IDataObject, pairedItem }], actions: [] },
		};
	}
	return {
		answer: {
			documents: rows
				.slice(0, limit)
				.map((row) => ({ json: row as unknown as IDataObject, pairedItem })),
			actions: [],
		},
	};
}
