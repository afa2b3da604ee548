import { readFileSync } from 'node:fs';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { RequestContext } from '../../../testbeds/demo-portal/auth-routes';
import { pdfFor } from '../../../testbeds/demo-portal/document-routes';
import { detailRequests, elsewhereRequests } from '../../../testbeds/demo-portal/down-layout';
import {
	comparable,
	credentials,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';

/**
 * One level down (issue 33): the demo-down definition on the demo portal's /down/ layout, whose
 * rows link to a detail page holding the PDF link (documents.download.detail.open), and its
 * /down/menu list, whose PDF link is in a menu a script draws when the row's button is pressed
 * (detail.press). Every document arrives with its number, date, amount and type, byte for byte;
 * detail pages are opened only for documents the run delivers, so a second run with Only New
 * opens none; a detail page linking to another site gets nothing fetched there.
 */
const LOGIN = 'anna@example.test';
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const definition = (): DefinitionSpec =>
	parseDefinition(
		JSON.parse(readFileSync(demoDefinitionFile('demo-down'), 'utf8')),
		'demo-down',
	) as DefinitionSpec;

const run = (spec: DefinitionSpec, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal: definitionPortal(spec),
		baseUrl: `${demo.url}/down/login`,
		credentials: credentials(LOGIN),
		mode: 'download',
		...extra,
	});

const fileOf = (number: string) => {
	const doc = demo.state.documents.find((d) => d.number === number)!;
	return pdfFor({ state: demo.state } as RequestContext, doc);
};

describe.each(['http', 'browser'] as const)('%s engine', (engine) => {
	test('every document through its detail page; Only New then opens no detail page', async () => {
		const spec = { ...definition(), engine };
		const ledger: LedgerData = { entries: {} };
		const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) =>
			new DeliveryLedger(ledger).has(d);
		const details = detailRequests(demo.state);
		details.length = 0;
		const first = await run(spec, { collect: { isDelivered } });
		expect({ status: first.status, reason: first.reason, message: first.message }).toEqual({
			status: 'connected',
			reason: undefined,
			message: 'Connected.',
		});
		expect(first.engine).toBe(engine);
		expect(comparable(first.documents)).toEqual(seededDocuments(demo, LOGIN));
		for (const doc of first.documents) {
			expect(doc.data.equals(fileOf(doc.number))).toBe(true);
			new DeliveryLedger(ledger).record(doc, doc.sha256);
		}
		// One detail page per document, each once.
		expect(details).toHaveLength(first.documents.length);
		expect(new Set(details).size).toBe(details.length);

		details.length = 0;
		const again = await run(spec, {
			savedSession: first.session,
			collect: { isDelivered, listing: 'untilKnown' },
		});
		expect(again.status).toBe('connected');
		expect(again.documents).toEqual([]);
		expect(again.counts.alreadyDelivered).toBe(first.documents.length);
		expect(details).toEqual([]);
	});
});

test('a filter opens the detail pages of the documents it keeps, no others', async () => {
	const details = detailRequests(demo.state);
	details.length = 0;
	const result = await run(
		{ ...definition(), engine: 'http' },
		{
			filters: { types: ['credit_note'] },
		},
	);
	expect(result.status).toBe('connected');
	const wanted = seededDocuments(demo, LOGIN, (d) => d.type === 'credit_note');
	expect(wanted.length).toBeGreaterThan(0);
	expect(comparable(result.documents)).toEqual(wanted);
	expect(details).toHaveLength(wanted.length);
});

test.each(['http', 'browser'] as const)(
	'%s engine: a hostile detail page links to another site: refused, nothing is fetched there',
	async (engine) => {
		const base = definition();
		const spec: DefinitionSpec = {
			...base,
			engine,
			documents: { ...base.documents, url: '/down/hostile' },
		};
		const elsewhere = elsewhereRequests(demo.state);
		elsewhere.length = 0;
		const result = await run(spec);
		expect(result.documents).toEqual([]);
		// Every document fails on its own, saying where the page led; the run itself went on.
		expect(result.failures).toHaveLength(seededDocuments(demo, LOGIN).length);
		for (const failure of result.failures) {
			expect(failure.reason).toBe('NAVIGATION_BLOCKED');
			expect(failure.message).toMatch(/files\.elsewhere\.localhost.*not sent/);
		}
		expect(elsewhere).toEqual([]);
	},
);

/** The menu list (/down/menu): each row's "More actions" button draws the PDF link with a script. */
function menuDefinition(engine: DefinitionSpec['engine']): DefinitionSpec {
	const base = definition();
	return {
		...base,
		engine,
		documents: {
			...base.documents,
			url: '/down/menu',
			download: {
				detail: { press: 'button.more', link: { selector: 'div.menu a.file', attribute: 'href' } },
			},
		},
	};
}

test('browser: the PDF link in a menu a script draws when the row button is pressed', async () => {
	const result = await run(menuDefinition('browser'));
	expect({ status: result.status, reason: result.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect(comparable(result.documents)).toEqual(seededDocuments(demo, LOGIN));
	for (const doc of result.documents) expect(doc.data.equals(fileOf(doc.number))).toBe(true);
});

test('http engine: a popover a script draws cannot be read; each document says it needs the browser', async () => {
	const result = await run(menuDefinition('http'));
	expect(result.documents).toEqual([]);
	expect(result.failures).toHaveLength(seededDocuments(demo, LOGIN).length);
	expect(result.failures[0]).toMatchObject({
		reason: 'LAYOUT_CHANGED',
		message: expect.stringMatching(/in a popover a script draws; this needs the browser/),
	});
});
