import { defaultStateDir } from '../../scheduling/status-store';
import { FileLeaseStore } from './file-lease-store';
import type { LeaseStore } from './lease-store';

/**
 * The installation's lease store: files in the state folder (a single n8n instance, the
 * default). Queue mode will keep them in n8n's own Redis.
 */
export function leaseStore(env: NodeJS.ProcessEnv = process.env): LeaseStore {
	return new FileLeaseStore(defaultStateDir(env));
}
