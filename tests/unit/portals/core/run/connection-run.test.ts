import type { DownloadedDocument } from '../../../../../portals/core/contract/documents';
import { emptyCounts } from '../../../../../portals/core/contract/counts';
import { seal } from '../../../../../portals/core/login/session-crypto';
import {
	reasonResult,
	successResult,
	type RunResult,
} from '../../../../../portals/core/outcomes/result';
import type { RunOptions } from '../../../../../portals/core/run/portal-run';
import {
	runConnection,
	type ConnectionRequest,
	type ConnectionRun,
} from '../../../../../portals/core/run/connection-run';
import { StatusStore } from '../../../../../portals/core/status/status-store';
import { FileStore } from '../../../../../portals/core/store/files/file-store';
import { fakeConnection } from '../../../../helpers/fake-connection';
import { tempDir } from '../../../../helpers/temp-dir';

/**
 * The connection run with a portal run that needs no browser: what it passes to the portal
 * (saved session, Only New, how far to list) and what it keeps (session, lockout, ledger,
 * complete-scan marker, status) across runs.
 */
const connection = fakeConnection;
const base = {
	portal: 'fake',
	loginPerformed: true,
	sessionReused: false,
	startedAt: new Date().toISOString(),
};
const pdf = (id: string): DownloadedDocument => ({
	id,
	accountId: 'A',
	number: id,
	type: 'invoice',
	issueDate: '2026-11-01',
	portal: 'fake',
	fileName: `${id}.pdf`,
	mimeType: 'application/pdf',
	fileKind: 'pdf',
	sha256: `hash-${id}`,
	size: 3,
	data: Buffer.from('pdf'),
});

function harness() {
	const store = new StatusStore(tempDir('status-'));
	const calls: RunOptions[] = [];
	let next: RunResult = successResult(base);
	const runPortal = (async (options: RunOptions) => {
		calls.push(options);
		return next;
	}) as never;
	return {
		store,
		calls,
		answer(result: RunResult) {
			next = result;
		},
		run: (stored: unknown, request: Partial<ConnectionRequest> = {}) =>
			runConnection(
				connection,
				stored,
				{
					operation: { mode: 'download', filters: {}, onlyNew: true },
					source: 'action',
					manual: false,
					executionId: `exec-${calls.length}`,
					...request,
				},
				{ store, runPortal },
			),
	};
}

const ran = (run: ConnectionRun) => {
	if (!run.ran) throw new Error('held back');
	return run;
};

test('Only New: the first run lists everything; documents count as delivered only in the state saved after output; the next run stops at known pages', async () => {
	const h = harness();
	h.answer(
		successResult(base, {
			counts: { ...emptyCounts(), found: 2, downloaded: 2 },
			documents: [pdf('D1'), pdf('D2')],
			session: 'sealed-1',
		}),
	);
	const first = ran(await h.run(undefined));
	expect(h.calls[0]).toMatchObject({
		mode: 'download',
		collect: { listing: 'all' },
		savedSession: undefined,
	});
	expect(first.state.session).toBe('sealed-1');
	expect(first.state.delivered.entries).toEqual({});
	expect(Object.keys(first.delivered.delivered.entries).sort()).toEqual(['A|D1', 'A|D2']);
	expect(first.state.completeScan).toBeDefined();
	expect(await h.store.get(connection.key)).toMatchObject({
		status: 'connected',
		source: 'action',
	});

	h.answer(successResult(base, { session: 'sealed-2' }));
	ran(await h.run(first.delivered));
	expect(h.calls[1]).toMatchObject({
		savedSession: 'sealed-1',
		collect: { listing: 'untilKnown' },
	});
	expect(h.calls[1].collect!.isDelivered!({ accountId: 'A', id: 'D1' } as never)).toBe(true);
	expect(h.calls[1].collect!.isDeliveredFile!('hash-D2')).toBe(true);
	expect(h.calls[1].collect!.isDelivered!({ accountId: 'A', id: 'D3' } as never)).toBe(false);

	// Other filters than the complete scan's: everything is listed again.
	ran(
		await h.run(first.delivered, {
			operation: { mode: 'download', filters: { types: ['invoice'] }, onlyNew: true },
		}),
	);
	expect(h.calls[2].collect?.listing).toBe('all');
	// Without Only New nothing counts as known.
	ran(
		await h.run(first.delivered, { operation: { mode: 'download', filters: {}, onlyNew: false } }),
	);
	expect(h.calls[3].collect?.isDelivered).toBeUndefined();
});

