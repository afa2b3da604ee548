import { runPortal } from '../../../portals/core/run/portal-run';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import { spaStore } from '../../../testbeds/demo-portal/spa-api-layout';
import { comparable, credentials, seededDocuments, startDemo } from '../../helpers/demo';
import { hideBrowsers } from '../../helpers/hide-browsers';

/**
 * Automatic on /spa/ by its own names (issue 33, section 5): the sign-in page posts JSON on
 * login.spa.localhost and lands on the app on app.spa.localhost, which alone answers the API
 * (with its constant x-client header). The app lists two contracts as links; the first one's
 * PDFs are base64 inside the JSON, the other's come through a signed address on
 * files.spa-cdn.localhost, another site. Given only the sign-in address, the run follows the
 * sign-in to the app host, learns the API, its contracts and both kinds of file there, and
 * downloads every document byte for byte with the right numbers, dates, amounts, types and
 * contracts, reaching the file host in the same run with nothing of the portal's. A later run with
 * the saved session does the same over plain HTTP with every browser hidden.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

/** The demo's own file of a document: what the portal serves for it. */
const fileOf = (number: string) =>
	pdfFor(
		{ state: demo.state } as RequestContext,
		demo.state.documents.find((d) => d.number === number)!,
	);

const loginUrl = () => `http://login.spa.localhost:${new URL(demo.url).port}/spa/login`;
let first: Awaited<ReturnType<typeof runPortal>>;

test('signs in on the login host, learns the API on the app host, and downloads every document', async () => {
	const port = new URL(demo.url).port;
	const result = await runPortal({
		portal: automaticPortal({ loginUrl: loginUrl() }),
		credentials: credentials('anna@example.test'),
		mode: 'download',
	});
	first = result;
	expect({ status: result.status, reason: result.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect(comparable(result.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
	for (const doc of result.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
	const definition = (result.learned as AutomaticLearned).definition!;
	expect(definition.domains).toEqual([`login.spa.localhost:${port}`, `app.spa.localhost:${port}`]);
	const app = `http://app.spa.localhost:${port}`;
	expect(definition.documents.api).toMatchObject({
		request: { url: `${app}/spa/api/invoices`, query: { account: '{account}' } },
		accounts: { request: { url: `${app}/spa/api/accounts` }, id: 'id' },
		download: {
			base64Field: 'document.content',
			call: { url: `${app}/spa/api/invoices/{id}/download`, urlField: 'signedUrl' },
		},
		auth: { headers: { 'X-Client': { value: 'web-2.1' } } },
	});
	// The file host was learned in this run and used by it: only for the second contract's
	// files, each a bare GET (no cookie, no Authorization, not the constant X-Client header).
	expect(definition.downloadDomains).toEqual([`files.spa-cdn.localhost:${port}`]);
	// The accounts call's names, learned with it: each document names its contract.
	expect(Object.fromEntries(result.documents.map((d) => [d.accountId, d.accountName]))).toEqual(
		Object.fromEntries(
			demo.state.account('anna@example.test')!.subAccounts.map((s) => [s.id, s.label]),
		),
	);
	const second = result.documents.filter((d) => d.accountId === 'CUST-1002').length;
	expect(second).toBeGreaterThan(0);
	const visits = spaStore(demo.state).fileHostVisits;
	expect(visits.map((v) => ({ ...v, host: v.host.split(':')[0] }))).toEqual(
		Array(second).fill({
			host: 'files.spa-cdn.localhost',
			cookie: false,
			authorization: false,
			headers: [],
		}),
	);
	expect(demo.state.violations).toEqual([]);
});

describe('with every browser hidden (INVOICE_PORTALS_BROWSER=none)', () => {
	hideBrowsers();

	test('a later run with the saved session and the kept definition stays on plain HTTP', async () => {
		const logins = demo.state.passwordLogins.get('anna@example.test');
		const later = await runPortal({
			portal: automaticPortal({ loginUrl: loginUrl() }),
			credentials: credentials('anna@example.test'),
			mode: 'download',
			savedSession: first.session,
			learned: first.learned,
			engine: first.engine,
		});
		expect({ status: later.status, reason: later.reason }).toEqual({
			status: 'connected',
			reason: undefined,
		});
		expect({ engine: later.engine, loginPerformed: later.loginPerformed }).toEqual({
			engine: 'http',
			loginPerformed: false,
		});
		expect(demo.state.passwordLogins.get('anna@example.test')).toBe(logins);
		expect(comparable(later.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
		for (const doc of later.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
		expect(
			spaStore(demo.state).fileHostVisits.filter(
				(v) => v.cookie || v.authorization || v.headers.length > 0,
			),
		).toEqual([]);
	});
});
