import { readFileSync } from 'node:fs';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
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

/**
 * The four ways documents.api fetches a file (issue 33), on the demo's /spa/ layout: an address
 * built from the item (urlTemplate), the file inside the JSON (base64Field), and a second call
 * that answers a signed address on a file host, as JSON or as a redirect, and an item's address
 * that redirects there. The file host (a `downloadDomains` host, reached directly as a file's
 * final GET or as a redirect's last hop: the engine's one rule for both) refuses any request
 * carrying a cookie or an Authorization header, and records what it received. Then the hostile cases: an endless cursor stops at maxPages, and an
 * answer over the JSON cap ends the run with a clear reason.
 */
const LOGIN = 'anna@example.test';
let demo: DemoPortal;
let session: string | undefined;

/** The app host of the definition (the run moves it to the demo's port, as the credential says). */
const APP = 'http://app.spa.localhost';

type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
const variant = (edit: Edit) => {
	const definition = JSON.parse(readFileSync(demoDefinitionFile('demo-spa'), 'utf8'));
	edit(definition);
	return definitionPortal(parseDefinition(definition) as DefinitionSpec);
};
const run = (edit: Edit) =>
	runPortal({
		portal: variant(edit),
		// The layout on its two hosts: the sign-in on login.spa.localhost, the API on app.
		baseUrl: `http://login.spa.localhost:${new URL(demo.url).port}/spa/login`,
		credentials: credentials(LOGIN),
		mode: 'download',
		// The same slug, so the session signed in once in the browser serves every variant over HTTP.
		savedSession: session,
	});
const fileOf = (number: string) =>
	pdfFor(
		{ state: demo.state } as RequestContext,
		demo.state.documents.find((d) => d.number === number)!,
	);
const everyFileExact = (result: Awaited<ReturnType<typeof run>>) => {
	expect({ status: result.status, reason: result.reason, failures: result.failures }).toEqual({
		status: 'connected',
		reason: undefined,
		failures: [],
	});
	expect(comparable(result.documents)).toEqual(seededDocuments(demo, LOGIN));
	for (const doc of result.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
};

beforeAll(async () => {
	demo = await startDemo();
	const first = await run(() => undefined);
	expect(first.status).toBe('connected');
	session = first.session;
});

test('urlTemplate: the address built from the item, fetched with the Bearer header', async () => {
	everyFileExact(
		await run(
			(d) => (d.documents.api.download = { urlTemplate: `${APP}/spa/api/invoices/{id}/pdf` }),
		),
	);
});

test('base64Field: the file inside the JSON', async () => {
	everyFileExact(
		await run((d) => {
			d.documents.api.request.query = { embed: 'content' };
			d.documents.api.download = { base64Field: 'document.content' };
		}),
	);
});

const fileHost = () => `files.spa-cdn.localhost:${new URL(demo.url).port}`;

describe.each([
	[
		'a second call answers the signed address as JSON',
		{ call: { url: `${APP}/spa/api/invoices/{id}/download`, urlField: 'signedUrl' } },
	],
	[
		'a second call redirects to the signed address',
		{ call: { url: `${APP}/spa/api/invoices/{id}/download?redirect=1`, urlField: 'signedUrl' } },
	],
	// The file's own address redirects there: the download host is the redirect's last hop.
	[
		"the item's address redirects to the signed address",
		{ urlTemplate: `${APP}/spa/api/invoices/{id}/download?redirect=1` },
	],
])('%s on a download host', (_, download) => {
	test('every file arrives, and the file host received no cookie, Authorization or other header of the portal', async () => {
		const visits = spaStore(demo.state).fileHostVisits;
		const before = visits.length;
		// The definition's own downloadDomains (*.spa-cdn.localhost) names the file host.
		const result = await run((d) => (d.documents.api.download = download));
		everyFileExact(result);
		const seen = visits.slice(before);
		expect(seen).toHaveLength(result.documents.length);
		for (const visit of seen) {
			expect(visit.host).toBe(fileHost());
			expect({ cookie: visit.cookie, authorization: visit.authorization }).toEqual({
				cookie: false,
				authorization: false,
			});
			// Nor any other header of the portal: no constant header, Referer or Origin.
			expect(visit.headers).toEqual([]);
		}
	});
});

test('without downloadDomains the signed address on another host is never requested', async () => {
	const visits = spaStore(demo.state).fileHostVisits;
	const before = visits.length;
	const result = await run((d) => {
		delete d.downloadDomains;
		d.documents.api.download = {
			call: { url: `${APP}/spa/api/invoices/{id}/download?redirect=1`, urlField: 'signedUrl' },
		};
	});
	expect(result.documents).toEqual([]);
	expect(result.failures.length).toBeGreaterThan(0);
	expect(new Set(result.failures.map((f) => f.reason))).toEqual(new Set(['NAVIGATION_BLOCKED']));
	expect(visits.length).toBe(before);
});

test.each([
	['the next address in the JSON (links.next)', { next: { path: 'links.next' } }],
	['an offset', { offset: { param: 'offset', size: 20 } }],
])('paging by %s reaches every document', async (_, paging) => {
	everyFileExact(await run((d) => (d.documents.api.paging = paging)));
});

test('a GraphQL query, paged by its cursor variable, reaches every document', async () => {
	const before = demo.state.listPagesServed.filter((p) => p.accountId === 'graphql').length;
	everyFileExact(
		await run((d) => {
			d.documents.api.request = {
				method: 'POST',
				url: `${APP}/spa/graphql`,
				graphql: {
					query:
						'query ($after: String) { invoices(first: 20, after: $after) { nodes { id number date due kind total { amount currency } account { id } files { pdf } } pageInfo { endCursor } } }',
				},
			};
			d.documents.api.items = 'data.invoices.nodes';
			d.documents.api.paging = {
				cursor: { param: 'after', path: 'data.invoices.pageInfo.endCursor' },
			};
		}),
	);
	const pages = demo.state.listPagesServed.filter((p) => p.accountId === 'graphql');
	// The session check's call, then both pages.
	expect(pages.slice(before).map((p) => p.page)).toEqual([1, 1, 2]);
	expect(demo.state.violations).toEqual([]);
});

test('a hostile endless cursor stops at maxPages', async () => {
	const served = () => demo.state.listPagesServed.filter((p) => p.accountId === 'feed').length;
	const before = served();
	const result = await run((d) => {
		d.documents.api.request = { url: `${APP}/spa/api/feed` };
		d.documents.api.paging = { cursor: { param: 'cursor', path: 'meta.next' }, maxPages: 7 };
	});
	expect(result.status).toBe('connected');
	// The session check's call, then seven pages of one document each.
	expect(served() - before).toBe(1 + 7);
	expect(result.documents).toHaveLength(7);
});

test('an API answer over the JSON cap (5 MB) ends the run with a reason that says so', async () => {
	const result = await run((d) => (d.documents.api.request = { url: `${APP}/spa/api/huge` }));
	expect(result.reason).toBe('PORTAL_UNAVAILABLE');
	expect(result.documents).toEqual([]);
	expect(result.message).toMatch(/answered more than 5 MB .*it was not read/);
});
