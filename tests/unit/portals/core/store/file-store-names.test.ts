import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatusStore } from '../../../../../portals/core/status/status-store';
import { FileStore } from '../../../../../portals/core/store/files/file-store';
import { tempDir } from '../../../../helpers/temp-dir';

/**
 * The state folder as the versions before the one store wrote it (issue 32): an installation
 * that updates keeps its statuses, its leases and its delivery turns. The names are computed here
 * on their own, not with the store's helper, so a change of the store's naming fails.
 */
const named = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);

test('records, leases and turns are kept under the same file names and in the same JSON as before', async () => {
	const dir = tempDir('status-');
	const store = new FileStore(dir);
	await store.statuses.put('cred-1:fake:anna', {
		connection: 'cred-1:fake:anna',
		status: 'paused',
	});
	expect(await store.leases.acquire('connection|cred-1:fake:anna', 'run-1', 60_000)).toBe(true);
	await store.turns.nextTurn('wf-1|cred-1:fake:anna', 1234, 4);
	expect(readFileSync(join(dir, `${named('cred-1:fake:anna')}.json`), 'utf8')).toBe(
		'{\n  "connection": "cred-1:fake:anna",\n  "status": "paused"\n}',
	);
	const lease = join(dir, 'leases', `${named('connection|cred-1:fake:anna')}.lock`);
	expect(JSON.parse(readFileSync(lease, 'utf8'))).toEqual({
		holder: 'run-1',
		expiresAt: expect.any(Number),
	});
	expect(readFileSync(join(dir, 'turns', `${named('wf-1|cred-1:fake:anna')}.json`), 'utf8')).toBe(
		'{"turn":5,"at":1234}',
	);
	expect(readdirSync(dir).sort()).toEqual([`${named('cred-1:fake:anna')}.json`, 'leases', 'turns']);
	await store.leases.release('connection|cred-1:fake:anna', 'run-1');
	expect(readdirSync(join(dir, 'leases'))).toEqual([]);
});

test("a state folder written by the earlier version reads: its statuses, a live run's lease, the last turn", async () => {
	const dir = tempDir('status-');
	mkdirSync(join(dir, 'leases'));
	mkdirSync(join(dir, 'turns'));
	const record = {
		portal: 'fake',
		connection: 'cred-2:fake:bob',
		credentialId: 'cred-2',
		status: 'connected',
		message: 'Connected.',
		remedy: 'Nothing to do.',
		lastRunAt: new Date().toISOString(),
		source: 'trigger',
	};
	writeFileSync(join(dir, `${named(record.connection)}.json`), JSON.stringify(record, null, 2));
	writeFileSync(
		join(dir, 'leases', `${named('connection|cred-2:fake:bob')}.lock`),
		JSON.stringify({ holder: 'old-run', expiresAt: Date.now() + 60_000 }),
	);
	writeFileSync(
		join(dir, 'turns', `${named('wf-1|cred-2:fake:bob')}.json`),
		JSON.stringify({ turn: 3, at: 1234 }),
	);
	const store = new FileStore(dir);
	expect(await new StatusStore(store.statuses).get(record.connection)).toEqual(record);
	expect(await new StatusStore(dir).all()).toEqual([record]);
	expect(await store.leases.acquire('connection|cred-2:fake:bob', 'new-run', 60_000)).toBe(false);
	expect(await store.turns.lastTurn('wf-1|cred-2:fake:bob')).toEqual({ turn: 3, at: 1234 });
	expect((await store.turns.nextTurn('wf-1|cred-2:fake:bob', 5678)).turn).toBe(4);
});
