import { readFileSync } from 'node:fs';
import { browserLaunchCount } from '../../../portals/core/browser/launch';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import {
	comparable,
	credentials,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';

/**
 * Issue 33: sub-accounts given as links on a selection page (the demo's /contracts/ layout,
 * definition demo-contracts) and as buttons a script uses to swap the list
 * (demo-contracts-buttons). Every document comes with its contract, over plain HTTP and in the
 * browser; the Account IDs filter opens only the contracts it names (counted on the demo server).
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo({ pageSize: 3 });
});

const spec = (slug: string) =>
	JSON.parse(readFileSync(demoDefinitionFile(slug), 'utf8')) as DefinitionSpec;
const links = spec('demo-contracts');
const buttons = spec('demo-contracts-buttons');
const ANNA = 'anna@example.test';

const run = (definition: DefinitionSpec, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal: definitionPortal(definition),
		baseUrl: demo.url,
		credentials: credentials(ANNA),
		mode: 'download',
		...extra,
	});

/** The contracts whose lists the demo served from here on, and how many pages of each. */
function listsServed(): () => Record<string, number> {
	const before = demo.state.listPagesServed.length;
	return () => {
		const counts: Record<string, number> = {};
		for (const p of demo.state.listPagesServed.slice(before))
			counts[p.accountId] = (counts[p.accountId] ?? 0) + 1;
		return counts;
	};
}

/** Each document's account with the name it came with, one entry per account. */
const accountNames = (docs: { accountId: string; accountName?: string }[]) =>
	Object.fromEntries(docs.map((d) => [d.accountId, d.accountName]));

/** The contracts' names the demo shows beside their ids ("CUST-1001 – Mobile …"). */
const contractNames = () =>
	Object.fromEntries(demo.state.account(ANNA)!.subAccounts.map((s) => [s.id, s.label]));

const outcome = (r: Awaited<ReturnType<typeof run>>) => ({
	status: r.status,
	reason: r.reason,
	message: r.message,
});

describe('contracts as links on a selection page', () => {
	test('over plain HTTP: every contract, every page, each document with its contract, all PDFs', async () => {
		const launches = browserLaunchCount();
		const served = listsServed();
		const result = await run(links);
		expect(outcome(result)).toEqual({
			status: 'connected',
			reason: undefined,
			message: 'Connected.',
		});
		expect(result.engine).toBe('http');
		expect(comparable(result.documents)).toEqual(seededDocuments(demo, ANNA));
		expect(new Set(result.documents.map((d) => d.accountId))).toEqual(
			new Set(['CUST-1001', 'CUST-1002']),
		);
		// Every document carries its contract's name from the link, without the id before it.
		expect(result.documents.every((d) => d.accountName)).toBe(true);
		expect(accountNames(result.documents)).toEqual(contractNames());
		for (const doc of result.documents) expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
		// Three rows a page: each contract's list took more than one page.
		expect(Object.values(served()).every((pages) => pages > 1)).toBe(true);
		expect(browserLaunchCount()).toBe(launches);
		expect(demo.state.violations).toEqual([]);
	});

	test('in the browser: the same documents with the same contracts', async () => {
		const result = await run({ ...links, engine: 'browser' });
		expect(outcome(result)).toEqual({
			status: 'connected',
			reason: undefined,
			message: 'Connected.',
		});
		expect(result.engine).toBe('browser');
		expect(comparable(result.documents)).toEqual(seededDocuments(demo, ANNA));
		expect(result.documents.every((d) => d.accountName)).toBe(true);
		expect(accountNames(result.documents)).toEqual(contractNames());
	});

	test('Account IDs: only the contract asked for is opened; a second run with Only New delivers nothing', async () => {
		const ledger: LedgerData = { entries: {} };
		const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) =>
			new DeliveryLedger(ledger).has(d);
		const served = listsServed();
		const first = await run(links, {
			filters: { accountIds: ['CUST-1002'] },
			collect: { isDelivered },
		});
		expect(outcome(first).status).toBe('connected');
		expect(comparable(first.documents)).toEqual(
			seededDocuments(demo, ANNA, (d) => d.accountId === 'CUST-1002'),
		);
		expect(Object.keys(served())).toEqual(['CUST-1002']);
		for (const doc of first.documents) new DeliveryLedger(ledger).record(doc, doc.sha256);

		const again = await run(links, {
			filters: { accountIds: ['CUST-1002'] },
			collect: { isDelivered, listing: 'untilKnown' },
		});
		expect(outcome(again).status).toBe('connected');
		expect(again.documents).toEqual([]);
		expect(again.counts.alreadyDelivered).toBeGreaterThan(0);
	});

	test('an account link to another site is refused before anything is sent there', async () => {
		demo.state.faults.offsiteAccountLink =
			'http://elsewhere.example:9/contracts/CUST-0000/invoices';
		try {
			const result = await run(links);
			// The portal leads somewhere it must not: a person looks (the run says where).
			expect(result).toMatchObject({ status: 'action_required', reason: 'NAVIGATION_BLOCKED' });
			expect(result.message).toMatch(/elsewhere\.example/);
		} finally {
			delete demo.state.faults.offsiteAccountLink;
		}
	});
});

describe('contracts as buttons that swap the list (the browser)', () => {
	test('every contract pressed, each document with its contract; auto starts in the browser', async () => {
		const result = await run(buttons);
		expect(outcome(result)).toEqual({
			status: 'connected',
			reason: undefined,
			message: 'Connected.',
		});
		expect(result.engine).toBe('browser');
		expect(comparable(result.documents)).toEqual(seededDocuments(demo, ANNA));
		expect(result.documents.every((d) => d.accountName)).toBe(true);
		expect(accountNames(result.documents)).toEqual(contractNames());
		for (const doc of result.documents) expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
	});

	test('Account IDs: only the button asked for is pressed', async () => {
		const served = listsServed();
		const result = await run(buttons, { filters: { accountIds: ['CUST-1001'] } });
		expect(outcome(result).status).toBe('connected');
		expect(comparable(result.documents)).toEqual(
			seededDocuments(demo, ANNA, (d) => d.accountId === 'CUST-1001'),
		);
		expect(Object.keys(served())).toEqual(['CUST-1001']);
	});
});
