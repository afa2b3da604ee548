import type { ConnectionRecord } from './connection-record';

/** Where connection records are kept: files on one instance, n8n's Redis in queue mode. */
export interface StatusBackend {
	get(connection: string): Promise<ConnectionRecord | undefined>;
	put(record: ConnectionRecord): Promise<void>;
}
