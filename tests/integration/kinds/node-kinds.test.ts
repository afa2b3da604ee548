import type { IDataObject } from 'n8n-workflow';
import { readPdfText } from '../../../portals/invoice-data/plain-pdf/pdf-text';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { startDemo } from '../../helpers/demo';
import { validators } from '../../helpers/output-schemas';
import { demoCredential, loadWorkflow } from '../../helpers/workflows';

/**
 * The /kinds/ documents through the Invoice Portal node on n8n's engine: each file's binary has
 * its kind's mime type and extension, the printed invoices say so in their JSON and file name,
 * and every item matches the Download operation's output schema (which the editor shows).
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

test('Download outputs XML, ZIP and CSV files with their own types, and printed invoices marked printed', async () => {
	const result = await runWorkflow(loadWorkflow('download.json'), {
		credentials: { 'cred-1': demoCredential(demo, 'anna@example.test', { portal: 'demo-kinds' }) },
	});
	expect(result.error('Invoice Portal')).toBeUndefined();
	const items = result.output('Invoice Portal', 0);
	const seen = items
		.map((item) => ({
			number: item.json.number,
			fileKind: item.json.fileKind,
			printed: item.json.printed ?? false,
			mimeType: item.binary?.data.mimeType,
			fileName: item.binary?.data.fileName,
		}))
		.sort((a, b) => String(a.number).localeCompare(String(b.number)));
	const row = (n: string, date: string, kind: string, mimeType: string, printed = false) => ({
		number: n,
		fileKind: kind,
		printed,
		mimeType,
		fileName: `${date}_demo-kinds_${n}.${printed ? 'printed.' : ''}${kind}`,
	});
	expect(seen).toEqual([
		row('K-2026-001', '2026-06-01', 'pdf', 'application/pdf'),
		row('K-2026-002', '2026-05-01', 'xml', 'application/xml'),
		row('K-2026-003', '2026-04-01', 'zip', 'application/zip'),
		row('K-2026-004', '2026-03-01', 'csv', 'text/csv'),
		row('K-2026-011', '2026-06-15', 'pdf', 'application/pdf', true),
		row('K-2026-012', '2026-05-15', 'pdf', 'application/pdf', true),
	]);
	const printed = items.find((i) => i.json.number === 'K-2026-011')!;
	const text = await readPdfText(await binaryBuffer(printed));
	expect(text.pages.flatMap((p) => p.items.map((i) => i.s)).join(' ')).toContain('K-2026-011');
	const csv = items.find((i) => i.json.number === 'K-2026-004')!;
	expect((await binaryBuffer(csv)).toString()).toContain('K-2026-004;"Monthly fee; fibre"');
	const validate = validators()('__schema__/v1.0.0/document/download.json');
	for (const item of items) {
		validate(JSON.parse(JSON.stringify(item.json)) as IDataObject);
		expect(validate.errors ?? []).toEqual([]);
	}
});
