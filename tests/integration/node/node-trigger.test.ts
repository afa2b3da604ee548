import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { browserLaunchCount, closeBrowser } from '../../../portals/core/browser/launch';
import { documentFileName } from '../../../portals/core/collection/files';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import {
	binaryBuffer,
	pollWorkflow,
	runWorkflow,
	type PollRun,
} from '../../../testbeds/n8n-engine';
import { latestCode, startDemo } from '../../helpers/demo';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * The Invoice Portal Trigger as n8n runs it: each wake-up is one poll in a PollContext; when it
 * emits, n8n saves the static data and runs the workflow with the emitted items. Only what n8n
 * saved is passed to the next wake-up, so nothing is carried over in memory. The clock is faked
 * (Date only; timers stay real, so Playwright and the demo portal work as usual).
 */
const ZONE = 'Europe/Amsterdam';
const TRIGGER = 'Invoice Portal Trigger';
const ANNA = 'anna@example.test';

let demo: DemoPortal;

beforeAll(async () => {
	demo = await startDemo({ pageSize: 2 });
	jest.useFakeTimers({
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'requestAnimationFrame',
			'cancelAnimationFrame',
			'requestIdleCallback',
			'cancelIdleCallback',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});
});

afterAll(() => {
	jest.useRealTimers();
});

/** The test workflow with the trigger's parameters changed and its own credential id (and so its own connection). */
function workflow(credentialId: string, parameters: IDataObject = {}) {
	const base = loadWorkflow('trigger.json');
	const node = base.nodes.find((n) => n.name === TRIGGER)!;
	const copy = withParameters(base, TRIGGER, { ...node.parameters, ...parameters });
	copy.nodes.find((n) => n.name === TRIGGER)!.credentials = {
		invoicePortalApi: { id: credentialId, name: 'Demo Telecom' },
	};
	return copy;
}

interface Connection {
	workflow: ReturnType<typeof workflow>;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	staticData: IDataObject;
}

function connection(
	credentialId: string,
	login: string,
	parameters: IDataObject = {},
	overrides: Record<string, string> = {},
): Connection {
	return {
		workflow: workflow(credentialId, parameters),
		credentials: { [credentialId]: demoCredential(demo, login, overrides) },
		staticData: {},
	};
}

/** One wake-up at a local time in Amsterdam; keeps only what n8n would have saved. */
async function wake(conn: Connection, localTime: string): Promise<PollRun> {
	jest.setSystemTime(DateTime.fromISO(localTime, { zone: ZONE }).toJSDate());
	const run = await pollWorkflow(conn.workflow, {
		credentials: conn.credentials,
		staticData: conn.staticData,
	});
	conn.staticData = run.staticData;
	return run;
}

const documents = (run: PollRun): INodeExecutionData[] => run.emitted?.[0] ?? [];
const changes = (run: PollRun): INodeExecutionData[] => run.emitted?.[1] ?? [];
const passwordLogins = (login: string) => demo.state.passwordLogins.get(login) ?? 0;
const failedLogins = (login: string) => demo.state.failedLogins.get(login) ?? 0;

function expectedIds(login: string, since: string): string[] {
	return demo.state.documents
		.filter((d) => d.login === login && d.issueDate >= since)
		.map((d) => d.number)
		.sort();
}

const idsOf = (items: INodeExecutionData[]) => items.map((i) => String(i.json.number)).sort();

