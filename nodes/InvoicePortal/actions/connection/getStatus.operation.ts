import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { StatusStore } from '../../../../portals/core/status/status-store';
import { STATUS_INFO } from '../../../../portals/core/contract/statuses';
import { connectionFor, type OperationOutput } from '../../../shared/run';

export const description: INodeProperties[] = [];

/** The last known status of this connection, from any node or workflow that used it. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<OperationOutput> {
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
	return { documents: [{ json: json as never, pairedItem: { item: itemIndex } }], actions: [] };
}
