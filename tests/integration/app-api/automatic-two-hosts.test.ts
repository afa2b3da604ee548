import { runPortal } from '../../../portals/core/run/portal-run';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import { comparable, credentials, seededDocuments, startDemo } from '../../helpers/demo';
import { hideBrowsers } from '../../helpers/hide-browsers';

/**
 * Automatic on /spa/ by its own names (issue 33, section 5): the sign-in page posts JSON on
 * login.spa.localhost and lands on the app on app.spa.localhost, which alone answers the API.
 * Given only the sign-in address, the run follows the sign-in to the app host, learns the API
 * there and downloads every document byte for byte; the definition it keeps names both hosts. A
 * later run with the saved session lists and downloads over plain HTTP with every browser hidden.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

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
	for (const doc of result.documents) {
		const seeded = demo.state.documents.find((d) => d.number === doc.number)!;
		expect(doc.data.equals(pdfFor({ state: demo.state } as RequestContext, seeded))).toBe(true);
	}
	const definition = (result.learned as AutomaticLearned).definition!;
	expect(definition.domains).toEqual([`login.spa.localhost:${port}`, `app.spa.localhost:${port}`]);
	expect(definition.documents.api!.request.url).toBe(
		`http://app.spa.localhost:${port}/spa/api/invoices`,
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
	});
});
