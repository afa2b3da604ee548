import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
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

	async list(): Promise<ConnectionRecord[]> {
		let names: string[];
		try {
			names = await readdir(this.dir);
		} catch {
			return [];
		}
		// Record files only: the folder also holds the lease folder and writers' temporary files.
		const files = names.filter((name) => /^[0-9a-f]{32}\.json$/.test(name));
		const records = await Promise.all(
			files.map((name) =>
				readFile(join(this.dir, name), 'utf8')
					.then((json) => JSON.parse(json) as ConnectionRecord)
					.catch(() => undefined),
			),
		);
		return records.filter((r): r is ConnectionRecord => !!r?.connection && !!r.status);
	}

	async remove(connection: string): Promise<void> {
		await rm(this.file(connection), { force: true });
	}
}
