import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdLease } from '../../../../../portals/core/run/lease/connection-lease';
import {
	checkDeliveryTurn,
	ENV_TURN_SETTLES,
	takeDeliveryTurn,
	TURN_SETTLES_MS,
	turnSettlesMs,
} from '../../../../../portals/core/delivery/delivery-turns';
import { FileStore } from '../../../../../portals/core/store/files/file-store';
import { tempDir } from '../../../../helpers/temp-dir';

const leasesIn = () => new FileStore(tempDir('lease-')).leases;
const turnsIn = () => new FileStore(tempDir('lease-')).turns;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('a lease in the state folder', () => {
	test('one holder at a time; only the holder gives it back', async () => {
		const leases = leasesIn();
		expect(await leases.acquire('c', 'a', 60_000)).toBe(true);
		expect(await leases.acquire('c', 'b', 60_000)).toBe(false);
		// Another connection is free.
		expect(await leases.acquire('other', 'b', 60_000)).toBe(true);
		await leases.release('c', 'b');
		expect(await leases.acquire('c', 'b', 60_000)).toBe(false);
		await leases.release('c', 'a');
		expect(await leases.acquire('c', 'b', 60_000)).toBe(true);
	});

	test('two stores on the same folder (two nodes, or two processes) agree', async () => {
		const dir = tempDir('lease-');
		expect(await new FileStore(dir).leases.acquire('c', 'a', 60_000)).toBe(true);
		expect(await new FileStore(dir).leases.acquire('c', 'b', 60_000)).toBe(false);
	});

	test("an expired lease (its holder died) is taken over, and the old holder's renewal then fails", async () => {
		const leases = leasesIn();
		expect(await leases.acquire('c', 'dead', 50)).toBe(true);
		await sleep(80);
		expect(await leases.acquire('c', 'b', 60_000)).toBe(true);
		expect(await leases.renew('c', 'dead', 60_000)).toBe(false);
		await leases.release('c', 'dead');
		expect(await leases.acquire('c', 'third', 60_000)).toBe(false);
	});

	test('a lock file left empty by a writer that died is taken over after a few seconds, not before', async () => {
		const dir = tempDir('lease-');
		const leases = new FileStore(dir).leases;
		expect(await leases.acquire('c', 'a', 60_000)).toBe(true);
		await leases.release('c', 'a');
		mkdirSync(join(dir, 'leases'), { recursive: true });
		// The name the store uses is a hash: find it by taking and giving back once more.
		expect(await leases.acquire('c', 'probe', 60_000)).toBe(true);
		const [file] = readdirSync(join(dir, 'leases'));
		await leases.release('c', 'probe');
		writeFileSync(join(dir, 'leases', file), '');
		expect(await new FileStore(dir).leases.acquire('c', 'b', 60_000)).toBe(false);
		const old = new Date(Date.now() - 10_000);
		utimesSync(join(dir, 'leases', file), old, old);
		expect(await new FileStore(dir).leases.acquire('c', 'b', 60_000)).toBe(true);
	});

	test('a lease held by another process, which is then killed (kill -9), frees after its lifetime', async () => {
		const dir = tempDir('lease-');
		const module = join(__dirname, '../../../../../dist/portals/core/store/files/file-store.js');
		const child = spawn(
			process.execPath,
			[
				'-e',
				`const { FileStore } = require(${JSON.stringify(module)});
				new FileStore(${JSON.stringify(dir)}).leases.acquire('c', 'child', 1500).then((ok) => {
					console.log(ok ? 'held' : 'refused');
					setInterval(() => {}, 1000);
				});`,
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		// The child uses the built package (npm test builds first); it says so if it cannot.
		const said = await new Promise<string>((done) => {
			child.stdout!.once('data', (d: Buffer) => done(d.toString().trim()));
			child.once('exit', (code) => done(`exited with ${code} (is dist/ built?)`));
		});
		expect(said).toBe('held');
		const leases = new FileStore(dir).leases;
		expect(await leases.acquire('c', 'parent', 60_000)).toBe(false);
		child.kill('SIGKILL');
		await new Promise((done) => child.once('exit', done));
		expect(await leases.acquire('c', 'parent', 60_000)).toBe(false);
		await sleep(1600);
		expect(await leases.acquire('c', 'parent', 60_000)).toBe(true);
	});
});

describe('holding a connection', () => {
	test('a second run waits, then ends CONNECTION_BUSY having waited as long as it says', async () => {
		const leases = leasesIn();
		const first = await holdLease(leases, 'c', { waitMs: 0 });
		const started = Date.now();
		await expect(holdLease(leases, 'c', { waitMs: 400 })).rejects.toMatchObject({
			code: 'CONNECTION_BUSY',
			message: expect.stringMatching(
				/signed in to the portal right now; this one waited 0.4 s and sent nothing/,
			),
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(400);
		await first.release();
	});

	test('a second run gets the connection as soon as the first gives it back', async () => {
		const leases = leasesIn();
		const first = await holdLease(leases, 'c');
		setTimeout(() => void first.release(), 300);
		const second = await holdLease(leases, 'c', { waitMs: 5_000 });
		expect(second.holder).not.toBe(first.holder);
		await second.release();
	});

	test('a long run keeps its lease past its lifetime by renewing it', async () => {
		const leases = leasesIn();
		const held = await holdLease(leases, 'c', { ttlMs: 3_000 });
		await sleep(4_000);
		expect(await leases.acquire('c', 'intruder', 60_000)).toBe(false);
		await held.release();
		expect(await leases.acquire('c', 'intruder', 60_000)).toBe(true);
	});

	test('a cancelled run stops waiting', async () => {
		const leases = leasesIn();
		const first = await holdLease(leases, 'c');
		const controller = new AbortController();
		setTimeout(() => controller.abort(new Error('stopped')), 200);
		await expect(
			holdLease(leases, 'c', { waitMs: 10_000, signal: controller.signal }),
		).rejects.toThrow('stopped');
		await first.release();
	});
});

describe('delivery turns', () => {
	test("a state that saw the last turn goes on; one that did not is turned away until the turn is old enough to be a crash's", async () => {
		const turns = turnsIn();
		await checkDeliveryTurn(turns, 'w|c', undefined);
		const now = Date.now();
		const turn = await takeDeliveryTurn(turns, 'w|c', now);
		expect(turn).toBe(1);
		await checkDeliveryTurn(turns, 'w|c', turn, now + 1_000);
		await expect(checkDeliveryTurn(turns, 'w|c', undefined, now + 5_000)).rejects.toMatchObject({
			code: 'CONNECTION_BUSY',
			message: expect.stringMatching(
				/delivered documents from this connection 5 s ago.*come again with the first run after 30 min/,
			),
		});
		// Another workflow (its own record of what it delivered) is not concerned.
		await checkDeliveryTurn(turns, 'other|c', undefined, now + 5_000);
		await checkDeliveryTurn(turns, 'w|c', undefined, now + TURN_SETTLES_MS + 1);
		expect(await takeDeliveryTurn(turns, 'w|c', now + 2_000)).toBe(2);
	});

	test('turns the store forgot (expired, or a store that starts empty) never number a new turn at or below one a saved state holds', async () => {
		const forgetful = turnsIn();
		const now = Date.now();
		// Two executions start from a state saved at turn 7; the store knows no turn any more.
		expect(await takeDeliveryTurn(forgetful, 'w|c', now, 7)).toBe(8);
		await expect(checkDeliveryTurn(forgetful, 'w|c', 7, now + 1_000)).rejects.toMatchObject({
			code: 'CONNECTION_BUSY',
		});
		await checkDeliveryTurn(forgetful, 'w|c', 8, now + 1_000);
	});

	test('how long a turn counts is a setting in minutes; a wrong value keeps the 30 minutes', async () => {
		const turns = turnsIn();
		const now = Date.now();
		await takeDeliveryTurn(turns, 'w|c', now);
		const old = process.env[ENV_TURN_SETTLES];
		try {
			process.env[ENV_TURN_SETTLES] = '2';
			expect(turnSettlesMs()).toBe(120_000);
			await expect(checkDeliveryTurn(turns, 'w|c', undefined, now + 60_000)).rejects.toThrow(
				/come again with the first run after 1 min/,
			);
			await checkDeliveryTurn(turns, 'w|c', undefined, now + 120_001);
			for (const wrong of ['0', 'soon', '-5', '100000']) {
				process.env[ENV_TURN_SETTLES] = wrong;
				expect(turnSettlesMs()).toBe(TURN_SETTLES_MS);
			}
		} finally {
			if (old === undefined) delete process.env[ENV_TURN_SETTLES];
			else process.env[ENV_TURN_SETTLES] = old;
		}
	});
});
