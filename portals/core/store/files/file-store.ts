import { join } from 'node:path';
import type { Store } from '../store';
import { FileLeases } from './file-leases';
import { FileStatuses } from './file-statuses';
import { FileTurns } from './file-turns';

/**
 * The store as files in one state folder, for a single n8n instance (and several processes on
 * one machine sharing that folder): the records at the top, `leases/` and `turns/` beside them.
 */
export class FileStore implements Store {
	readonly statuses: FileStatuses;
	readonly leases: FileLeases;
	readonly turns: FileTurns;

	constructor(readonly dir: string) {
		this.statuses = new FileStatuses(dir);
		this.leases = new FileLeases(join(dir, 'leases'));
		this.turns = new FileTurns(join(dir, 'turns'));
	}
}