test('first run delivers the documents since the start date; later runs deliver nothing, stop at the first page, and deliver a new document exactly once', async () => {
	const conn = connection('cred-incremental', ANNA);
	const delivered: string[] = [];

	const first = await wake(conn, '2026-11-23T10:00'); // a Monday
	delivered.push(...idsOf(documents(first)));
	expect(idsOf(documents(first))).toEqual(expectedIds(ANNA, '2026-06-01'));
	expect(documents(first).length).toBe(10);
	for (const item of documents(first))
		expect((await binaryBuffer(item)).subarray(0, 5).toString()).toBe('%PDF-');
	// The production execution ran with them: the downstream node received every PDF.
	expect(first.execution!.output('Documents')).toHaveLength(10);
	expect(changes(first).map((i) => i.json.status)).toEqual(['connected']);

	// One hour later: not due (every 7 days). No browser, no login, nothing emitted, no execution.
	await closeBrowser();
	const launches = browserLaunchCount();
	const logins = passwordLogins(ANNA);
	const notDue = await wake(conn, '2026-11-23T11:00');
	expect(notDue.emitted).toBeNull();
	expect(notDue.execution).toBeUndefined();
	expect(browserLaunchCount()).toBe(launches);
	expect(passwordLogins(ANNA)).toBe(logins);

	// A week later: due. Nothing new, and each sub-account's listing stops after its first page.
	demo.state.listPagesServed.length = 0;
	const second = await wake(conn, '2026-11-30T10:00');
	expect(second.emitted).toBeNull();
	expect(demo.state.listPagesServed.length).toBeGreaterThan(0);
	expect(new Set(demo.state.listPagesServed.map((p) => p.page))).toEqual(new Set([1]));
	expect(new Set(demo.state.listPagesServed.map((p) => p.accountId))).toEqual(
		new Set(['CUST-1001', 'CUST-1002']),
	);

	// The portal bills a new month: delivered once, and not again a week later.
	const added = demo.state.addDocument(ANNA, 'CUST-1002', '2026-12-01');
	const third = await wake(conn, '2026-12-07T10:00');
	expect(idsOf(documents(third))).toEqual([added.number]);
	delivered.push(...idsOf(documents(third)));
	const fourth = await wake(conn, '2026-12-14T10:00');
	expect(fourth.emitted).toBeNull();
	expect(new Set(delivered).size).toBe(delivered.length);
});

test('outside the allowed weekdays and hours a wake-up starts no browser', async () => {
	const conn = connection('cred-window', ANNA, {
		weekdays: [1, 2, 3, 4, 5],
		hourRanges: {
			range: [
				{ from: 8, to: 12 },
				{ from: 14, to: 18 },
			],
		},
	});
	await closeBrowser();
	const launches = browserLaunchCount();
	for (const time of [
		'2026-11-28T10:00',
		'2026-11-29T15:00',
		'2026-11-30T07:00',
		'2026-11-30T12:30',
		'2026-11-30T18:00',
	]) {
		expect((await wake(conn, time)).emitted).toBeNull();
	}
	expect(browserLaunchCount()).toBe(launches);
	// Monday in the afternoon range: runs.
	expect(idsOf(documents(await wake(conn, '2026-11-30T14:00')))).toEqual(
		expectedIds(ANNA, '2026-06-01'),
	);
});

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
	conn.credentials = { 'cred-wrong': demoCredential(demo, ANNA) };
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
	const attempts = () => demo.state.loginAttempts.get(LOCKED) ?? 0;
	const conn = connection('cred-locked', LOCKED);
	demo.state.failedLogins.set(LOCKED, 3); // locked by attempts made elsewhere
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
	demo.state.failedLogins.delete(LOCKED);
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

test('downloads switched off: paused is reported once and nothing runs', async () => {
	const conn = connection('cred-paused', ANNA, { enabled: false });
	await closeBrowser();
	const launches = browserLaunchCount();
	const first = await wake(conn, '2026-11-23T10:00');
	expect(documents(first)).toHaveLength(0);
	expect(changes(first).map((i) => i.json)).toEqual([
		expect.objectContaining({ status: 'paused', reason: 'DOWNLOADS_DISABLED' }),
	]);
	expect((await wake(conn, '2026-11-24T10:00')).emitted).toBeNull();
	expect(browserLaunchCount()).toBe(launches);
});

