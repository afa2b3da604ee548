import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IWorkflowBase } from 'n8n-workflow';
import { PDFDocument } from 'pdf-lib';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { validators } from '../../helpers/output-schemas';
import { ZUGFERD_CORPUS } from '../invoice-data/corpora';

/*
 * The supporting documents an e-invoice's XML carries (BG-24, base64 in the XML) go out of
 * Document → Read Invoice Data as binaries, through n8n's engine: the corpus's travel expense
 * report with its hotel and taxi receipts, as an XML file and inside a hybrid PDF. The expected
 * bytes are decoded here from the file's text, not by the reader.
 */
const folder = process.env.N8N_RESTRICT_FILE_ACCESS_TO!;
const TRAVEL = join(
	ZUGFERD_CORPUS,
	'XML-Rechnung',
	'CII',
	'XRECHNUNG_Reisekostenabrechnung.cii.xml',
);
const READER = 'Read Invoice Data';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The receipts as the XML writes them: file name, type and decoded bytes. */
function receiptsInText(xml: string) {
	return [...xml.matchAll(/<ram:AttachmentBinaryObject([^>]*)>([^<]*)</g)].map(
		([, attrs, b64]) => ({
			name: /filename="([^"]*)"/.exec(attrs)![1],
			mimeType: /mimeCode="([^"]*)"/.exec(attrs)![1],
			bytes: Buffer.from(b64.replace(/\s/g, ''), 'base64'),
		}),
	);
}

/** Manual trigger → Read/Write Files reading `selector` → Read Invoice Data. */
function workflow(selector: string, reader: Record<string, unknown> = {}) {
	const node = (name: string, type: string, parameters: object, x: number) => ({
		id: name,
		name,
		type,
		typeVersion: type.endsWith('readWriteFile') ? 1.1 : 1,
		position: [x, 0] as [number, number],
		parameters,
	});
	return {
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', {}, 0),
			node(
				'Files',
				'n8n-nodes-base.readWriteFile',
				{
					operation: 'read',
					fileSelector: selector,
					options: {},
				},
				200,
			),
			node(
				READER,
				'n8n-nodes-invoice-portals.invoicePortal',
				{
					resource: 'document',
					operation: 'readInvoiceData',
					...reader,
				},
				400,
			),
		],
		connections: {
			Start: { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
			Files: { main: [[{ node: READER, type: 'main', index: 0 }]] },
		},
	} as Pick<IWorkflowBase, 'nodes' | 'connections'>;
}

/** A one-page PDF carrying the XML as factur-x.xml: a hybrid invoice, made with pdf-lib. */
async function hybridWith(xml: Buffer): Promise<Buffer> {
	const pdf = await PDFDocument.create();
	pdf.addPage();
	await pdf.attach(xml, 'factur-x.xml', { mimeType: 'text/xml' });
	return Buffer.from(await pdf.save());
}

type Described = {
	id: string;
	attachment: { name: string; mimeType: string; size: number; sha256: string; binaryField: string };
};

test('the receipts attached in the XML come out as binaries byte for byte, from an XML file and from a hybrid PDF', async () => {
	const xml = readFileSync(TRAVEL);
	const receipts = receiptsInText(xml.toString('utf8'));
	expect(receipts.map((r) => r.name)).toEqual([
		'Hotelrechnung-Immo.pdf',
		'Taxi-Nue-und-Berlin.pdf',
	]);
	const dir = mkdtempSync(join(folder, 'supporting-'));
	writeFileSync(join(dir, '1-travel.xml'), xml);
	writeFileSync(join(dir, '2-travel.pdf'), await hybridWith(xml));

	const run = await runWorkflow(workflow(`${dir}/*`), { credentials: {} });
	expect(run.error(READER)).toBeUndefined();
	const items = run.output(READER);
	expect(items).toHaveLength(2);
	for (const item of items) {
		const docs = (item.json.invoice as { supportingDocuments: Described[] }).supportingDocuments;
		expect(docs.map((d) => d.attachment.binaryField)).toEqual([
			'data_supporting_1',
			'data_supporting_2',
		]);
		for (const [index, receipt] of receipts.entries()) {
			const field = `data_supporting_${index + 1}`;
			expect(await binaryBuffer(item, field)).toEqual(receipt.bytes);
			expect(item.binary?.[field]).toMatchObject({
				fileName: receipt.name,
				mimeType: receipt.mimeType,
			});
			expect(docs[index].attachment).toMatchObject({
				size: receipt.bytes.length,
				sha256: sha256(receipt.bytes),
			});
		}
	}
	// The operation's output schema (what n8n's editor shows before a run) lists the fields.
	const validate = validators()('__schema__/v1.0.0/document/readInvoiceData.json');
	for (const item of items) {
		validate(JSON.parse(JSON.stringify(item.json)));
		expect(validate.errors ?? []).toEqual([]);
	}
	// The invoice file itself stays in its own field, untouched.
	expect(await binaryBuffer(items[0])).toEqual(xml);

	const without = await runWorkflow(
		workflow(`${dir}/*`, { options: { attachmentBinaries: false } }),
		{
			credentials: {},
		},
	);
	expect(without.output(READER).map((i) => Object.keys(i.binary ?? {}))).toEqual([
		['data'],
		['data'],
	]);
});
