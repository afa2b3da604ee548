import type Redis from 'ioredis';
import { hashedName } from '../hashed-name';
import { inRedis } from '../redis-command';
import type { LeaseResource } from '../store';

// Compare-and-act in one step on the server: only the holder renews or gives back its lease. A
// lease Redis lost (restarted without its data) is taken again by its holder, unless another run
// took it meanwhile, so a run in progress keeps its connection to itself after such a restart.
const RENEW = `local current = redis.call('get', KEYS[1])
if current == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if not current then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Leases in n8n's Redis (queue mode): every main and worker sees them. A lease is a key set only
 * if absent (SET NX) with its lifetime (PX), so Redis itself expires a dead holder's lease;
 * renewing and giving back compare the holder first.
 */
export class RedisLeases implements LeaseResource {
	constructor(
		private readonly redis: Redis,
		private readonly prefix: string,
	) {}

	private key(name: string): string {
		return `${this.prefix}${hashedName(name)}`;
	}

	async acquire(key: string, holder: string, ttlMs: number): Promise<boolean> {
		const set = await inRedis("taking the connection's lease", () =>
			this.redis.set(this.key(key), holder, 'PX', ttlMs, 'NX'),
		);
		return set === 'OK';
	}

	async renew(key: string, holder: string, ttlMs: number): Promise<boolean> {
		const renewed = await inRedis("renewing the connection's lease", () =>
			this.redis.eval(RENEW, 1, this.key(key), holder, ttlMs),
		);
		return Number(renewed) === 1;
	}

	async release(key: string, holder: string): Promise<void> {
		await inRedis("giving back the connection's lease", () =>
			this.redis.eval(RELEASE, 1, this.key(key), holder),
		);
	}
}
