import { holdLease } from '../../../portals/core/run/lease/connection-lease';
import { checkDeliveryTurn, takeDeliveryTurn } from '../../../portals/core/delivery/delivery-turns';
import { queueRedisOptions } from '../../../portals/core/store/queue-redis';
import { successResult } from '../../../portals/core/outcomes/result';
import { emptyCounts } from '../../../portals/core/contract/counts';
import { runConnection } from '../../../portals/core/run/connection-run';
import { fakeConnection } from '../../helpers/fake-connection';
import { StatusStore } from '../../../portals/core/status/status-store';
import { queueModeRedis } from '../../helpers/queue-redis';
import { createHash } from 'node:crypto';
import { chooseStore } from '../../../portals/core/store/choose-store';
import { FileStore } from '../../../portals/core/store/files/file-store';
import { RedisStore } from '../../../portals/core/store/redis/redis-store';

/**
 * Issue 19: in n8n's queue mode the leases, delivery turns and statuses live in n8n's own Redis
 * (a real redis-server from Debian here), found through the settings every n8n process already
 * has. Two clients stand for two n8n processes (a worker and the main instance).
 */
const queue = queueModeRedis();

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

test("queue mode picks Redis from n8n's own settings; a single instance keeps its files", () => {
	expect(chooseStore(queue.env)).toBeInstanceOf(RedisStore);
	const files = chooseStore({ N8N_USER_FOLDER: '/tmp/x' });
	expect(files).toBeInstanceOf(FileStore);
	expect((files as FileStore).dir).toBe('/tmp/x/.n8n/invoice-portals/status');
	expect(queueRedisOptions({ EXECUTIONS_MODE: 'queue' })).toMatchObject({
		host: 'localhost',
		port: 6379,
		db: 0,
	});
});

test('one holder at a time over two clients (two n8n processes); only the holder renews or gives back; Redis expires a dead holder', async () => {
	const a = chooseStore(queue.env).leases;
	const { default: Redis } = await import('ioredis');
	const other = new Redis({ host: '127.0.0.1', port: queue.redis.port });
	try {
		const b = new RedisStore(other).leases;
		expect(await a.acquire('c', 'worker-1', 60_000)).toBe(true);
		expect(await b.acquire('c', 'worker-2', 60_000)).toBe(false);
		await b.release('c', 'worker-2');
		expect(await b.renew('c', 'worker-2', 60_000)).toBe(false);
		expect(await a.renew('c', 'worker-1', 60_000)).toBe(true);
		await a.release('c', 'worker-1');
		expect(await b.acquire('c', 'worker-2', 300)).toBe(true);
		// worker-2 dies without giving it back: Redis lets the lease expire.
		await sleep(400);
		expect(await a.acquire('c', 'worker-1', 60_000)).toBe(true);
		await a.release('c', 'worker-1');
	} finally {
		other.disconnect();
	}
});

test('a second run waits and ends CONNECTION_BUSY; delivery turns are shared by every process', async () => {
	const { leases, turns } = chooseStore(queue.env);
	const first = await holdLease(leases, 'busy');
	await expect(holdLease(leases, 'busy', { waitMs: 300 })).rejects.toMatchObject({
		code: 'CONNECTION_BUSY',
	});
	await first.release();
	const now = Date.now();
	expect(await takeDeliveryTurn(turns, 'wf|c', now)).toBe(1);
	await expect(checkDeliveryTurn(turns, 'wf|c', 0, now + 1_000)).rejects.toMatchObject({
		code: 'CONNECTION_BUSY',
	});
	await checkDeliveryTurn(turns, 'wf|c', 1, now + 1_000);
	// A Redis that forgot the turns (restarted empty) still numbers the next one above a saved state's.
	expect(await takeDeliveryTurn(turns, 'wf|fresh', now, 5)).toBe(6);
	await expect(checkDeliveryTurn(turns, 'wf|fresh', 5, now + 1_000)).rejects.toMatchObject({
		code: 'CONNECTION_BUSY',
	});
});

test('Redis restarted during a run: the lease is not stuck, and a run meanwhile fails fast instead of hanging', async () => {
	const { leases } = chooseStore(queue.env);
	const held = await holdLease(leases, 'restart');
	await queue.redis.restart();
	// The restarted Redis kept nothing: the run's next renewal takes its lease again, so a run
	// that starts after it still waits.
	expect(await leases.renew('restart', held.holder, 60_000)).toBe(true);
	expect(await leases.acquire('restart', 'next', 60_000)).toBe(false);
	await held.release();
	expect(await leases.acquire('restart', 'next', 60_000)).toBe(true);
	// A run that took the connection first keeps it: the old holder's renewal does not steal it.
	expect(await leases.renew('restart', held.holder, 60_000)).toBe(false);
	await leases.release('restart', 'next');
	// Redis down: a run that needs the lease gets an error within seconds.
	const down = chooseStore({ ...queue.env, QUEUE_BULL_REDIS_PORT: '1' }).leases;
	const started = Date.now();
	await expect(down.acquire('x', 'h', 1_000)).rejects.toMatchObject({
		code: 'STATE_STORE_UNAVAILABLE',
	});
	expect(Date.now() - started).toBeLessThan(15_000);
});

