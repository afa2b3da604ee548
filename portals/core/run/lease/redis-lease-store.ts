import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { inRedis } from '../../shared-state/redis-command';
import type { DeliveryTurn, LeaseStore } from './lease-store';

// Compare-and-act in one step on the server: only the holder renews or gives back its lease. A
// lease Redis lost (restarted without its data) is taken again by its holder, unless another run
// took it meanwhile, so a run in progress keeps its connection to itself after such a restart.
const RENEW = `local current = redis.call('get', KEYS[1])
if current == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
if not current then redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const NEXT_TURN = `local turn = math.max(tonumber(redis.call('hget', KEYS[1], 'turn') or '0'), tonumber(ARGV[3])) + 1
redis.call('hset', KEYS[1], 'turn', turn, 'at', ARGV[1])
redis.call('pexpire', KEYS[1], ARGV[2])
return turn`;

/** A turn outlives any run that could still be affected by it (see delivery-turns.ts). */
const TURN_KEPT_MS = 7 * 24 * 3600_000;

const hashed = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

/**
 * Leases and delivery turns in n8n's Redis (queue mode): every main and worker sees them. A
 * lease is a key set only if absent (SET NX) with its lifetime (PX), so Redis itself expires a
 * dead holder's lease; renewing and giving back compare the holder first.
 */
export class RedisLeaseStore implements LeaseStore {
	constructor(
		private readonly redis: Redis,
		private readonly prefix = 'invoice-portals:',
	) {}

	private key(kind: string, name: string): string {
		return `${this.prefix}${kind}:${hashed(name)}`;
	}

	async acquire(key: string, holder: string, ttlMs: number): Promise<boolean> {
		const set = await inRedis("taking the connection's lease", () =>
			this.redis.set(this.key('lease', key), holder, 'PX', ttlMs, 'NX'),
		);
		return set === 'OK';
	}

	async renew(key: string, holder: string, ttlMs: number): Promise<boolean> {
		const renewed = await inRedis("renewing the connection's lease", () =>
			this.redis.eval(RENEW, 1, this.key('lease', key), holder, ttlMs),
		);
		return Number(renewed) === 1;
	}

	async release(key: string, holder: string): Promise<void> {
		await inRedis("giving back the connection's lease", () =>
			this.redis.eval(RELEASE, 1, this.key('lease', key), holder),
		);
	}

	async lastTurn(scope: string): Promise<DeliveryTurn | undefined> {
		const { turn, at } = await inRedis("reading the workflow's delivery turns", () =>
			this.redis.hgetall(this.key('turn', scope)),
		);
		return turn ? { turn: Number(turn), at: Number(at) } : undefined;
	}

	async nextTurn(scope: string, at: number, after = 0): Promise<DeliveryTurn> {
		const turn = await inRedis('taking a delivery turn', () =>
			this.redis.eval(NEXT_TURN, 1, this.key('turn', scope), at, TURN_KEPT_MS, after),
		);
		return { turn: Number(turn), at };
	}
}
