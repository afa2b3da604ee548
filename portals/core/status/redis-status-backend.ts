import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { inRedis } from '../shared-state/redis-command';
import type { ConnectionRecord } from './connection-record';
import type { StatusBackend } from './status-backend';

/**
 * Connection records in n8n's Redis (queue mode): one hash, a field per connection, so the
 * status a worker wrote is what Get Status shows on any other worker or the main instance
 * (each has its own user folder there, so files would show each process only its own runs).
 */
export class RedisStatusBackend implements StatusBackend {
	constructor(
		private readonly redis: Redis,
		private readonly hash = 'invoice-portals:status',
	) {}

	private field(connection: string): string {
		return createHash('sha256').update(connection).digest('hex').slice(0, 32);
	}

	async get(connection: string): Promise<ConnectionRecord | undefined> {
		const json = await inRedis("reading the connection's status", () =>
			this.redis.hget(this.hash, this.field(connection)),
		);
		if (!json) return undefined;
		try {
			return JSON.parse(json) as ConnectionRecord;
		} catch {
			// A record someone edited by hand: the next run writes a whole one.
			return undefined;
		}
	}

	async put(record: ConnectionRecord): Promise<void> {
		await inRedis("saving the connection's status", () =>
			this.redis.hset(this.hash, this.field(record.connection), JSON.stringify(record)),
		);
	}

	async list(): Promise<ConnectionRecord[]> {
		const all = await inRedis('reading the connection statuses', () =>
			this.redis.hgetall(this.hash),
		);
		const records: ConnectionRecord[] = [];
		for (const json of Object.values(all)) {
			try {
				const record = JSON.parse(json) as ConnectionRecord;
				if (record?.connection && record.status) records.push(record);
			} catch {
				// Edited by hand: left out, as get() does.
			}
		}
		return records;
	}

	async remove(connection: string): Promise<void> {
		await inRedis("removing the connection's status", () =>
			this.redis.hdel(this.hash, this.field(connection)),
		);
	}
}
