import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentFileName } from '../../../portals/core/collection/files';
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
	type Connection,
} from '../../helpers/trigger';
import { demoCredential } from '../../helpers/workflows';

/**
 * The Invoice Portal Trigger's schedule and delivery, as n8n runs it (tests/helpers/trigger.ts):
 * what the first and later wake-ups deliver, the allowed weekdays and hours, downloads switched
 * off, "Fetch test event", and the example template. Sign-in failures and portal faults:
 * node-trigger-failures.test.ts; codes: node-trigger-codes.test.ts.
 */
const bed = triggerBed();
const { connection, expectedIds } = bed;
const passwordLogins = (login: string) => bed.demo.state.passwordLogins.get(login) ?? 0;

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
	const logins = passwordLogins(ANNA);
	const notDue = await withoutBrowserLaunch(() => wake(conn, '2026-11-23T11:00'));
	expect(notDue.emitted).toBeNull();
	expect(notDue.execution).toBeUndefined();
	expect(passwordLogins(ANNA)).toBe(logins);

	// A week later: due. Nothing new, and each sub-account's listing stops after its first page.
	bed.demo.state.listPagesServed.length = 0;
	const second = await wake(conn, '2026-11-30T10:00');
	expect(second.emitted).toBeNull();
	expect(bed.demo.state.listPagesServed.length).toBeGreaterThan(0);
	expect(new Set(bed.demo.state.listPagesServed.map((p) => p.page))).toEqual(new Set([1]));
	expect(new Set(bed.demo.state.listPagesServed.map((p) => p.accountId))).toEqual(
		new Set(['CUST-1001', 'CUST-1002']),
	);

	// The portal bills a new month: delivered once, and not again a week later.
	const added = bed.demo.state.addDocument(ANNA, 'CUST-1002', '2026-12-01');
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
	await withoutBrowserLaunch(async () => {
		for (const time of [
			'2026-11-28T10:00',
			'2026-11-29T15:00',
			'2026-11-30T07:00',
			'2026-11-30T12:30',
			'2026-11-30T18:00',
		]) {
			expect((await wake(conn, time)).emitted).toBeNull();
		}
	});
	// Monday in the afternoon range: runs.
	expect(idsOf(documents(await wake(conn, '2026-11-30T14:00')))).toEqual(
		expectedIds(ANNA, '2026-06-01'),
	);
});

test('downloads switched off: paused is reported once and nothing runs', async () => {
	const conn = connection('cred-paused', ANNA, { enabled: false });
	await withoutBrowserLaunch(async () => {
		const first = await wake(conn, '2026-11-23T10:00');
		expect(documents(first)).toHaveLength(0);
		expect(changes(first).map((i) => i.json)).toEqual([
			expect.objectContaining({ status: 'paused', reason: 'DOWNLOADS_DISABLED' }),
		]);
		expect((await wake(conn, '2026-11-24T10:00')).emitted).toBeNull();
	});
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
	const newest = bed.demo.state.documents
		.filter((d) => d.login === ANNA)
		.sort((a, b) => b.issueDate.localeCompare(a.issueDate))[0];
	expect(test.output(TRIGGER, 0).map((i) => i.json.issueDate)).toEqual([newest.issueDate]);
	expect(test.output(TRIGGER, 1)[0].json).toMatchObject({ status: 'connected' });
	expect(test.staticData).toEqual(saved);
	// The schedule did not move and nothing counts as delivered: a week later nothing is new.
	expect((await wake(conn, '2026-11-30T10:00')).emitted).toBeNull();
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
		credentials: { 'demo-telecom-password': demoCredential(bed.demo, ANNA) },
		staticData: {},
	};
	// Inside jest, n8n's file helper cannot create a new file: it recognises "file does not exist"
	// with `instanceof Error`, which fails across jest's sandbox. Empty placeholders stand in for
	// new files; the node overwrites them, and the check below is that each now holds the PDF.
	const wanted = bed.demo.state.documents.filter(
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
