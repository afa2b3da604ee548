import { readFileSync } from 'node:fs';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { portalBySlug } from '../../../portals/registry';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import {
	comparable,
	credentials,
	latestCode,
	seededDocuments,
	startDemo,
	demoDefinitionFile,
} from '../../helpers/demo';
import { demoCredential, loadWorkflow } from '../../helpers/workflows';

/**
 * The generic adapter (issue 5) runs the catalogue's definition of the demo portal's second
 * layout (/eu/: two-step login, its own code page, a contract switcher, a differently built
 * table, dd-MM-yyyy dates, € 1.234,56 amounts, Dutch type names) through the same engine as
 * the coded adapter: same statuses, reasons, filters, dedup and downloads.
 */
const definitionFile = demoDefinitionFile('demo-energie');
const portal = portalBySlug('demo-energie');

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo({ pageSize: 3 });
});

const run = (login: string, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal,
		baseUrl: demo.url,
		credentials: credentials(login),
		mode: 'download',
		...extra,
	});
const expected = (
	login: string,
	keep: (d: DemoPortal['state']['documents'][number]) => boolean = () => true,
) => seededDocuments(demo, login, keep);
const got = comparable;

test('the catalogue definition appears in the portal list', () => {
	expect(portal).toMatchObject({
		name: 'Demo Energie (definition example)',
		defaultUrl: 'https://demo-energie.example',
	});
});

test('two-step login, every sub-account, every page: each document parsed from European notation and downloaded as a PDF', async () => {
	const pagesBefore = demo.state.listPagesServed.length;
	const result = await run('anna@example.test');
	expect(result).toMatchObject({ status: 'connected', reason: undefined, loginPerformed: true });
	expect(got(result.documents)).toEqual(expected('anna@example.test'));
	for (const doc of result.documents) expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
	// Both contracts, several pages each (three rows a page).
	const pages = demo.state.listPagesServed.slice(pagesBefore);
	expect(new Set(pages.map((p) => p.accountId))).toEqual(new Set(['CUST-1001', 'CUST-1002']));
	expect(Math.max(...pages.map((p) => p.page))).toBeGreaterThan(2);
	// Each document with its contract's name, read from the switcher's option ("CUST-1001 – …").
	const names = demo.state.account('anna@example.test')!.subAccounts.map((s) => [s.id, s.label]);
	expect(Object.fromEntries(result.documents.map((d) => [d.accountId, d.accountName]))).toEqual(
		Object.fromEntries(names),
	);
});

test("Account IDs with a contract switcher (<select>): only the named contract is chosen, the other's pages are never read", async () => {
	const pagesBefore = demo.state.listPagesServed.length;
	const result = await run('anna@example.test', { filters: { accountIds: ['CUST-1002'] } });
	expect(result).toMatchObject({ status: 'connected', reason: undefined });
	expect(got(result.documents)).toEqual(
		expected('anna@example.test', (d) => d.accountId === 'CUST-1002'),
	);
	const pages = demo.state.listPagesServed.slice(pagesBefore);
	const of = (id: string) => pages.filter((p) => p.accountId === id).map((p) => p.page);
	// The documents page the switcher is on shows the first contract's first page: only that one.
	expect(of('CUST-1001')).toEqual([1]);
	expect(Math.max(...of('CUST-1002'))).toBeGreaterThan(2);
});

test('filters and Only New: a date range and a type; a second run delivers nothing and stops at the first page', async () => {
	const ledger: LedgerData = { entries: {} };
	const filters = { startDate: '2026-05-01', types: ['invoice' as const] };
	const first = await run('anna@example.test', {
		filters,
		collect: { isDelivered: (d) => new DeliveryLedger(ledger).has(d) },
	});
	// The run's own outcome first: a failed run would otherwise show only as "no documents".
	expect({ status: first.status, reason: first.reason, message: first.message }).toEqual({
		status: 'connected',
		reason: undefined,
		message: 'Connected.',
	});
	expect(got(first.documents)).toEqual(
		expected('anna@example.test', (d) => d.issueDate >= '2026-05-01' && d.type === 'invoice'),
	);
	for (const doc of first.documents) new DeliveryLedger(ledger).record(doc, doc.sha256);

	const pagesBefore = demo.state.listPagesServed.length;
	const again = await run('anna@example.test', {
		filters,
		collect: { isDelivered: (d) => new DeliveryLedger(ledger).has(d), listing: 'untilKnown' },
	});
	expect(again.documents).toEqual([]);
	expect(again.counts.alreadyDelivered).toBeGreaterThan(0);
	expect(demo.state.listPagesServed.slice(pagesBefore).every((p) => p.page === 1)).toBe(true);
});