test('"Fetch test event" returns the newest document and leaves the stored state as it was', async () => {
	const conn = connection('cred-manual', ANNA);
	await wake(conn, '2026-11-23T10:00');
	const saved = structuredClone(conn.staticData);

	const test = await runWorkflow(conn.workflow, {
		credentials: conn.credentials,
		staticData: conn.staticData,
		mode: 'manual',
	});
	const newest = demo.state.documents
		.filter((d) => d.login === ANNA)
		.sort((a, b) => b.issueDate.localeCompare(a.issueDate))[0];
	expect(test.output(TRIGGER, 0).map((i) => i.json.issueDate)).toEqual([newest.issueDate]);
	expect(test.output(TRIGGER, 1)[0].json).toMatchObject({ status: 'connected' });
	expect(test.staticData).toEqual(saved);
	// The schedule did not move and nothing counts as delivered: a week later nothing is new.
	expect((await wake(conn, '2026-11-30T10:00')).emitted).toBeNull();
});

test('an SMS account reports action required on the status output at once, with a token that Submit Code in the same workflow continues; a fresh code prompt is reported again and only the new bill is delivered', async () => {
	// A portal that keeps sessions for weeks, so that the session Submit Code saved is still
	// good a week later (the shared demo forgets sessions after 30 minutes).
	const portal = await startDemo({ pageSize: 2, sessionTtlSeconds: 60 * 86_400 });
	const SARA = 'sara@example.test';
	const logins = () => portal.state.passwordLogins.get(SARA) ?? 0;
	const conn: Connection = {
		workflow: workflow('cred-sms'),
		credentials: { 'cred-sms': demoCredential(portal, SARA) },
		staticData: {},
	};
	const run = await wake(conn, '2026-11-23T10:00');
	expect(documents(run)).toHaveLength(0);
	const item = changes(run)[0];
	expect(item.json).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		method: 'sms',
	});
	expect(String(item.json.resumeToken)).toMatch(/^ipx1\./);

	// The code goes to Submit Code in the same workflow (the trigger-based code template): it
	// downloads what the trigger was asked for, through the connection's one ledger and session.
	const withSubmit = structuredClone(conn.workflow);
	withSubmit.nodes.push(
		{
			id: 'c1',
			name: 'Code received',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 300],
			parameters: {},
		},
		{
			id: 'c2',
			name: 'Submit Code',
			type: 'n8n-nodes-invoice-portals.invoicePortal',
			typeVersion: 1,
			position: [240, 300],
			parameters: {
				resource: 'connection',
				operation: 'submitCode',
				resumeToken: item.json.resumeToken,
				code: latestCode(portal, SARA),
			},
			credentials: { invoicePortalApi: { id: 'cred-sms', name: 'Demo Telecom' } },
		} as never,
	);
	withSubmit.connections['Code received'] = {
		main: [[{ node: 'Submit Code', type: 'main', index: 0 }]],
	};
	const done = await runWorkflow(withSubmit, {
		credentials: conn.credentials,
		staticData: conn.staticData,
		startNode: 'Code received',
		mode: 'webhook',
	});
	const before = (since: string) =>
		portal.state.documents
			.filter((d) => d.login === SARA && d.issueDate >= since)
			.map((d) => d.number)
			.sort();
	expect(idsOf(done.output('Submit Code'))).toEqual(before('2026-06-01'));
	expect(logins()).toBe(1); // it continued the trigger's login
	conn.staticData = done.staticData; // n8n saves static data after a production execution

	// An hour later the trigger does not send another SMS: the next attempt waits for the cadence.
	const sent = portal.state.outbox.length;
	expect((await wake(conn, '2026-11-23T11:00')).emitted).toBeNull();
	expect(portal.state.outbox.length).toBe(sent);

	// Eight days later the portal wants a new SMS code (its sessions last 12 hours): the trigger
	// reports it again with a fresh token, although the status stays "action required", since
	// the user must be able to answer this code too. Submit Code then delivers only the new bill.
	const bill = portal.state.addDocument(SARA, 'CUST-3001', '2026-11-28');
	const week = await wake(conn, '2026-12-01T10:00');
	expect(documents(week)).toEqual([]);
	const again = changes(week)[0];
	expect(again.json).toMatchObject({ status: 'action_required', reason: 'CODE_REQUIRED_SMS' });
	expect(again.json.resumeToken).not.toBe(item.json.resumeToken);
	const second = structuredClone(withSubmit);
	Object.assign(second.nodes.find((n) => n.name === 'Submit Code')!.parameters, {
		resumeToken: again.json.resumeToken,
		code: latestCode(portal, SARA),
	});
	const next = await runWorkflow(second, {
		credentials: conn.credentials,
		staticData: conn.staticData,
		startNode: 'Code received',
		mode: 'webhook',
	});
	expect(idsOf(next.output('Submit Code'))).toEqual([bill.number]);
});

