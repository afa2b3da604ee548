import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { startDemo } from '../../helpers/demo';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

const workflow = loadWorkflow('download.json');
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

test('manual trigger → Invoice Portal download (TOTP account): binary PDFs with their metadata', async () => {
	const result = await runWorkflow(workflow, {
		credentials: { 'cred-1': demoCredential(demo, 'tom@example.test') },
	});
	expect(result.error('Invoice Portal')).toBeUndefined();
	const items = result.output('Invoice Portal', 0);
	expect(items).toHaveLength(28);
	const first = items[0];
	expect(first.json).toMatchObject({
		portal: 'demo-telecom',
		accountId: 'CUST-2001',
		number: 'REM-2026-2001-0014',
		type: 'reminder',
		issueDate: '2026-10-01',
		dueDate: '2026-10-15',
		currency: 'EUR',
		fileName: '2026-10-01_demo-telecom_REM-2026-2001-0014.pdf',
	});
	expect(first.json.sha256).toMatch(/^[0-9a-f]{64}$/);
	expect(first.binary?.data).toMatchObject({
		mimeType: 'application/pdf',
		fileName: '2026-10-01_demo-telecom_REM-2026-2001-0014.pdf',
	});
	const pdf = await binaryBuffer(first);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	expect(pdf.toString('latin1')).toContain('Document number: REM-2026-2001-0014');
	expect(first.pairedItem).toEqual({ item: 0 });
	expect(result.output('Invoice Portal', 1)).toEqual([]);
	expect(result.hints('Invoice Portal').join(' ')).toContain(
		'28 found on the portal · 28 downloaded',
	);
});

test('Only New Documents: the second execution with the same static data outputs nothing, even after the files were deleted', async () => {
	const credentials = { 'cred-1': demoCredential(demo, 'anna@example.test') };
	const first = await runWorkflow(workflow, { credentials });
	const folder = mkdtempSync(join(tmpdir(), 'delivered-'));
	for (const item of first.output('Invoice Portal'))
		writeFileSync(join(folder, String(item.json.fileName)), await binaryBuffer(item));
	expect(readdirSync(folder)).toHaveLength(28);
	rmSync(folder, { recursive: true, force: true });

	const second = await runWorkflow(workflow, { credentials, staticData: first.staticData });
	expect(second.output('Invoice Portal')).toEqual([]);
	// The first page of each customer number held only known documents: the listing stopped there.
	expect(second.hints('Invoice Portal').join(' ')).toContain(
		'20 found on the portal · 20 already delivered',
	);
	// The saved session was used: no second password login.
	expect(demo.state.passwordLogins.get('anna@example.test')).toBe(1);

	const withoutOnlyNew = withParameters(workflow, 'Invoice Portal', {
		resource: 'document',
		operation: 'download',
		filters: {},
		onlyNew: false,
	});
	expect(
		(await runWorkflow(withoutOnlyNew, { credentials, staticData: second.staticData })).output(
			'Invoice Portal',
		),
	).toHaveLength(28);
});

test('Only New stops listing at a page of known documents; changed filters list everything again', async () => {
	const small = await startDemo({ pageSize: 4 });
	const credentials = { 'cred-1': demoCredential(small, 'anna@example.test') };
	const download = (filters: object, staticData = {}) =>
		runWorkflow(
			withParameters(workflow, 'Invoice Portal', {
				resource: 'document',
				operation: 'download',
				filters,
				onlyNew: true,
			}),
			{ credentials, staticData },
		);
	const pagesServed = async (run: () => Promise<Awaited<ReturnType<typeof download>>>) => {
		small.state.listPagesServed.length = 0;
		const result = await run();
		return { result, pages: Math.max(...small.state.listPagesServed.map((p) => p.page)) };
	};
	const all = small.state.documents.filter((d) => d.login === 'anna@example.test');
	const invoices = all.filter((d) => d.type === 'invoice');

	const first = await pagesServed(() => download({ types: ['invoice'] }));
	expect(first.result.output('Invoice Portal')).toHaveLength(invoices.length);
	expect(first.pages).toBe(4); // 14 per customer number, 4 per page
	const again = await pagesServed(() => download({ types: ['invoice'] }, first.result.staticData));
	expect(again.result.output('Invoice Portal')).toEqual([]);
	expect(again.pages).toBe(1);
	// Without the type filter the earlier scan says nothing about the other types: all pages again.
	const widened = await pagesServed(() => download({}, again.result.staticData));
	expect(widened.pages).toBe(4);
	expect(
		widened.result
			.output('Invoice Portal')
			.map((i) => i.json.number)
			.sort(),
	).toEqual(
		all
			.filter((d) => d.type !== 'invoice')
			.map((d) => d.number)
			.sort(),
	);
	const last = await pagesServed(() => download({}, widened.result.staticData));
	expect(last.result.output('Invoice Portal')).toEqual([]);
	expect(last.pages).toBe(1);
});

