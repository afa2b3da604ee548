import { readFileSync } from 'node:fs';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import { definitionProblems, parseDefinition } from '../../../portals/definitions/validate';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { ENV_BROWSER } from '../../../portals/core/browser/finder';
import { readPdfText } from '../../../portals/invoice-data/plain-pdf/pdf-text';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, demoDefinitionFile, startDemo } from '../../helpers/demo';

/**
 * Issue 33, "HTML invoices": where the portal shows an invoice as a page and offers no file, the
 * browser prints that page to PDF. The item says `printed: true` and its file name `.printed.pdf`;
 * a page that does not show the row's number is never printed in its place; without a browser
 * the run says why it needs one.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const demoKinds = parseDefinition(
	JSON.parse(readFileSync(demoDefinitionFile('demo-kinds'), 'utf8')),
) as DefinitionSpec;

const run = (spec: DefinitionSpec = demoKinds) =>
	runPortal({
		portal: definitionPortal(spec),
		baseUrl: demo.url,
		credentials: credentials('anna@example.test'),
		mode: 'download',
	});

const hostile = (): DefinitionSpec => ({
	...demoKinds,
	documents: { ...demoKinds.documents, url: '/kinds/documents?hostile=1' },
});

async function pdfText(body: Buffer): Promise<string> {
	const text = await readPdfText(body);
	return text.pages.flatMap((p) => p.items.map((i) => i.s)).join(' ');
}

// First: a browser another test of this file started would still be running.
test('printing needs the browser: auto starts there, http is refused, and a hidden browser says why', async () => {
	const portal = definitionPortal(demoKinds);
	expect(portal.engine).toBe('browser');
	expect(portal.browserBecause).toBe(
		'its invoices are pages printed to PDF in the browser (documents.download.print)',
	);
	expect(definitionProblems({ ...demoKinds, engine: 'http' })).toEqual([
		{
			field: 'engine',
			message:
				'is http, but documents.download.print needs the browser (it prints the invoice page to PDF); use auto or browser',
		},
	]);
	const before = process.env[ENV_BROWSER];
	process.env[ENV_BROWSER] = 'none';
	try {
		await expect(run()).rejects.toMatchObject({
			code: 'BROWSER_UNAVAILABLE',
			message: expect.stringMatching(
				/^This portal needs a browser \(its invoices are pages printed to PDF in the browser \(documents\.download\.print\)\)\. Browsers are switched off here/,
			),
		});
	} finally {
		if (before === undefined) delete process.env[ENV_BROWSER];
		else process.env[ENV_BROWSER] = before;
	}
});

test('invoices that are pages are printed to PDF in the browser, marked printed, beside the portal own files', async () => {
	const result = await run();
	expect({ status: result.status, failures: result.failures }).toEqual({
		status: 'connected',
		failures: [],
	});
	expect(result.engine).toBe('browser');
	const printed = result.documents.filter((d) => d.printed);
	expect(
		printed.map((d) => ({
			number: d.number,
			fileName: d.fileName,
			mime: d.mimeType,
			kind: d.fileKind,
		})),
	).toEqual([
		{
			number: 'K-2026-011',
			fileName: '2026-06-15_demo-kinds_K-2026-011.printed.pdf',
			mime: 'application/pdf',
			kind: 'pdf',
		},
		{
			number: 'K-2026-012',
			fileName: '2026-05-15_demo-kinds_K-2026-012.printed.pdf',
			mime: 'application/pdf',
			kind: 'pdf',
		},
	]);
	for (const doc of printed) {
		expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
		const text = await pdfText(doc.data);
		expect(text).toContain(doc.number);
		expect(text).toContain(`EUR ${doc.amount!.toFixed(2)}`);
	}
	// The portal's own files are not marked printed, whatever their kind.
	expect(
		result.documents
			.filter((d) => !d.printed)
			.map((d) => [d.number, d.fileKind, 'printed' in d])
			.sort(),
	).toEqual([
		['K-2026-001', 'pdf', false],
		['K-2026-002', 'xml', false],
		['K-2026-003', 'zip', false],
		['K-2026-004', 'csv', false],
	]);
});

test("a page showing another invoice's number is not printed in its place; the rest arrive", async () => {
	const result = await run(hostile());
	const page = result.failures.find((f) => f.number === 'K-2026-013');
	expect(page).toEqual({
		documentId: expect.any(String),
		number: 'K-2026-013',
		reason: 'DOWNLOAD_FAILED',
		message: expect.stringMatching(
			/^The invoice page .*\/kinds\/invoice\/K-2026-013 does not show K-2026-013: it was not printed/,
		),
	});
	expect(result.documents.map((d) => d.number).sort()).toEqual([
		'K-2026-001',
		'K-2026-002',
		'K-2026-003',
		'K-2026-004',
		'K-2026-011',
		'K-2026-012',
	]);
	expect(result.failures.map((f) => f.number).sort()).toEqual([
		'K-2026-005',
		'K-2026-006',
		'K-2026-007',
		'K-2026-013',
	]);
});

test('an invoice page on another site is never opened: nothing is printed and nothing reaches that host', async () => {
	const port = new URL(demo.url).port;
	const elsewhere = `www.other-site.localhost:${port}`;
	const spec: DefinitionSpec = {
		...demoKinds,
		documents: {
			...demoKinds.documents,
			download: {
				...demoKinds.documents.download,
				print: { open: { value: `http://${elsewhere}/kinds/invoice/K-2026-011` } },
			},
		},
	};
	demo.state.hostsSeen.clear();
	const result = await run(spec);
	expect(result.documents.filter((d) => d.printed)).toEqual([]);
	expect(result.failures.map((f) => [f.number, f.reason, f.message]).sort()).toEqual(
		['K-2026-011', 'K-2026-012'].map((number) => [
			number,
			'NAVIGATION_BLOCKED',
			`The invoice page of ${number} is on ${elsewhere}, outside the portal's domains: it was not opened.`,
		]),
	);
	expect([...demo.state.hostsSeen]).not.toContain(elsewhere);
	expect(result.documents.map((d) => d.number).sort()).toEqual([
		'K-2026-001',
		'K-2026-002',
		'K-2026-003',
		'K-2026-004',
	]);
});
