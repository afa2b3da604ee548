import type Redis from 'ioredis';
import { hashedName } from '../hashed-name';
import { inRedis } from '../redis-command';
import type { RecordResource } from '../store';

/**
 * The connection statuses in n8n's Redis (queue mode): one hash, a field per connection, so the
 * status a worker wrote is what Get Status shows on any other worker or the main instance
 * (each has its own user folder there, so files would show each process only its own runs).
 */
export class RedisStatuses implements RecordResource {
	constructor(
		private readonly redis: Redis,
		private readonly hash: string,
	) {}

	async get(key: string): Promise<unknown> {
		const json = await inRedis("reading the connection's status", () =>
			this.redis.hget(this.hash, hashedName(key)),
		);
		if (!json) return undefined;
		try {
			return JSON.parse(json) as unknown;
		} catch {
			// A record someone edited by hand: the next run writes a whole one.
			return undefined;
		}
	}

	async put(key: string, record: unknown): Promise<void> {
		await inRedis("saving the connection's status", () =>
			this.redis.hset(this.hash, hashedName(key), JSON.stringify(record)),
		);
	}

	async list(): Promise<unknown[]> {
		const all = await inRedis('reading the connection statuses', () =>
			this.redis.hgetall(this.hash),
		);
		const records: unknown[] = [];
		for (const json of Object.values(all)) {
			try {
				records.push(JSON.parse(json) as unknown);
			} catch {
				// Edited by hand: left out, as get() does.
			}
		}
		return records;
	}

	async remove(key: string): Promise<void> {
		await inRedis("removing the connection's status", () =>
			this.redis.hdel(this.hash, hashedName(key)),
		);
	}
}
