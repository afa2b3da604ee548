import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hashedName } from '../hashed-name';
import type { RecordResource } from '../store';
import { writeAtomically } from './write-atomically';

/**
 * The connection statuses: one small JSON file per connection in the state folder, written
 * atomically, so a reader never sees half a record.
 */
export class FileStatuses implements RecordResource {
	constructor(private readonly dir: string) {}

	private file(key: string): string {
		return join(this.dir, `${hashedName(key)}.json`);
	}

	async get(key: string): Promise<unknown> {
		try {
			return JSON.parse(await readFile(this.file(key), 'utf8')) as unknown;
		} catch {
			return undefined;
		}
	}

	async put(key: string, record: unknown): Promise<void> {
		await mkdir(this.dir, { recursive: true });
		writeAtomically(this.file(key), JSON.stringify(record, null, 2));
	}

	async list(): Promise<unknown[]> {
		let names: string[];
		try {
			names = await readdir(this.dir);
		} catch {
			return [];
		}
		// Record files only: the folder also holds the lease and turn folders and writers' temporary files.
		const files = names.filter((name) => /^[0-9a-f]{32}\.json$/.test(name));
		const records = await Promise.all(
			files.map((name) =>
				readFile(join(this.dir, name), 'utf8')
					.then((json) => JSON.parse(json) as unknown)
					.catch(() => undefined),
			),
		);
		return records.filter((record) => record !== undefined);
	}

	async remove(key: string): Promise<void> {
		await rm(this.file(key), { force: true });
	}
}
