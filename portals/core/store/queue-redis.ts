import Redis, { type RedisOptions } from 'ioredis';

/**
 * n8n's own Redis in queue mode, reached through the settings n8n documents for it
 * (EXECUTIONS_MODE=queue, QUEUE_BULL_REDIS_HOST / _PORT / _USERNAME / _PASSWORD / _DB / _TLS):
 * every main and worker of the installation already has them, so no new service and no new
 * setting. Undefined outside queue mode (a single instance keeps its files).
 */
export function queueRedisOptions(env: NodeJS.ProcessEnv = process.env): RedisOptions | undefined {
	if (env.EXECUTIONS_MODE !== 'queue') return undefined;
	return {
		host: env.QUEUE_BULL_REDIS_HOST || 'localhost',
		port: Number(env.QUEUE_BULL_REDIS_PORT) || 6379,
		username: env.QUEUE_BULL_REDIS_USERNAME || undefined,
		password: env.QUEUE_BULL_REDIS_PASSWORD || undefined,
		db: Number(env.QUEUE_BULL_REDIS_DB) || 0,
		tls: env.QUEUE_BULL_REDIS_TLS === 'true' ? {} : undefined,
		// A command waits for a reconnect a moment, then fails: a run must not hang on Redis.
		maxRetriesPerRequest: 2,
		connectTimeout: 5_000,
		lazyConnect: true,
	};
}

const clients = new Map<string, Redis>();

/** One client per process and settings (n8n's processes live long; each run reuses it). */
export function queueRedis(options: RedisOptions): Redis {
	const key = JSON.stringify(options);
	let client = clients.get(key);
	if (!client) {
		client = new Redis(options);
		// Errors surface on the commands that fail; the client's own event would otherwise crash n8n.
		client.on('error', () => undefined);
		clients.set(key, client);
	}
	return client;
}

/** Closes every client (a process that ends, a test). */
export function closeQueueRedis(): void {
	for (const client of clients.values()) client.disconnect();
	clients.clear();
}
