import { closeQueueRedis } from '../../portals/core/store/queue-redis';
import { startRedis, type RedisServer } from '../../testbeds/redis';

/**
 * n8n's Redis in queue mode, for a test file: a private redis-server started before its tests and
 * stopped after them (with the package's shared queue-mode client, which would keep it open), and
 * the settings by which every n8n process in queue mode finds it.
 */
export function queueModeRedis(): { readonly redis: RedisServer; readonly env: NodeJS.ProcessEnv } {
	let server: RedisServer | undefined;
	beforeAll(async () => {
		server = await startRedis();
	});
	afterAll(async () => {
		closeQueueRedis();
		await server?.stop();
	});
	const redis = () => {
		if (!server) throw new Error('the redis-server has not started');
		return server;
	};
	return {
		get redis() {
			return redis();
		},
		get env() {
			return {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis().port),
			};
		},
	};
}
