import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { StatusStore } from '../../../../portals/core/status/status-store';
import { STATUS_INFO } from '../../../../portals/core/contract/statuses';
import { connectionFor } from '../../../shared/run';
import type { AnsweredRequest } from '../operation-contract';

export const description: INodeProperties[] = [];

/** The last known status of this connection, from any node or workflow that used it; no run. */
export async function request(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<AnsweredRequest> {
	const connection = await connectionFor(this, itemIndex);
	const record = await new StatusStore().get(connection.key);
	const json = record
		? { ...record, connection: connection.label, statusLabel: STATUS_INFO[record.status].label }
		: {
				portal: connection.portal.slug,
				connection: connection.label,
				status: null,
				message: 'This connection has not run yet.',
			};
	return {
		answer: { documents: [{ json: json as never, pairedItem: { item: itemIndex } }], actions: [] },
	};
}
