import type { INodeExecutionData } from 'n8n-workflow';
import { readInvoiceFile } from '../../../portals/invoice-data';
import type { DemoDocument } from '../../../testbeds/demo-portal/seed';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { latestCode } from '../../helpers/demo';
import { documents, TRIGGER, triggerBed, wake } from '../../helpers/trigger';
import { demoCredential, downloadEverything, withParameters } from '../../helpers/workflows';

/*
 * The Read Invoice Data option of Download and of the trigger, through n8n's engine, against the
 * demo portal: Tom's sub-account CUST-2001 sends its invoices as Factur-X hybrid PDFs (seed.json,
 * testbeds/demo-portal/factur-x.ts), his other documents are plain PDFs.
 */
const bed = triggerBed();
const TOM = 'tom@example.test';

const portalDoc = (item: INodeExecutionData): DemoDocument =>
	bed.demo.state.documents.find((d) => d.number === item.json.number && d.login === TOM)!;
const isHybrid = (doc: DemoDocument) => doc.type === 'invoice' && doc.accountId === 'CUST-2001';

/** What every delivered item must carry: the portal's facts in the e-invoice, or "not one". */
function expectInvoiceData(items: INodeExecutionData[]): void {
	for (const item of items) {
		const doc = portalDoc(item);
		if (isHybrid(doc))
			expect(item.json.invoice).toMatchObject({
				isEInvoice: true,
				number: doc.number,
				issueDate: doc.issueDate,
				dueDate: doc.dueDate,
				currency: 'EUR',
				totals: { payable: doc.amount },
				source: { container: 'pdf', attachmentName: 'factur-x.xml', profile: 'EN 16931' },
				// The schema (XSD) checked too, as the official validators do.
				validation: {
					status: 'valid',
					findings: [],
					schema: 'UN/CEFACT CII D16B',
					rulesChecked: expect.arrayContaining(['XSD', 'BR-CO-15']),
				},
			});
		else
			expect(item.json.invoice).toMatchObject({
				isEInvoice: false,
				error: { code: 'no-embedded-invoice' },
			});
	}
}

test('Download with Read Invoice Data: the hybrid invoices carry their e-invoice, the plain documents say they are none, every file still arrives', async () => {
	const workflow = downloadEverything();
	const on = withParameters(workflow, 'Invoice Portal', {
		...workflow.nodes[1].parameters,
		options: { readInvoiceData: true },
	});
	const run = await runWorkflow(on, { credentials: { 'cred-1': demoCredential(bed.demo, TOM) } });
	expect(run.error('Invoice Portal')).toBeUndefined();
	const items = run.output('Invoice Portal');
	expect(items).toHaveLength(28);
	const hybrid = items.filter((i) => isHybrid(portalDoc(i)));
	expect(hybrid.length).toBeGreaterThanOrEqual(5);
	expect(hybrid.length).toBeLessThan(items.length);
	expectInvoiceData(items);
	// The totals add up (net + VAT + rounding = the portal's amount), in exact cents.
	for (const item of hybrid) {
		const { totals } = item.json.invoice as { totals: Record<string, number> };
		const cents = (n = 0) => Math.round(n * 100);
		expect(cents(totals.taxExclusive) + cents(totals.vat)).toBe(cents(totals.taxInclusive));
		expect(cents(totals.taxInclusive) + cents(totals.rounding)).toBe(cents(totals.payable));
	}
	// The file is the PDF as downloaded: it reads the same outside n8n.
	const [first] = hybrid;
	expect(await readInvoiceFile(await binaryBuffer(first))).toMatchObject({
		number: first.json.number,
	});
	expect(first.binary?.data?.mimeType).toBe('application/pdf');

	// Off (the default): no invoice field, the same files.
	const off = await runWorkflow(workflow, {
		credentials: { 'cred-1': demoCredential(bed.demo, TOM) },
	});
	const plain = off.output('Invoice Portal');
	expect(plain.map((i) => i.json.sha256)).toEqual(items.map((i) => i.json.sha256));
	expect(plain.filter((i) => 'invoice' in i.json)).toEqual([]);
});

test('the trigger with Read Invoice Data: every new document carries "invoice"', async () => {
	const conn = bed.connection('cred-trigger-invoices', TOM, { options: { readInvoiceData: true } });
	const run = await wake(conn, '2026-11-23T10:00');
	const delivered = documents(run);
	expect(delivered.length).toBeGreaterThan(0);
	expect(delivered.some((i) => isHybrid(portalDoc(i)))).toBe(true);
	expectInvoiceData(delivered);
	// The production execution received them so.
	expect(run.execution!.output('Documents').map((i) => i.json.invoice)).toEqual(
		delivered.map((i) => i.json.invoice),
	);
	expect(run.execution!.error(TRIGGER)).toBeUndefined();
});

test('a Download with Read Invoice Data that stops at an SMS code reads its files once Submit Code finishes it', async () => {
	const SARA = 'sara@example.test';
	const credentials = { 'cred-1': demoCredential(bed.demo, SARA) };
	const workflow = downloadEverything();
	const download = withParameters(workflow, 'Invoice Portal', {
		...workflow.nodes[1].parameters,
		options: { readInvoiceData: true },
	});
	const first = await runWorkflow(download, { credentials });
	const [action] = first.output('Invoice Portal', 1);
	expect(action.json.method).toBe('sms');
	const submit = withParameters(workflow, 'Invoice Portal', {
		resource: 'connection',
		operation: 'submitCode',
		resumeToken: action.json.resumeToken,
		code: latestCode(bed.demo, SARA),
	});
	const second = await runWorkflow(submit, { credentials, staticData: first.staticData });
	expect(second.error('Invoice Portal')).toBeUndefined();
	const items = second.output('Invoice Portal');
	expect(items.length).toBeGreaterThan(0);
	// Sara's documents are plain PDFs: each says so, and each file arrived.
	for (const item of items) {
		expect(item.json.invoice).toMatchObject({
			isEInvoice: false,
			error: { code: 'no-embedded-invoice' },
		});
		expect(item.binary?.data?.mimeType).toBe('application/pdf');
	}
});
