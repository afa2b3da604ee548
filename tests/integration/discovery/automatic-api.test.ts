import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import { comparable, credentials, seededDocuments, startDemo } from '../../helpers/demo';
import { hideBrowsers } from '../../helpers/hide-browsers';

/**
 * Automatic on the demo portal's /spa/ layout (issue 33): given only the sign-in page's address
 * and the credentials, it signs in in the browser, learns the app's JSON API (the list, its pages,
 * the PDF addresses, the Bearer token kept in sessionStorage) and downloads every document byte
 * for byte; a later run with the saved session and the kept definition signs in no more and
 * lists and downloads over plain HTTP, with every browser hidden.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const run = (login: string, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal: automaticPortal({ loginUrl: `${demo.url}/spa/login` }),
		credentials: credentials(login),
		mode: 'download',
		...extra,
	});

const fileOf = (number: string) =>
	pdfFor(
		{ state: demo.state } as RequestContext,
		demo.state.documents.find((d) => d.number === number)!,
	);

let first: Awaited<ReturnType<typeof run>>;

test('the first run discovers the API and downloads every document byte for byte', async () => {
	first = await run('anna@example.test');
	expect({ status: first.status, reason: first.reason, message: first.message }).toMatchObject({
		status: 'connected',
		reason: undefined,
	});
	expect(comparable(first.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
	for (const doc of first.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
	const { definition } = first.learned as AutomaticLearned;
	// One contract's files inline, the other's through a second call the app made for one row;
	// the contracts from the app's own accounts call; the app's constant client header.
	expect(definition!.documents.api).toMatchObject({
		request: { url: '/spa/api/invoices', query: { account: '{account}' } },
		accounts: { request: { url: '/spa/api/accounts' }, items: 'data', id: 'id', name: 'name' },
		items: 'data',
		download: {
			base64Field: 'document.content',
			call: { url: '/spa/api/invoices/{id}/download', urlField: 'signedUrl' },
		},
		auth: {
			headers: {
				Authorization: { template: 'Bearer {value}', from: { sessionStorage: 'token' } },
				'X-Client': { value: 'web-2.1' },
			},
		},
	});
	expect(definition!.downloadDomains).toEqual([
		`files.spa-cdn.localhost:${new URL(demo.url).port}`,
	]);
	expect(first.discovery!.join('\n')).toMatch(
		/✓ api: GET \/spa\/api\/invoices\?account=CUST-1001&page=1 → data/,
	);
	expect(demo.state.violations).toEqual([]);
});

test('an authenticator account: the code is answered while discovering', async () => {
	const result = await run('tom@example.test', { mode: 'list' });
	expect(result.status).toBe('connected');
	expect(comparable(result.selected)).toEqual(seededDocuments(demo, 'tom@example.test'));
});

describe('with every browser hidden (INVOICE_PORTALS_BROWSER=none)', () => {
	hideBrowsers();

	test('a later run with the saved session and the kept definition lists and downloads over plain HTTP', async () => {
		const logins = demo.state.passwordLogins.get('anna@example.test');
		const later = await run('anna@example.test', {
			savedSession: first.session,
			learned: first.learned,
			engine: first.engine,
		});
		expect({ status: later.status, reason: later.reason }).toEqual({
			status: 'connected',
			reason: undefined,
		});
		expect(later.loginPerformed).toBe(false);
		expect(later.engine).toBe('http');
		expect(later.discovery).toEqual([]);
		expect(demo.state.passwordLogins.get('anna@example.test')).toBe(logins);
		expect(comparable(later.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
		for (const doc of later.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
	});
});