test('a rejected login clears the session, sets the lockout, and the next scheduled run never reaches the portal; a run by hand does', async () => {
	const h = harness();
	h.answer(reasonResult(base, 'WRONG_CREDENTIALS', 'The portal says: wrong password.'));
	const rejected = ran(await h.run({ session: 'sealed-old' }, { executionId: 'exec-a' }));
	expect(rejected.state.session).toBeUndefined();
	expect(rejected.state.lockout).toMatchObject({
		reason: 'WRONG_CREDENTIALS',
		executionId: 'exec-a',
	});
	expect(JSON.stringify(rejected.state)).not.toContain('anna-pass');

	const retry = await h.run(rejected.state, { executionId: 'exec-a', manual: true });
	expect(retry).toMatchObject({ ran: false, sameExecution: true });
	const scheduled = await h.run(rejected.state, { executionId: 'exec-b' });
	expect(scheduled).toMatchObject({ ran: false, sameExecution: false });
	expect(h.calls).toHaveLength(1);
	expect(await h.store.get(connection.key)).toMatchObject({
		status: 'paused',
		reason: 'WRONG_CREDENTIALS',
	});

	h.answer(successResult(base, { session: 'sealed-new' }));
	const byHand = ran(await h.run(rejected.state, { executionId: 'exec-c', manual: true }));
	expect(h.calls).toHaveLength(2);
	expect(byHand.state.lockout).toBeUndefined();
	expect(byHand.state.session).toBe('sealed-new');
});

test('a transient failure keeps the session and the complete-scan marker, and is recorded with its reason', async () => {
	const h = harness();
	h.answer(
		reasonResult(
			base,
			'PORTAL_UNAVAILABLE',
			'The portal cannot be reached: net::ERR_CONNECTION_REFUSED',
		),
	);
	const run = ran(await h.run({ session: 'sealed-1', completeScan: 'abc' }));
	expect(run.state.session).toBe('sealed-1');
	expect(run.state.completeScan).toBe('abc');
	expect(await h.store.get(connection.key)).toMatchObject({
		status: 'connected',
		reason: 'PORTAL_UNAVAILABLE',
	});
});

test('Submit Code carries out the operation its resume token recorded, not the default', async () => {
	const h = harness();
	const recorded = {
		mode: 'list' as const,
		filters: { types: ['invoice' as const] },
		onlyNew: false,
	};
	const token = await seal(
		{
			session: {
				portal: 'fake',
				baseUrl: fakeConnection.portal.defaultUrl,
				storage: { cookies: [], origins: [] },
				url: fakeConnection.portal.defaultUrl,
				savedAt: Date.now(),
			},
			challenge: { method: 'sms' },
			operation: recorded,
		},
		Date.now() + 60_000,
		{ purpose: 'resume', portal: 'fake', secrets: ['anna@example.test', 'anna-pass', ''] },
	);
	const run = ran(await h.run(undefined, { resume: { token, code: '123456' } }));
	expect(run.operation).toEqual(recorded);
	expect(h.calls[0]).toMatchObject({
		mode: 'list',
		filters: recorded.filters,
		resume: { token, code: '123456' },
	});
});

test('a delivery turn the store cannot take after the download keeps the documents: the run still outputs them', async () => {
	const storage = new FileStore(tempDir('status-'));
	storage.turns.nextTurn = () => Promise.reject(new Error("n8n's Redis did not answer"));
	const runPortal = (async () =>
		successResult(base, {
			counts: { ...emptyCounts(), found: 1, downloaded: 1 },
			documents: [pdf('D1')],
		})) as never;
	const run = ran(
		await runConnection(
			connection,
			undefined,
			{
				operation: { mode: 'download', filters: {}, onlyNew: true },
				source: 'action',
				manual: false,
				executionId: 'exec-turn',
				deliveryScope: 'workflow-1',
			},
			{ storage, runPortal },
		),
	);
	expect(run.result.documents.map((d) => d.id)).toEqual(['D1']);
	expect(Object.keys(run.delivered.delivered.entries)).toEqual(['A|D1']);
	expect(run.delivered.deliveryTurn).toBeUndefined();
});