test('an authenticator code is answered from the secret; an SMS code goes to a person and Submit Code continues; a wrong code is rejected', async () => {
	const tom = await run('tom@example.test');
	expect(tom.status).toBe('connected');
	expect(got(tom.documents)).toEqual(expected('tom@example.test'));

	const first = await run('sara@example.test');
	expect(first).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_SMS',
		challenge: { method: 'sms' },
	});
	expect(first.challenge!.portalMessage).toMatch(/sms-code gestuurd/);
	const wrongCode = latestCode(demo, 'sara@example.test') === '000000' ? '111111' : '000000';
	const wrong = await run('sara@example.test', {
		resume: { token: first.challenge!.resumeToken, code: wrongCode },
	});
	expect(wrong).toMatchObject({ status: 'action_required', reason: 'WRONG_CODE' });
	const done = await run('sara@example.test', {
		resume: { token: wrong.challenge!.resumeToken, code: latestCode(demo, 'sara@example.test') },
	});
	expect(done.status).toBe('connected');
	expect(got(done.documents)).toEqual(expected('sara@example.test'));
});

test("the portal's own words for a wrong password and a locked account become their reasons", async () => {
	expect(
		await run('anna@example.test', {
			credentials: credentials('anna@example.test', { password: 'nope-nope' }),
		}),
	).toMatchObject({ status: 'login_failed', reason: 'WRONG_CREDENTIALS' });
	for (let i = 0; i < 3; i++)
		await run('locked@example.test', {
			credentials: credentials('locked@example.test', { password: 'nope-nope' }),
		});
	expect(await run('locked@example.test')).toMatchObject({
		status: 'login_failed',
		reason: 'ACCOUNT_LOCKED',
	});
});

test("navigation to a domain outside the definition's list is blocked and reported", async () => {
	demo.state.faults.offsiteRedirect = 'http://localhost:9/stolen';
	try {
		const result = await run('anna@example.test');
		expect(result).toMatchObject({ status: 'action_required', reason: 'NAVIGATION_BLOCKED' });
		expect(result.message).toContain('localhost:9');
	} finally {
		demo.state.faults.offsiteRedirect = undefined;
	}
});

test('through n8n: a credential with portal "Custom (definition)" and the definition pasted as JSON downloads every document', async () => {
	const definition = readFileSync(definitionFile, 'utf8');
	const credential = { ...demoCredential(demo, 'anna@example.test'), portal: 'custom', definition };
	const result = await runWorkflow(loadWorkflow('download.json'), {
		credentials: { 'cred-1': credential },
	});
	const items = result.output('Invoice Portal');
	expect(items.map((i) => String(i.json.number)).sort()).toEqual(
		expected('anna@example.test').map((d) => d.number),
	);
	expect((await binaryBuffer(items[0])).subarray(0, 5).toString()).toBe('%PDF-');

	const broken = await runWorkflow(loadWorkflow('download.json'), {
		credentials: { 'cred-1': { ...credential, definition: definition.replace('"rows"', '"row"') } },
	});
	const message = broken.error('Invoice Portal')?.message;
	expect(message).toMatch(/^Definition: 2 problem\(s\): /);
	expect(message).toContain('documents.rows is missing');
	expect(message).toContain('documents.row is not a known field here');
});

