import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectionRecord } from './connection-record';
import type { StatusBackend } from './status-backend';

/**
 * One small JSON file per connection in the state folder, written atomically (a temporary file
 * renamed over the old one), so a reader never sees half a record.
 */
export class FileStatusBackend implements StatusBackend {
	constructor(private readonly dir: string) {}

	private file(connection: string): string {
		return join(
			this.dir,
			`${createHash('sha256').update(connection).digest('hex').slice(0, 32)}.json`,
		);
	}

	async get(connection: string): Promise<ConnectionRecord | undefined> {
		try {
			return JSON.parse(await readFile(this.file(connection), 'utf8')) as ConnectionRecord;
		} catch {
			return undefined;
		}
	}

	async put(record: ConnectionRecord): Promise<void> {
		await mkdir(this.dir, { recursive: true });
		const target = this.file(record.connection);
		const temp = `${target}.${process.pid}.tmp`;
		await writeFile(temp, JSON.stringify(record, null, 2));
		await rename(temp, target);
	}
}
