import type { IDataObject } from 'n8n-workflow';
import type { ConnectionState } from '../../portals/core/run/connection-state';

/**
 * Where a connection's record (portals/core/run/connection-state.ts) lives in n8n: the
 * workflow's global static data, under invoicePortals.connections[connection key]. One record
 * per connection, shared by every node of the workflow that uses it, so a trigger and the
 * Submit Code that continues its login share one ledger, one session and one lockout. n8n saves
 * static data with the workflow after a production execution, and when a trigger emits.
 */
function connections(global: IDataObject): Record<string, ConnectionState> {
	const root = (global.invoicePortals ??= {}) as IDataObject;
	return (root.connections ??= {}) as Record<string, ConnectionState>;
}

export function storedConnection(global: IDataObject, key: string): ConnectionState | undefined {
	return connections(global)[key];
}

export function saveConnection(global: IDataObject, key: string, state: ConnectionState): void {
	connections(global)[key] = state;
}