describe("a single-page app on a JSON API with infinite scroll (the demo portal's /app/ layout)", () => {
	const cloud = portalBySlug('demo-cloud');
	const runCloud = (login: string, extra: Partial<RunOptions> = {}) =>
		runPortal({
			portal: cloud,
			baseUrl: demo.url,
			credentials: credentials(login),
			mode: 'download',
			...extra,
		});

	test('login in the app, every document by scrolling, American notation parsed, PDFs downloaded; Only New stops at the first batch', async () => {
		const before = demo.state.listPagesServed.length;
		const result = await runCloud('anna@example.test');
		expect(result).toMatchObject({ status: 'connected', reason: undefined });
		expect(got(result.documents)).toEqual(expected('anna@example.test'));
		for (const doc of result.documents) expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
		const batches = demo.state.listPagesServed
			.slice(before)
			.filter((p) => p.login === 'anna@example.test');
		expect(batches.length).toBeGreaterThanOrEqual(6); // 28 documents, 5 per batch

		const ledger: LedgerData = { entries: {} };
		for (const doc of result.documents) new DeliveryLedger(ledger).record(doc, doc.sha256);
		const mark = demo.state.listPagesServed.length;
		const again = await runCloud('anna@example.test', {
			collect: { isDelivered: (d) => new DeliveryLedger(ledger).has(d), listing: 'untilKnown' },
		});
		expect(again.documents).toEqual([]);
		expect(
			demo.state.listPagesServed.slice(mark).filter((p) => p.login === 'anna@example.test'),
		).toHaveLength(1);
	});

	test("the app's authenticator step is answered from the secret; a wrong password is reported in the app's words", async () => {
		const tom = await runCloud('tom@example.test');
		expect(tom.status).toBe('connected');
		expect(got(tom.documents)).toEqual(expected('tom@example.test'));
		const wrong = await runCloud('anna@example.test', {
			credentials: credentials('anna@example.test', { password: 'nope-nope' }),
		});
		expect(wrong).toMatchObject({ status: 'login_failed', reason: 'WRONG_CREDENTIALS' });
		expect(wrong.message).toContain('Invalid email or password.');
	});
});

describe('a definition without sub-accounts (no documents.accounts, no accountId field)', () => {
	const spec = JSON.parse(readFileSync(definitionFile, 'utf8'));
	delete spec.documents.accounts;
	const plain = definitionPortal(spec as DefinitionSpec);
	const runPlain = (extra: Partial<RunOptions> = {}) =>
		runPortal({
			portal: plain,
			baseUrl: demo.url,
			credentials: credentials('anna@example.test'),
			mode: 'download',
			...extra,
		});

	test("ids are the site's own, without a ':' in front", async () => {
		const result = await runPlain({ mode: 'list' });
		expect(result.selected).toHaveLength(14);
		const onPage = demo.state.documents.filter((d) => d.accountId === 'CUST-1001');
		for (const doc of result.selected) {
			expect(doc.accountId).toBe('');
			expect(doc.id).toMatch(/^[^:]+$/);
		}
		expect(result.selected.map((d) => d.number).sort()).toEqual(onPage.map((d) => d.number).sort());
	});

	test("a connection that delivered under the old ':<id>' ids delivers nothing again, and Only New still stops at the first page", async () => {
		const first = await runPlain();
		expect(first.documents).toHaveLength(14);
		// What version 0.1.0 recorded for these documents: the id with a ':' in front.
		const ledger: LedgerData = { entries: {} };
		for (const doc of first.documents)
			new DeliveryLedger(ledger).record({ accountId: '', id: `:${doc.id}` }, doc.sha256);
		expect(Object.keys(ledger.entries).every((key) => key.startsWith('|:'))).toBe(true);

		const mark = demo.state.listPagesServed.length;
		const again = await runPlain({
			collect: {
				isDelivered: (d) => new DeliveryLedger(ledger).has(d),
				isDeliveredFile: (hash) => new DeliveryLedger(ledger).hasFile(hash),
				listing: 'untilKnown',
			},
		});
		expect(again.status).toBe('connected');
		expect(again.documents).toEqual([]);
		// Recognised by id, not only by the file hash: nothing was downloaded to find out.
		expect(again.counts.downloaded).toBe(0);
		expect(again.counts.alreadyDelivered).toBe(3);
		expect(
			demo.state.listPagesServed.slice(mark).filter((p) => p.login === 'anna@example.test'),
		).toHaveLength(1);
	});
});