test('filters on sub-account and type, with the counts per stage in the run summary', async () => {
	const filtered = withParameters(workflow, 'Invoice Portal', {
		resource: 'document',
		operation: 'download',
		onlyNew: false,
		filters: {
			accountIds: 'CUST-1002',
			types: ['invoice', 'credit_note'],
			startDate: '2026-01-01T00:00:00',
			limit: 4,
		},
	});
	const result = await runWorkflow(filtered, {
		credentials: { 'cred-1': demoCredential(demo, 'anna@example.test') },
	});
	const items = result.output('Invoice Portal');
	expect(items.map((i) => i.json.number)).toEqual([
		'INV-2026-1002-0013',
		'INV-2026-1002-0011',
		'CN-2026-1002-0010',
		'INV-2026-1002-0009',
	]);
	// Since 2026-01-01: 10 documents; 3 are a reminder, statement or reminder; of the 7 left, 4 fit the limit.
	expect(result.hints('Invoice Portal').join(' ')).toContain(
		'10 found on the portal · 3 excluded by type · 3 over the limit · 4 downloaded',
	);
});

test('List: metadata only, no binaries, same filters', async () => {
	const list = withParameters(workflow, 'Invoice Portal', {
		resource: 'document',
		operation: 'list',
		filters: { types: ['statement'] },
	});
	const result = await runWorkflow(list, {
		credentials: { 'cred-1': demoCredential(demo, 'anna@example.test') },
	});
	const items = result.output('Invoice Portal');
	expect(items.map((i) => i.json.number)).toEqual(['ST-2026-1001-0012', 'ST-2026-1002-0012']);
	expect(items.every((i) => i.binary === undefined && i.json.downloadUrl === undefined)).toBe(true);
});

test('a bad filter stops with an error naming the field, before any login', async () => {
	const bad = withParameters(workflow, 'Invoice Portal', {
		resource: 'document',
		operation: 'download',
		filters: { startDate: '2026-05-01', endDate: '2026-04-01' },
	});
	const before = demo.state.passwordLogins.get('eric@example.test') ?? 0;
	const result = await runWorkflow(bad, {
		credentials: { 'cred-1': demoCredential(demo, 'eric@example.test') },
	});
	expect(result.error('Invoice Portal')?.message).toMatch(
		/^endDate: the end date 2026-04-01 is before the start date 2026-05-01/,
	);
	expect(demo.state.passwordLogins.get('eric@example.test') ?? 0).toBe(before);
});

test("n8n's Retry On Fail does not log in again after the portal rejected the password", async () => {
	const login = 'anna@example.test';
	const before = demo.state.loginAttempts.get(login) ?? 0;
	const retrying = withParameters(
		workflow,
		'Invoice Portal',
		{ resource: 'document', operation: 'download', filters: {}, onlyNew: true },
		{ retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
	);
	const run = await runWorkflow(retrying, {
		credentials: { 'cred-1': demoCredential(demo, login, { password: 'not-the-password' }) },
	});
	expect(run.error('Invoice Portal')?.message).toMatch(/WRONG_CREDENTIALS/);
	expect((demo.state.loginAttempts.get(login) ?? 0) - before).toBe(1);
	// A new execution (the user corrected something on the portal and runs it again) may try once more.
	await runWorkflow(retrying, {
		credentials: { 'cred-1': demoCredential(demo, login, { password: 'not-the-password' }) },
		staticData: run.staticData,
	});
	expect((demo.state.loginAttempts.get(login) ?? 0) - before).toBe(2);
});
