import { DateTime } from 'luxon';
import type { INodeExecutionData } from 'n8n-workflow';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import {
	ANNA,
	changes,
	documents,
	idsOf,
	TRIGGER,
	triggerBed,
	wake,
	withoutBrowserLaunch,
	ZONE,
} from '../../helpers/trigger';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * The Invoice Portal Trigger when signing in fails or the portal misbehaves, as n8n runs it
 * (tests/helpers/trigger.ts): a wrong password and a locked account are tried once and reported
 * once, a changed layout and maintenance are reported and backed off from; each recovers.
 */
const bed = triggerBed();
const { connection, expectedIds } = bed;
const failedLogins = (login: string) => bed.demo.state.failedLogins.get(login) ?? 0;

test('a wrong password: one status change and a single login over 10 wake-ups; fixing the password resumes', async () => {
	const conn = connection('cred-wrong', ANNA, {}, { password: 'not-the-password' });
	const before = failedLogins(ANNA);
	const statusItems: INodeExecutionData[] = [];
	for (let hour = 0; hour < 10; hour++) {
		const run = await wake(conn, `2026-11-23T${String(8 + hour).padStart(2, '0')}:00`);
		expect(documents(run)).toHaveLength(0);
		statusItems.push(...changes(run));
	}
	expect(failedLogins(ANNA) - before).toBe(1);
	expect(statusItems).toHaveLength(1);
	expect(statusItems[0].json).toMatchObject({
		status: 'login_failed',
		reason: 'WRONG_CREDENTIALS',
		previousStatus: null,
	});
	expect(String(statusItems[0].json.remedy)).toMatch(
		/No new attempt is made until the credential changes/,
	);
	expect(JSON.stringify(conn.staticData)).not.toContain('not-the-password');

	// Get Status (the action node, another workflow) sees the trigger's connection as paused.
	const status = await runWorkflow(
		withParameters(
			loadWorkflow('download.json'),
			'Invoice Portal',
			{ resource: 'connection', operation: 'getStatus' },
			{ credentials: { invoicePortalApi: { id: 'cred-wrong', name: 'Demo Telecom' } } },
		),
		{
			credentials: { 'cred-wrong': conn.credentials['cred-wrong'] },
		},
	);
	expect(status.output('Invoice Portal')[0].json).toMatchObject({
		status: 'paused',
		reason: 'WRONG_CREDENTIALS',
		source: 'trigger',
	});

	// The user corrects the password in the credential: the next wake-up logs in and delivers.
	conn.credentials = { 'cred-wrong': demoCredential(bed.demo, ANNA) };
	const fixed = await wake(conn, '2026-11-23T19:00');
	expect(idsOf(documents(fixed))).toEqual(expectedIds(ANNA, '2026-06-01'));
	expect(changes(fixed).map((i) => i.json)).toEqual([
		expect.objectContaining({
			status: 'connected',
			previousStatus: 'login_failed',
			previousReason: 'WRONG_CREDENTIALS',
		}),
	]);
});

test('a locked account: no attempt while locked; after unlocking on the portal, a manual run lets the schedule resume', async () => {
	const LOCKED = 'locked@example.test';
	const attempts = () => bed.demo.state.loginAttempts.get(LOCKED) ?? 0;
	const conn = connection('cred-locked', LOCKED);
	bed.demo.state.failedLogins.set(LOCKED, 3); // locked by attempts made elsewhere
	const before = attempts();
	const first = await wake(conn, '2026-11-23T10:00');
	expect(changes(first)[0].json).toMatchObject({
		status: 'login_failed',
		reason: 'ACCOUNT_LOCKED',
	});
	for (const time of ['2026-11-23T11:00', '2026-11-24T10:00', '2026-11-30T10:00'])
		expect((await wake(conn, time)).emitted).toBeNull();
	expect(attempts() - before).toBe(1);

	// The user has the account unlocked, then runs the workflow by hand: it logs in.
	bed.demo.state.failedLogins.delete(LOCKED);
	jest.setSystemTime(DateTime.fromISO('2026-11-30T12:00', { zone: ZONE }).toJSDate());
	const manual = await runWorkflow(conn.workflow, {
		credentials: conn.credentials,
		staticData: conn.staticData,
		mode: 'manual',
	});
	expect(manual.output(TRIGGER, 1)[0].json).toMatchObject({ status: 'connected' });
	// The next scheduled wake-up runs again, with the same credential, and reports the recovery.
	const resumed = await wake(conn, '2026-11-30T13:00');
	expect(idsOf(documents(resumed))).toEqual(expectedIds(LOCKED, '2026-06-01'));
	expect(changes(resumed)[0].json).toMatchObject({
		status: 'connected',
		previousStatus: 'login_failed',
		previousReason: 'ACCOUNT_LOCKED',
	});
});

test('a changed portal layout is reported once with a debug screenshot; a portal in maintenance backs off', async () => {
	const layout = connection('cred-layout', ANNA);
	bed.demo.state.faults.renamedTable = true;
	try {
		const run = await wake(layout, '2026-11-23T10:00');
		const item = changes(run)[0];
		expect(item.json).toMatchObject({ status: 'action_required', reason: 'LAYOUT_CHANGED' });
		expect((await binaryBuffer(item, 'screenshot')).subarray(1, 4).toString()).toBe('PNG');
	} finally {
		bed.demo.state.faults.renamedTable = false;
	}

	const down = connection('cred-maintenance', ANNA);
	bed.demo.state.faults.maintenance = true;
	try {
		const run = await wake(down, '2026-11-23T10:00');
		expect(changes(run)[0].json).toMatchObject({ status: 'connected', reason: 'MAINTENANCE' });
		// Back-off: half an hour later no new attempt.
		await withoutBrowserLaunch(async () =>
			expect((await wake(down, '2026-11-23T10:30')).emitted).toBeNull(),
		);
	} finally {
		bed.demo.state.faults.maintenance = false;
	}
	// After the back-off the next wake-up tries again, delivers, and reports the recovery.
	const recovered = await wake(down, '2026-11-23T11:00');
	expect(idsOf(documents(recovered))).toEqual(expectedIds(ANNA, '2026-06-01'));
	expect(changes(recovered)[0].json).toMatchObject({
		status: 'connected',
		reason: null,
		previousReason: 'MAINTENANCE',
	});
});
