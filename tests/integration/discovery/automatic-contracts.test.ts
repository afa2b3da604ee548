import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { comparable, credentials, seededDocuments, startDemo } from '../../helpers/demo';

/**
 * Issue 33: Automatic on the demo's /contracts/ layout, given only the login URL. After sign-in a
 * selection page lists the contracts as links, each contract's invoices at an address of its
 * own: discovery learns the links (documents.accounts.links on that page, each id from the
 * address), and every document arrives with its contract. Later runs use the kept definition
 * over plain HTTP: Only New delivers nothing, and Account IDs opens only the contract it names.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo({ pageSize: 3 });
});

const ANNA = 'anna@example.test';
const run = (extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal: automaticPortal({ loginUrl: `${demo.url}/contracts/login` }),
		credentials: credentials(ANNA),
		mode: 'download',
		...extra,
	});

/** The contracts whose lists the demo served from here on. */
function listsServed(): () => string[] {
	const before = demo.state.listPagesServed.length;
	return () => [...new Set(demo.state.listPagesServed.slice(before).map((p) => p.accountId))];
}

test('Automatic learns the contract links and finds every document with its contract; later runs over HTTP: Only New delivers nothing, Account IDs opens one contract', async () => {
	const ledger: LedgerData = { entries: {} };
	const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) =>
		new DeliveryLedger(ledger).has(d);
	const first = await run({ collect: { isDelivered } });
	expect({ status: first.status, reason: first.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect(comparable(first.documents)).toEqual(seededDocuments(demo, ANNA));
	expect(new Set(first.documents.map((d) => d.accountId))).toEqual(
		new Set(['CUST-1001', 'CUST-1002']),
	);
	const learned = first.learned as AutomaticLearned;
	expect(learned.definition!.documents.accounts).toEqual({
		links: expect.any(String),
		page: '/contracts/',
		id: { pathPart: 2 },
	});
	// Read-only: no contract was cancelled, no invoice paid, on the way.
	expect(demo.state.violations).toEqual([]);
	for (const doc of first.documents) new DeliveryLedger(ledger).record(doc, doc.sha256);

	const again = await run({ learned, collect: { isDelivered, listing: 'untilKnown' } });
	expect({ status: again.status, engine: again.engine }).toEqual({
		status: 'connected',
		engine: 'http',
	});
	expect(again.documents).toEqual([]);
	expect(again.counts.alreadyDelivered).toBeGreaterThan(0);

	const served = listsServed();
	const narrowed = await run({
		learned,
		mode: 'list',
		filters: { accountIds: ['CUST-1002'] },
	});
	expect(narrowed.status).toBe('connected');
	expect(comparable(narrowed.selected)).toEqual(
		seededDocuments(demo, ANNA, (d) => d.accountId === 'CUST-1002'),
	);
	expect(served()).toEqual(['CUST-1002']);
});

test('a contract link to another site is never followed while discovering, nor learned', async () => {
	// Another site on loopback that counts what reaches it.
	let reached = 0;
	const elsewhere: Server = createServer((_req, res) => {
		reached++;
		res.end('<html><body><a href="/x.pdf">x</a></body></html>');
	});
	await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
	const port = (elsewhere.address() as AddressInfo).port;
	demo.state.faults.offsiteAccountLink = `http://localhost:${port}/contracts/CUST-1002/invoices`;
	try {
		const result = await run({ mode: 'list' });
		expect(result.status).toBe('connected');
		expect(reached).toBe(0);
		expect(demo.state.violations).toEqual([]);
		// No selector picks the portal's own contract links without the foreign one: none is written.
		expect((result.learned as AutomaticLearned).definition!.documents.accounts).toBeUndefined();
	} finally {
		delete demo.state.faults.offsiteAccountLink;
		await new Promise((resolve) => elsewhere.close(resolve));
	}
});

/** Automatic on the contracts whose buttons swap the list (/contracts/tabs). */
const tabsPortal = () =>
	automaticPortal({
		loginUrl: `${demo.url}/contracts/login`,
		documentsUrl: `${demo.url}/contracts/tabs`,
	});

test('contracts as buttons that swap the list (/contracts/tabs): one guarded press teaches them; every document arrives with its contract, in the browser', async () => {
	const result = await runPortal({
		portal: tabsPortal(),
		credentials: credentials(ANNA),
		mode: 'list',
	});
	expect({ status: result.status, reason: result.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	const learned = result.learned as AutomaticLearned;
	expect(learned.definition!.documents.accounts).toEqual({
		buttons: 'button.contract',
		id: { attribute: 'data-contract' },
	});
	expect(comparable(result.selected)).toEqual(seededDocuments(demo, ANNA));
	expect(demo.state.violations).toEqual([]);

	// The kept definition on a later run: the buttons need the browser, and it says so.
	const again = await runPortal({
		portal: tabsPortal(),
		credentials: credentials(ANNA),
		mode: 'list',
		learned,
	});
	expect({ status: again.status, engine: again.engine }).toEqual({
		status: 'connected',
		engine: 'browser',
	});
	expect(comparable(again.selected)).toEqual(seededDocuments(demo, ANNA));
});