test('a changed portal layout is reported once with a debug screenshot; a portal in maintenance backs off', async () => {
	const layout = connection('cred-layout', ANNA);
	demo.state.faults.renamedTable = true;
	try {
		const run = await wake(layout, '2026-11-23T10:00');
		const item = changes(run)[0];
		expect(item.json).toMatchObject({ status: 'action_required', reason: 'LAYOUT_CHANGED' });
		expect((await binaryBuffer(item, 'screenshot')).subarray(1, 4).toString()).toBe('PNG');
	} finally {
		demo.state.faults.renamedTable = false;
	}

	const down = connection('cred-maintenance', ANNA);
	demo.state.faults.maintenance = true;
	try {
		const run = await wake(down, '2026-11-23T10:00');
		expect(changes(run)[0].json).toMatchObject({ status: 'connected', reason: 'MAINTENANCE' });
		// Back-off: half an hour later no new attempt.
		await closeBrowser();
		const launches = browserLaunchCount();
		expect((await wake(down, '2026-11-23T10:30')).emitted).toBeNull();
		expect(browserLaunchCount()).toBe(launches);
	} finally {
		demo.state.faults.maintenance = false;
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

test('the example template saves each new PDF to disk and sends status changes to the notify branch', async () => {
	// The folder n8n may write to in tests (tests/helpers/env.ts), as ~/.n8n-files is in a real n8n.
	const folder = process.env.N8N_RESTRICT_FILE_ACCESS_TO!;
	const template = JSON.parse(
		readFileSync(
			join(__dirname, '..', '..', '..', 'examples', 'fetch-invoices-on-schedule.json'),
			'utf8',
		),
	);
	const save = template.nodes.find((n: { name: string }) => n.name === 'Save PDF to disk');
	save.parameters.fileName = save.parameters.fileName.replace('/home/node/.n8n-files', folder);
	const trigger = template.nodes.find((n: { name: string }) => n.name === TRIGGER);
	trigger.parameters = { ...trigger.parameters, timezone: ZONE, startDate: '2026-06-01' };
	const conn: Connection = {
		workflow: template,
		credentials: { 'demo-telecom-password': demoCredential(demo, ANNA) },
		staticData: {},
	};
	// Inside jest, n8n's file helper cannot create a new file: it recognises "file does not exist"
	// with `instanceof Error`, which fails across jest's sandbox. Empty placeholders stand in for
	// new files; the node overwrites them, and the check below is that each now holds the PDF.
	const wanted = demo.state.documents.filter(
		(d) => d.login === ANNA && d.issueDate >= '2026-06-01',
	);
	for (const doc of wanted)
		writeFileSync(
			join(folder, documentFileName({ ...doc, id: doc.number }, 'demo-telecom', 'pdf')),
			'',
		);
	// Saturday: outside the template's weekday window. Monday 10:30: past any random delay of up to an hour.
	expect((await wake(conn, '2026-11-28T10:00')).emitted).toBeNull();
	const run = await wake(conn, '2026-11-30T10:30');
	expect(run.execution!.error('Save PDF to disk')).toBeUndefined();
	expect(readdirSync(folder).sort()).toEqual(
		documents(run)
			.map((i) => String(i.json.fileName))
			.sort(),
	);
	expect(readdirSync(folder)).toHaveLength(expectedIds(ANNA, '2026-06-01').length);
	for (const item of documents(run))
		expect(readFileSync(join(folder, String(item.json.fileName)))).toEqual(
			await binaryBuffer(item),
		);
	expect(
		run.execution!.output('Status changed: notify yourself here').map((i) => i.json.status),
	).toEqual(['connected']);
});
