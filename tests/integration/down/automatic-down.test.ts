import { runPortal } from '../../../portals/core/run/portal-run';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { definitionProblems } from '../../../portals/definitions/validate';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import { detailRequests } from '../../../testbeds/demo-portal/down-layout';
import { comparable, credentials, seededDocuments, startDemo } from '../../helpers/demo';

/**
 * Automatic on the demo portal's /down/ layout (issue 33, "one level down"), given only the login
 * URL and the credentials: its list's rows show number, date and amount but link to a detail page
 * per document, which holds the PDF link. Discovery follows one row's link, finds the one PDF
 * link there and writes `download.detail`; every document arrives byte for byte, and a later run
 * with Only New, on the kept definition, opens no detail page at all.
 */
const LOGIN = 'anna@example.test';
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const fileOf = (number: string) => {
	const doc = demo.state.documents.find((d) => d.number === number)!;
	return pdfFor({ state: demo.state } as RequestContext, doc);
};

test('Automatic learns download.detail, downloads every document, and Only New then opens no detail page', async () => {
	const portal = automaticPortal({ loginUrl: `${demo.url}/down/login` });
	const ledger: LedgerData = { entries: {} };
	const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) =>
		new DeliveryLedger(ledger).has(d);
	const details = detailRequests(demo.state);
	details.length = 0;
	const first = await runPortal({
		portal,
		credentials: credentials(LOGIN),
		mode: 'download',
		collect: { isDelivered },
	});
	expect({ status: first.status, reason: first.reason, message: first.message }).toEqual({
		status: 'connected',
		reason: undefined,
		message: 'Connected.',
	});
	const definition = (first.learned as AutomaticLearned).definition!;
	expect(definitionProblems(definition)).toEqual([]);
	expect(definition.documents.download).toEqual({
		detail: {
			open: { selector: expect.stringMatching(/a/), attribute: 'href' },
			link: { selector: 'a.download', attribute: 'href' },
		},
	});
	expect(comparable(first.documents)).toEqual(seededDocuments(demo, LOGIN));
	for (const doc of first.documents) {
		expect(doc.data.equals(fileOf(doc.number))).toBe(true);
		new DeliveryLedger(ledger).record(doc, doc.sha256);
	}
	// Discovery opened a few detail pages at most; the run one per document.
	const learning = details.length - first.documents.length;
	expect(learning).toBeGreaterThanOrEqual(1);
	expect(learning).toBeLessThanOrEqual(3);
	// Read-only: nothing forbidden was followed, and the only form sent is the sign-in's.
	expect(demo.state.violations).toEqual([]);
	expect([...new Set(demo.state.formsReceived)]).toEqual(['POST /down/login']);

	details.length = 0;
	const again = await runPortal({
		portal,
		credentials: credentials(LOGIN),
		mode: 'download',
		learned: first.learned,
		savedSession: first.session,
		collect: { isDelivered, listing: 'untilKnown' },
	});
	expect(again.status).toBe('connected');
	expect(again.documents).toEqual([]);
	expect(again.counts.alreadyDelivered).toBe(first.documents.length);
	expect(details).toEqual([]);
});

test('Automatic on a list whose file links are in a popover: one press, download.detail.press, every file in the browser', async () => {
	demo.state.formsReceived.length = 0;
	const result = await runPortal({
		portal: automaticPortal({ loginUrl: `${demo.url}/down/menu-only/login` }),
		credentials: credentials(LOGIN),
		mode: 'download',
	});
	expect({ status: result.status, reason: result.reason, message: result.message }).toEqual({
		status: 'connected',
		reason: undefined,
		message: 'Connected.',
	});
	const definition = (result.learned as AutomaticLearned).definition!;
	expect(definitionProblems(definition)).toEqual([]);
	expect(definition.documents.url).toBe('/down/menu');
	expect(definition.documents.download).toEqual({
		detail: { press: 'button.more', link: { selector: 'a.file', attribute: 'href' } },
	});
	expect(result.engine).toBe('browser');
	expect(comparable(result.documents)).toEqual(seededDocuments(demo, LOGIN));
	for (const doc of result.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
	expect(demo.state.violations).toEqual([]);
	expect([...new Set(demo.state.formsReceived)]).toEqual(['POST /down/menu-only/login']);
});
