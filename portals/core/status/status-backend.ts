import type { ConnectionRecord } from './connection-record';

/** Where connection records are kept: files on one instance, n8n's Redis in queue mode. */
export interface StatusBackend {
	get(connection: string): Promise<ConnectionRecord | undefined>;
	put(record: ConnectionRecord): Promise<void>;
	/** Every record (the overview); unreadable ones are left out. */
	list(): Promise<ConnectionRecord[]>;
	/** Forgets a connection (retention: its credential was deleted, or it has not run for long). */
	remove(connection: string): Promise<void>;
}