const connection = fakeConnection;

test('a status written on one process is what another shows; Redis down stops a run before it reaches the portal, saying what to check', async () => {
	let portalRuns = 0;
	const runPortal = (async () => {
		portalRuns++;
		return successResult(
			{
				portal: 'fake',
				loginPerformed: true,
				sessionReused: false,
				startedAt: new Date().toISOString(),
			},
			{ counts: { ...emptyCounts(), found: 3 } },
		);
	}) as never;
	const request = {
		operation: { mode: 'download' as const, filters: {}, onlyNew: true },
		source: 'trigger',
		manual: false,
		executionId: 'exec-1',
	};
	// A worker runs the connection...
	await runConnection(connection, undefined, request, {
		storage: chooseStore(queue.env),
		runPortal,
	});
	expect(portalRuns).toBe(1);
	// ...and the main instance, with its own client (and its own user folder), shows its status.
	const { default: Redis } = await import('ioredis');
	const main = new Redis({ host: '127.0.0.1', port: queue.redis.port });
	try {
		const onMain = new StatusStore(new RedisStore(main).statuses);
		expect(await onMain.get(connection.key)).toMatchObject({
			status: 'connected',
			source: 'trigger',
			lastCounts: { found: 3 },
		});
		// Get Many on the main lists what the worker ran; a deleted credential's record goes.
		expect((await onMain.all()).map((r) => r.connection)).toContain(connection.key);
		const gone = await onMain.all(async () => false);
		expect(gone.map((r) => r.connection)).not.toContain(connection.key);
		expect(await onMain.get(connection.key)).toBeUndefined();
	} finally {
		main.disconnect();
	}
	const down = { ...queue.env, QUEUE_BULL_REDIS_PORT: '1' };
	const failed = await runConnection(connection, undefined, request, {
		storage: chooseStore(down),
		runPortal,
	}).catch((e: unknown) => e);
	expect(failed).toMatchObject({
		code: 'STATE_STORE_UNAVAILABLE',
		message: expect.stringMatching(
			/^n8n's Redis did not answer while reading the connection's status \(/,
		),
	});
	expect(portalRuns).toBe(1);
});

test("the keys an installation already has in n8n's Redis keep their names, types and lifetimes, and read", async () => {
	const named = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);
	const { default: Redis } = await import('ioredis');
	const raw = new Redis({ host: '127.0.0.1', port: queue.redis.port });
	try {
		// Written as the version before the one store wrote them.
		const record = { connection: 'cred-9:fake:old', status: 'connected', lastRunAt: 'x' };
		await raw.hset('invoice-portals:status', named(record.connection), JSON.stringify(record));
		await raw.hset(`invoice-portals:turn:${named('wf|old')}`, 'turn', '3', 'at', '1234');
		await raw.set(`invoice-portals:lease:${named('connection|old')}`, 'old-run', 'PX', 60_000);
		const store = chooseStore(queue.env);
		expect(await new StatusStore(store.statuses).get(record.connection)).toEqual(record);
		expect(await store.turns.lastTurn('wf|old')).toEqual({ turn: 3, at: 1234 });
		expect(await store.leases.acquire('connection|old', 'new-run', 60_000)).toBe(false);
		// And written as before.
		await store.statuses.put('cred-9:fake:new', { status: 'paused' });
		expect(await raw.hget('invoice-portals:status', named('cred-9:fake:new'))).toBe(
			'{"status":"paused"}',
		);
		expect(await raw.pttl('invoice-portals:status')).toBe(-1);
		expect((await store.turns.nextTurn('wf|old', 5678)).turn).toBe(4);
		const turn = `invoice-portals:turn:${named('wf|old')}`;
		expect(await raw.hgetall(turn)).toEqual({ turn: '4', at: '5678' });
		expect(await raw.pttl(turn)).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
		expect(await store.leases.acquire('connection|new', 'run', 30_000)).toBe(true);
		const lease = `invoice-portals:lease:${named('connection|new')}`;
		expect([await raw.type(lease), await raw.get(lease)]).toEqual(['string', 'run']);
		expect(await raw.pttl(lease)).toBeGreaterThan(25_000);
		await store.leases.release('connection|new', 'run');
		expect(await raw.exists(lease)).toBe(0);
	} finally {
		raw.disconnect();
	}
});
