import type Redis from 'ioredis';
import { hashedName } from '../hashed-name';
import { inRedis } from '../redis-command';
import type { DeliveryTurn, TurnResource } from '../store';

// Numbered above both the stored turn and the caller's, in one step on the server.
const NEXT_TURN = `local turn = math.max(tonumber(redis.call('hget', KEYS[1], 'turn') or '0'), tonumber(ARGV[3])) + 1
redis.call('hset', KEYS[1], 'turn', turn, 'at', ARGV[1])
redis.call('pexpire', KEYS[1], ARGV[2])
return turn`;

/** A turn outlives any run that could still be affected by it (see delivery-turns.ts). */
const TURN_KEPT_MS = 7 * 24 * 3600_000;

/** Delivery turns in n8n's Redis: a hash (turn, at) per scope, kept a week after the last turn. */
export class RedisTurns implements TurnResource {
	constructor(
		private readonly redis: Redis,
		private readonly prefix: string,
	) {}

	private key(scope: string): string {
		return `${this.prefix}${hashedName(scope)}`;
	}

	async lastTurn(scope: string): Promise<DeliveryTurn | undefined> {
		const { turn, at } = await inRedis("reading the workflow's delivery turns", () =>
			this.redis.hgetall(this.key(scope)),
		);
		return turn ? { turn: Number(turn), at: Number(at) } : undefined;
	}

	async nextTurn(scope: string, at: number, after = 0): Promise<DeliveryTurn> {
		const turn = await inRedis('taking a delivery turn', () =>
			this.redis.eval(NEXT_TURN, 1, this.key(scope), at, TURN_KEPT_MS, after),
		);
		return { turn: Number(turn), at };
	}
}
