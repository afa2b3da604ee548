import { queueRedis, queueRedisOptions } from '../shared-state/queue-redis';
import { defaultStateDir } from '../shared-state/state-dir';
import { FileStatusBackend } from './file-status-backend';
import { RedisStatusBackend } from './redis-status-backend';
import type { StatusBackend } from './status-backend';

/**
 * The installation's status backend, chosen as the lease store is (lease-store-choice.ts): n8n's
 * own Redis in queue mode, else files in the state folder.
 */
export function statusBackend(env: NodeJS.ProcessEnv = process.env): StatusBackend {
	const redis = queueRedisOptions(env);
	if (redis) return new RedisStatusBackend(queueRedis(redis));
	return new FileStatusBackend(defaultStateDir(env));
}
