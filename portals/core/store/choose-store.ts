import { FileStore } from './files/file-store';
import { queueRedis, queueRedisOptions } from './queue-redis';
import { RedisStore } from './redis/redis-store';
import { defaultStateDir } from './state-dir';
import type { Store } from './store';

/**
 * The installation's store, chosen here and nowhere else: n8n's own Redis in queue mode (mains
 * and workers on several machines, each with its own user folder), else files in the state
 * folder. Statuses, leases and delivery turns are always kept in the same place.
 */
export function chooseStore(env: NodeJS.ProcessEnv = process.env): Store {
	const redis = queueRedisOptions(env);
	if (redis) return new RedisStore(queueRedis(redis));
	return new FileStore(defaultStateDir(env));
}
