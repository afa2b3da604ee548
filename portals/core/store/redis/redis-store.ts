import type Redis from 'ioredis';
import type { Store } from '../store';
import { RedisLeases } from './redis-leases';
import { RedisStatuses } from './redis-statuses';
import { RedisTurns } from './redis-turns';

/**
 * The store in n8n's Redis (queue mode), every main and worker seeing the same: the hash
 * `invoice-portals:status`, and keys `invoice-portals:lease:…` and `invoice-portals:turn:…`.
 * These names are what earlier versions wrote: never change them.
 */
export class RedisStore implements Store {
	readonly statuses: RedisStatuses;
	readonly leases: RedisLeases;
	readonly turns: RedisTurns;

	constructor(redis: Redis, prefix = 'invoice-portals:') {
		this.statuses = new RedisStatuses(redis, `${prefix}status`);
		this.leases = new RedisLeases(redis, `${prefix}lease:`);
		this.turns = new RedisTurns(redis, `${prefix}turn:`);
	}
}
