import { readFileSync } from 'node:fs';
import { runPortal } from '../../../portals/core/run/portal-run';
import type { DocumentFilters } from '../../../portals/core/contract/filters';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import {
	comparable,
	credentials,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';

/**
 * Sub-accounts on an app's API (documents.api.accounts, issue 33): Anna has two contracts on the
 * demo's /spa/ layout. With an accounts call, the list is requested once per contract with
 * {account} filled, and each document belongs to the contract whose list it came in; the
 * account filter requests only the contracts it names. Without one, the items' own accountId
 * decides and the filter picks from the whole list.
 */
const LOGIN = 'anna@example.test';
const APP = 'http://app.spa.localhost';
let demo: DemoPortal;
let session: string | undefined;

type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
const run = (edit: Edit, filters: DocumentFilters = {}) => {
	const definition = JSON.parse(readFileSync(demoDefinitionFile('demo-spa'), 'utf8'));
	edit(definition);
	return runPortal({
		portal: definitionPortal(parseDefinition(definition) as DefinitionSpec),
		baseUrl: `http://login.spa.localhost:${new URL(demo.url).port}/spa/login`,
		credentials: credentials(LOGIN),
		mode: 'download',
		filters,
		savedSession: session,
	});
};

/** The contracts' lists the portal served since `before` (the whole list is "*"). */
const listsServed = (before: number) =>
	new Set(demo.state.listPagesServed.slice(before).map((p) => p.accountId));

/** Per contract: the accounts call, and the list's account in its query; no accountId field. */
const byAccountsCall: Edit = (d) => {
	d.documents.api.accounts = {
		request: { url: `${APP}/spa/api/accounts` },
		items: 'data',
		id: 'id',
		name: 'name',
	};
	d.documents.api.request.query = { account: '{account}' };
	delete d.documents.api.fields.accountId;
};

beforeAll(async () => {
	demo = await startDemo();
	const first = await run(() => undefined);
	expect(first.status).toBe('connected');
	session = first.session;
});

test('an accounts call: one list per contract, each document with its contract', async () => {
	const before = demo.state.listPagesServed.length;
	const result = await run(byAccountsCall);
	expect({ status: result.status, reason: result.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect(comparable(result.documents)).toEqual(seededDocuments(demo, LOGIN));
	expect(new Set(result.documents.map((d) => d.accountId))).toEqual(
		new Set(['CUST-1001', 'CUST-1002']),
	);
	expect(listsServed(before)).toEqual(new Set(['CUST-1001', 'CUST-1002']));
	// Each document with its contract's name, as the accounts call's "name" gives it.
	const names = demo.state.account(LOGIN)!.subAccounts.map((s) => [s.id, s.label]);
	expect(Object.fromEntries(result.documents.map((d) => [d.accountId, d.accountName]))).toEqual(
		Object.fromEntries(names),
	);
	expect(result.documents.every((d) => d.accountName)).toBe(true);
});

test("the account filter: only the named contract's list is requested", async () => {
	const before = demo.state.listPagesServed.length;
	const result = await run(byAccountsCall, { accountIds: ['CUST-1002'] });
	expect(result.status).toBe('connected');
	expect(comparable(result.documents)).toEqual(
		seededDocuments(demo, LOGIN, (d) => d.accountId === 'CUST-1002'),
	);
	expect(listsServed(before)).toEqual(new Set(['CUST-1002']));
});

test("without an accounts call the items' accountId decides, and the filter picks from the list", async () => {
	const result = await run(() => undefined, { accountIds: ['CUST-1001'] });
	expect(result.status).toBe('connected');
	expect(comparable(result.documents)).toEqual(
		seededDocuments(demo, LOGIN, (d) => d.accountId === 'CUST-1001'),
	);
	expect(result.documents.length).toBeGreaterThan(0);
});
