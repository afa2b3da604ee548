import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import { definitionProblems, parseDefinition } from '../../../portals/definitions/validate';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import type { FileKind } from '../../../portals/core/contract/file-kinds';
import { zipEntries } from '../../../portals/core/collection/zip-directory';
import { parseXml } from '../../../portals/invoice-data/xml/parse-xml';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, demoDefinitionFile, startDemo } from '../../helpers/demo';
import { readFileSync } from 'node:fs';

/**
 * Issue 33, "not only PDFs": the demo's /kinds/ layout offers a PDF, an XML e-invoice, a ZIP
 * archive and a CSV statement; each is delivered with its kind, mime type and extension, over
 * plain HTTP and in the browser. What a portal hands over instead of a document (an error page
 * served as XML, a ZIP bomb, HTML served as CSV) is refused with its reason, and the other
 * documents still arrive. A kind the definition does not accept is not delivered.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const demoKinds = parseDefinition(
	JSON.parse(readFileSync(demoDefinitionFile('demo-kinds'), 'utf8')),
) as DefinitionSpec;

/** The files list only (no invoice page to print), on one engine, accepting `accepts`. */
function filesOnly(
	engine: 'http' | 'browser',
	accepts: FileKind[] | undefined,
	hostile = false,
): DefinitionSpec {
	const download = { ...demoKinds.documents.download };
	delete download.print;
	const documents = {
		...demoKinds.documents,
		url: `/kinds/files${hostile ? '?hostile=1' : ''}`,
		download,
	};
	if (accepts) documents.accepts = accepts;
	else delete documents.accepts;
	return { ...demoKinds, engine, documents };
}

const run = (spec: DefinitionSpec) => {
	expect(definitionProblems(spec)).toEqual([]);
	return runPortal({
		portal: definitionPortal(spec),
		baseUrl: demo.url,
		credentials: credentials('anna@example.test'),
		mode: 'download',
	});
};

const delivered = (result: Awaited<ReturnType<typeof run>>) =>
	result.documents
		.map((d) => ({
			number: d.number,
			fileKind: d.fileKind,
			mimeType: d.mimeType,
			fileName: d.fileName,
		}))
		.sort((a, b) => a.number.localeCompare(b.number));

const GOOD = [
	{
		number: 'K-2026-001',
		fileKind: 'pdf',
		mimeType: 'application/pdf',
		fileName: '2026-06-01_demo-kinds_K-2026-001.pdf',
	},
	{
		number: 'K-2026-002',
		fileKind: 'xml',
		mimeType: 'application/xml',
		fileName: '2026-05-01_demo-kinds_K-2026-002.xml',
	},
	{
		number: 'K-2026-003',
		fileKind: 'zip',
		mimeType: 'application/zip',
		fileName: '2026-04-01_demo-kinds_K-2026-003.zip',
	},
	{
		number: 'K-2026-004',
		fileKind: 'csv',
		mimeType: 'text/csv',
		fileName: '2026-03-01_demo-kinds_K-2026-004.csv',
	},
];

test.each(['http', 'browser'] as const)(
	'%s engine: a PDF, an XML e-invoice, a ZIP and a CSV statement, each with its kind, type and the bytes served',
	async (engine) => {
		const result = await run(filesOnly(engine, ['pdf', 'xml', 'zip', 'csv']));
		expect({ status: result.status, failures: result.failures }).toEqual({
			status: 'connected',
			failures: [],
		});
		expect(delivered(result)).toEqual(GOOD);
		const byNumber = new Map(result.documents.map((d) => [d.number, d.data]));
		expect(byNumber.get('K-2026-001')!.subarray(0, 5).toString()).toBe('%PDF-');
		// The XML is the demo's CII e-invoice of that number, as the invoice-data reader reads it.
		const cii = parseXml(byNumber.get('K-2026-002')!);
		expect(cii.name).toBe('CrossIndustryInvoice');
		expect(byNumber.get('K-2026-002')!.toString()).toContain('<ram:ID>K-2026-002</ram:ID>');
		expect(zipEntries(byNumber.get('K-2026-003')!).map((e) => e.name)).toEqual([
			'K-2026-003.pdf',
			'K-2026-003.xml',
		]);
		expect(byNumber.get('K-2026-004')!.toString().split('\r\n')[0]).toBe(
			'Date;Reference;Description;Amount',
		);
		expect(result.counts).toMatchObject({ found: 4, downloaded: 4, failed: 0 });
	},
);

test('hostile files are refused with their reason; the documents beside them still arrive', async () => {
	const result = await run(filesOnly('http', ['pdf', 'xml', 'zip', 'csv'], true));
	expect(delivered(result)).toEqual(GOOD);
	expect(
		result.failures
			.map((f) => ({ number: f.number, reason: f.reason, message: f.message }))
			.sort((a, b) => a.number.localeCompare(b.number)),
	).toEqual([
		{
			number: 'K-2026-005',
			reason: 'INVALID_FILE',
			message:
				'The portal sent a web page instead of a document (often its login page after the session ended).',
		},
		{
			number: 'K-2026-006',
			reason: 'INVALID_FILE',
			message: expect.stringMatching(/^The ZIP archive declares more than \d+ bytes once unpacked/),
		},
		{
			number: 'K-2026-007',
			reason: 'INVALID_FILE',
			message: 'The portal sent a web page (HTML markup) instead of a CSV file.',
		},
	]);
	expect(result.counts).toMatchObject({ found: 7, downloaded: 4, failed: 3 });
	expect(result.status).toBe('connected');
});

test('accepts narrows: a CSV the definition does not take is neither delivered nor counted as delivered', async () => {
	const result = await run(filesOnly('http', ['pdf', 'xml', 'zip']));
	expect(delivered(result)).toEqual(GOOD.filter((d) => d.fileKind !== 'csv'));
	expect(result.failures).toEqual([
		{
			documentId: expect.any(String),
			number: 'K-2026-004',
			reason: 'INVALID_FILE',
			message: expect.stringContaining(
				'a CSV file, which this portal does not take (it takes pdf, xml, zip)',
			),
		},
	]);
	expect(result.counts).toMatchObject({ downloaded: 3, failed: 1 });
});

test('without accepts a definition takes PDFs alone, as before', async () => {
	const result = await run(filesOnly('http', undefined));
	expect(delivered(result)).toEqual(GOOD.filter((d) => d.fileKind === 'pdf'));
	expect(result.failures.map((f) => f.number).sort()).toEqual([
		'K-2026-002',
		'K-2026-003',
		'K-2026-004',
	]);
});
