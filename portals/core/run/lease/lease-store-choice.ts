import { defaultStateDir } from '../../shared-state/state-dir';
import { FileLeaseStore } from './file-lease-store';
import type { LeaseStore } from './lease-store';
import { queueRedis, queueRedisOptions } from '../../shared-state/queue-redis';
import { RedisLeaseStore } from './redis-lease-store';

/**
 * The installation's lease store: n8n's own Redis in queue mode (mains and workers on several
 * machines, each with its own user folder), else files in the state folder.
 */
export function leaseStore(env: NodeJS.ProcessEnv = process.env): LeaseStore {
	const redis = queueRedisOptions(env);
	if (redis) return new RedisLeaseStore(queueRedis(redis));
	return new FileLeaseStore(defaultStateDir(env));
}
