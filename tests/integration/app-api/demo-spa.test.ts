import { readFileSync } from 'node:fs';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { portalBySlug } from '../../../portals/registry';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import { spaStore } from '../../../testbeds/demo-portal/spa-api-layout';
import {
	comparable,
	credentials,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';
import { hideBrowsers } from '../../helpers/hide-browsers';

/**
 * The demo-spa definition (documents.api, issue 33) on the demo portal's /spa/ layout on two hosts
 * of one site (issue 33, section 5): the sign-in page posts JSON on login.spa.localhost and lands
 * on the app on app.spa.localhost, whose API the definition calls. The sign-in needs scripts (the
 * browser), the list and the files come from the app's JSON API with the
 * Bearer token the page keeps in sessionStorage. Every document arrives byte for byte with its
 * number, date, amount, type and contract; filters and Only New work as for HTML lists; a saved
 * session then lists and downloads over plain HTTP with every browser hidden.
 */
const portal = portalBySlug('demo-spa');
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

/** The credential's login URL: the login host, on the demo's port. */
const loginUrl = () => `http://login.spa.localhost:${new URL(demo.url).port}/spa/login`;

const run = (login: string, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal,
		baseUrl: loginUrl(),
		credentials: credentials(login),
		mode: 'download',
		...extra,
	});

/** The demo's own file of a document: what the portal serves for it. */
const fileOf = (number: string) => {
	const doc = demo.state.documents.find((d) => d.number === number)!;
	return pdfFor({ state: demo.state } as RequestContext, doc);
};

let saved: Awaited<ReturnType<typeof run>>['session'];

test('signs in in the browser, lists every page of the API and downloads each file byte for byte', async () => {
	const pagesBefore = demo.state.listPagesServed.length;
	const result = await run('anna@example.test');
	expect({ status: result.status, reason: result.reason, message: result.message }).toEqual({
		status: 'connected',
		reason: undefined,
		message: 'Connected.',
	});
	expect(comparable(result.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
	for (const doc of result.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
	// Every page of 20, and at most the one after the last (empty: the end of the list).
	const last = Math.ceil(result.documents.length / 20);
	const pages = demo.state.listPagesServed.slice(pagesBefore).map((p) => p.page);
	for (let page = 1; page <= last; page++) expect(pages).toContain(page);
	expect(Math.max(...pages)).toBeLessThanOrEqual(last + 1);
	// The sign-in on the login host, the app and its API on the app host, the second contract's
	// signed files on the file host (downloadDomains), nothing on 127.0.0.1.
	const port = new URL(demo.url).port;
	expect([...demo.state.hostsSeen].filter((h) => h.endsWith(`:${port}`)).sort()).toEqual([
		`app.spa.localhost:${port}`,
		`files.spa-cdn.localhost:${port}`,
		`login.spa.localhost:${port}`,
	]);
	// One contract's files came inline, the other's from the file host, which saw no credential.
	const visits = spaStore(demo.state).fileHostVisits;
	const second = result.documents.filter((d) => d.accountId === 'CUST-1002').length;
	expect(second).toBeGreaterThan(0);
	expect(visits).toHaveLength(second);
	expect(visits.filter((v) => v.cookie || v.authorization || v.headers.length > 0)).toEqual([]);
	saved = result.session;
	expect(saved).toBeDefined();
});

test('an authenticator account: the code is answered in the app, then filters pick by date and type', async () => {
	const filters = { startDate: '2026-05-01', types: ['invoice' as const] };
	const result = await run('tom@example.test', { filters });
	expect(result.status).toBe('connected');
	expect(comparable(result.documents)).toEqual(
		seededDocuments(
			demo,
			'tom@example.test',
			(d) => d.issueDate >= '2026-05-01' && d.type === 'invoice',
		),
	);
});

test('a connection whose last run used the browser still starts on plain HTTP with its saved session', async () => {
	const result = await run('anna@example.test', { savedSession: saved, engine: 'browser' });
	expect({ status: result.status, reason: result.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect({ engine: result.engine, loginPerformed: result.loginPerformed }).toEqual({
		engine: 'http',
		loginPerformed: false,
	});
	expect(result.documents.length).toBe(seededDocuments(demo, 'anna@example.test').length);
});

test('inPage: the calls are made by fetch() inside the signed-in page, and the run says it used the browser', async () => {
	const definition = JSON.parse(readFileSync(demoDefinitionFile('demo-spa'), 'utf8'));
	definition.documents.api.inPage = true;
	const inPage = definitionPortal(parseDefinition(definition) as DefinitionSpec);
	const result = await run('anna@example.test', { portal: inPage });
	expect({ status: result.status, reason: result.reason, engine: result.engine }).toEqual({
		status: 'connected',
		reason: undefined,
		engine: 'browser',
	});
	expect(comparable(result.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
	for (const doc of result.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
	// A saved session: the run moves to the browser for the calls, and says why.
	const again = await run('anna@example.test', { portal: inPage, savedSession: result.session });
	expect(again).toMatchObject({ status: 'connected', loginPerformed: false, engine: 'browser' });
	expect(again.engineSwitch).toMatch(/documents\.api\.inPage/);
	expect(again.documents).toHaveLength(result.documents.length);
});

describe('with every browser hidden (INVOICE_PORTALS_BROWSER=none)', () => {
	hideBrowsers();

	test('a saved session lists and downloads over plain HTTP; Only New then delivers nothing', async () => {
		const ledger: LedgerData = { entries: {} };
		const loginsBefore = demo.state.passwordLogins.get('anna@example.test');
		const first = await run('anna@example.test', {
			savedSession: saved,
			collect: { isDelivered: (d) => new DeliveryLedger(ledger).has(d) },
		});
		expect({ status: first.status, reason: first.reason }).toEqual({
			status: 'connected',
			reason: undefined,
		});
		expect(first.loginPerformed).toBe(false);
		expect(first.engine).toBe('http');
		expect(demo.state.passwordLogins.get('anna@example.test')).toBe(loginsBefore);
		expect(comparable(first.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
		for (const doc of first.documents) {
			expect(doc.data.equals(fileOf(doc.number))).toBe(true);
			new DeliveryLedger(ledger).record(doc, doc.sha256);
		}
		const pagesBefore = demo.state.listPagesServed.length;
		const again = await run('anna@example.test', {
			savedSession: first.session ?? saved,
			collect: { isDelivered: (d) => new DeliveryLedger(ledger).has(d), listing: 'untilKnown' },
		});
		expect(again.status).toBe('connected');
		expect(again.documents).toEqual([]);
		expect(again.counts.alreadyDelivered).toBeGreaterThan(0);
		// The session check's call and the first page: the listing stopped there.
		expect(demo.state.listPagesServed.slice(pagesBefore).every((p) => p.page === 1)).toBe(true);
	});
});
