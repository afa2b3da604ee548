import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import type { IExecuteFunctions, INodeType, IWorkflowBase } from 'n8n-workflow';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { PDFDocument } from 'pdf-lib';
import { XRECHNUNG_CASES, ZUGFERD_CORPUS } from '../invoice-data/corpora';

/*
 * Document → Read Invoice Data through n8n's engine, on files another node outputs: n8n's own
 * Read/Write Files node reads public corpus files (copied for the run into the one folder n8n
 * may read in tests, tests/helpers/env.ts; never into the project). No credential anywhere.
 */
const folder = process.env.N8N_RESTRICT_FILE_ACCESS_TO!;
const FX = join(ZUGFERD_CORPUS, 'XML-Rechnung', 'FX');
const HYBRID = join(FX, 'EN16931_Einfach.pdf');
const WITH_APPENDIX = join(FX, 'EN16931_Betriebskostenabrechnung.pdf');
const PLAIN = join(ZUGFERD_CORPUS, 'unstructured', 'RE-E-974-Hetzner_2016-01-19_R0005532486.pdf');
const UBL = join(XRECHNUNG_CASES, 'business-cases', 'standard', '01.01a-INVOICE_ubl.xml');
const READER = 'Read Invoice Data';

/**
 * The files in a new folder inside the readable one, named in the order given (Read/Write Files
 * sorts); the selector that reads them all. Removed with the test file's temporary folder.
 */
function filesInFolder(files: string[], extra: Record<string, string | Buffer> = {}): string {
	const dir = mkdtempSync(join(folder, 'files-'));
	files.forEach((file, index) => copyFileSync(file, join(dir, `${index + 1}-${basename(file)}`)));
	for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
	return `${dir}/*`;
}

type Workflow = Pick<IWorkflowBase, 'nodes' | 'connections'>;

/** Manual trigger → a node that outputs files → Read Invoice Data. */
function workflow(
	source: { type: string; parameters: Record<string, unknown> },
	reader: Record<string, unknown> = {},
	settings: Record<string, unknown> = {},
): Workflow {
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
			node('Files', source.type, source.parameters, 200),
			{
				...node(
					READER,
					'n8n-nodes-invoice-portals.invoicePortal',
					{ resource: 'document', operation: 'readInvoiceData', ...reader },
					400,
				),
				...settings,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Files', type: 'main', index: 0 }]] },
			Files: { main: [[{ node: READER, type: 'main', index: 0 }]] },
		},
	} as Workflow;
}

const readFiles = (selector: string) => ({
	type: 'n8n-nodes-base.readWriteFile',
	parameters: { operation: 'read', fileSelector: selector, options: {} },
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test('files from n8n\'s Read/Write Files node: each item gets "invoice", keeps its binary, and a corrupt file is only its own error', async () => {
	const selector = filesInFolder([HYBRID, UBL, PLAIN], {
		'4-corrupt.pdf': '%PDF-1.7\nthis is no PDF at all\n%%EOF\n',
	});
	const run = await runWorkflow(workflow(readFiles(selector)), { credentials: {} });
	expect(run.error(READER)).toBeUndefined();
	const items = run.output(READER);
	const byName = (start: string) => items.find((i) => String(i.json.fileName).startsWith(start))!;
	expect(items).toHaveLength(4);

	const hybrid = byName('1-');
	expect(hybrid.json.invoice).toMatchObject({
		isEInvoice: true,
		number: '471102',
		issueDate: '2018-03-05',
		currency: 'EUR',
		totals: { payable: 529.87 },
		source: { container: 'pdf', attachmentName: 'factur-x.xml', profile: 'EN 16931' },
		validation: { status: 'valid' },
		binaryField: 'data',
	});
	// The binary stays, byte for byte; the item's own JSON (the file's details) too.
	expect(await binaryBuffer(hybrid)).toEqual(readFileSync(HYBRID));
	expect(hybrid.json.fileName).toBe('1-EN16931_Einfach.pdf');

	expect(byName('2-').json.invoice).toMatchObject({
		isEInvoice: true,
		source: { container: 'xml', syntax: 'UBL' },
		validation: { status: expect.stringMatching(/^(valid|invalid)$/) },
	});
	expect(byName('3-').json.invoice).toMatchObject({
		isEInvoice: false,
		error: { code: 'no-embedded-invoice', message: expect.stringContaining('no embedded') },
	});
	expect(byName('4-').json.invoice).toMatchObject({
		isEInvoice: false,
		error: { code: 'malformed', message: expect.stringContaining('PDF') },
	});
	expect(items.map((i) => i.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
});

test("a hybrid PDF's appendix goes out as an extra binary, with name, type, size and sha256 in the JSON", async () => {
	const selector = filesInFolder([WITH_APPENDIX]);
	const run = await runWorkflow(workflow(readFiles(selector)), { credentials: {} });
	const [item] = run.output(READER);
	const invoice = item.json.invoice as {
		source: { otherAttachments: { name: string; size: number; sha256: string }[] };
	};
	const [appendix] = invoice.source.otherAttachments;
	expect(appendix).toMatchObject({ binaryField: 'data_attachment_1', size: expect.any(Number) });
	const bytes = await binaryBuffer(item, 'data_attachment_1');
	expect(bytes.length).toBe(appendix.size);
	expect(sha256(bytes)).toBe(appendix.sha256);
	expect(item.binary?.data_attachment_1?.fileName).toBe(appendix.name);
	expect(await binaryBuffer(item)).toEqual(readFileSync(WITH_APPENDIX));

	const without = await runWorkflow(
		workflow(readFiles(selector), {
			options: { attachmentBinaries: false },
		}),
		{ credentials: {} },
	);
	expect(Object.keys(without.output(READER)[0].binary ?? {})).toEqual(['data']);
});

test('a PDF with a dozen appendices: ten go out as binaries, the others are described and say why not', async () => {
	// The corpus's Factur-X invoice, with twelve small appendices added by pdf-lib.
	const pdf = await PDFDocument.load(readFileSync(HYBRID), { updateMetadata: false });
	for (let n = 1; n <= 12; n++)
		await pdf.attach(Buffer.from(`timesheet ${n}`), `timesheet-${n}.txt`, {
			mimeType: 'text/plain',
		});
	const run = await runWorkflow(
		workflow(readFiles(filesInFolder([], { 'many.pdf': Buffer.from(await pdf.save()) }))),
		{ credentials: {} },
	);
	const [item] = run.output(READER);
	const others = (
		item.json.invoice as {
			source: { otherAttachments: { name: string; binaryField?: string; notOutput?: string }[] };
		}
	).source.otherAttachments;
	expect(others).toHaveLength(12);
	expect(others.filter((o) => o.binaryField).map((o) => o.name)).toEqual(
		Array.from({ length: 10 }, (_, i) => `timesheet-${i + 1}.txt`),
	);
	expect(others.slice(10).map((o) => o.notOutput)).toEqual([
		expect.stringContaining('first 10'),
		expect.stringContaining('first 10'),
	]);
	expect(Object.keys(item.binary ?? {})).toHaveLength(11);
	expect((await binaryBuffer(item, 'data_attachment_3')).toString()).toBe('timesheet 3');
});

test("a file over the 50 MiB cap is that item's too-large error, and is not read", async () => {
	const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x20);
	big.write('%PDF-1.7\n');
	const run = await runWorkflow(
		workflow(readFiles(filesInFolder([HYBRID], { '2-big.pdf': big }))),
		{ credentials: {} },
	);
	expect(run.output(READER).map((i) => i.json.invoice)).toEqual([
		expect.objectContaining({ isEInvoice: true, number: '471102' }),
		expect.objectContaining({
			isEInvoice: false,
			error: expect.objectContaining({ code: 'too-large' }),
		}),
	]); // n8n keeps it on disk (filesystem binary mode): its size came from the metadata, unread.
	expect(run.output(READER)[1].binary?.data?.id).toMatch(/^filesystem/);
});

test("a missing binary field fails the node, as n8n's file nodes do; with Continue On Fail that item carries the error and the others go on", async () => {
	const selector = filesInFolder([HYBRID, UBL]);
	const wrongField = { binaryPropertyName: 'attachment_0' };
	const failed = await runWorkflow(workflow(readFiles(selector), wrongField), { credentials: {} });
	expect(failed.error(READER)?.message).toMatch(/attachment_0/);

	// One item with the field, one without: only the second is an error.
	const mixed = await runWorkflow(
		workflow(
			mailNode([{ attachment_0: HYBRID }, { other: UBL }]),
			{ binaryPropertyName: 'attachment_0' },
			{ onError: 'continueRegularOutput' },
		),
		{ credentials: {}, nodeTypes: { 'test.mail': mailType } },
	);
	expect(mixed.error(READER)).toBeUndefined();
	const [read, error] = mixed.output(READER);
	expect(read.json.invoice).toMatchObject({ isEInvoice: true, number: '471102' });
	expect(error.json.error).toMatch(/attachment_0/);
	expect(error.pairedItem).toEqual({ item: 1 });
});

test('Read All Binary Fields: one item per PDF or XML attachment of an e-mail, a picture beside them skipped', async () => {
	const picture = join(folder, 'logo.png');
	writeFileSync(picture, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
	const run = await runWorkflow(
		workflow(mailNode([{ attachment_0: HYBRID, attachment_1: picture, attachment_2: UBL }]), {
			options: { allBinaryFields: true },
		}),
		{ credentials: {}, nodeTypes: { 'test.mail': mailType } },
	);
	const items = run.output(READER);
	expect(items.map((i) => (i.json.invoice as { binaryField: string }).binaryField)).toEqual([
		'attachment_0',
		'attachment_2',
	]);
	expect(items.map((i) => Object.keys(i.binary ?? {}))).toEqual([
		['attachment_0'],
		['attachment_2'],
	]);
	expect(items.map((i) => i.json.subject)).toEqual(['Invoices', 'Invoices']);
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);

	const none = await runWorkflow(
		workflow(mailNode([{ attachment_0: picture }]), { options: { allBinaryFields: true } }),
		{ credentials: {}, nodeTypes: { 'test.mail': mailType } },
	);
	expect(none.output(READER)[0].json.invoice).toMatchObject({
		isEInvoice: false,
		error: { code: 'no-invoice-file' },
	});
});

/**
 * A stand-in for an e-mail trigger: one item per mail, each file in the binary field named, as
 * n8n's IMAP and Gmail nodes name attachments (attachment_0, attachment_1 …).
 */
const mailType: INodeType = {
	description: {
		displayName: 'Mail',
		name: 'mail',
		group: ['input'],
		version: 1,
		description: 'Test mails with attachments',
		defaults: { name: 'Mail' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Mails', name: 'mails', type: 'json', default: '[]' }],
	} as INodeType['description'],
	async execute(this: IExecuteFunctions) {
		const mails = JSON.parse(this.getNodeParameter('mails', 0) as string) as Record<
			string,
			string
		>[];
		return [
			await Promise.all(
				mails.map(async (files) => {
					const binary: Record<
						string,
						Awaited<ReturnType<typeof this.helpers.prepareBinaryData>>
					> = {};
					for (const [field, path] of Object.entries(files))
						binary[field] = await this.helpers.prepareBinaryData(
							readFileSync(path),
							basename(path),
						);
					return { json: { subject: 'Invoices' }, binary };
				}),
			),
		];
	},
};

const mailNode = (mails: Record<string, string>[]) => ({
	type: 'test.mail',
	parameters: { mails: JSON.stringify(mails) },
});

test('the XML schema is checked unless Check XML Schema is off: an element the schema does not know makes the invoice invalid', async () => {
	// The suite's UBL invoice with one element UBL 2.1 does not have, where the business rules
	// do not look: only the schema check can find it.
	const broken = readFileSync(UBL, 'utf8').replace(
		/(<cbc:IssueDate>)/,
		'<cbc:NoSuchElement>x</cbc:NoSuchElement>$1',
	);
	expect(broken).toContain('NoSuchElement');
	const selector = filesInFolder([UBL], { '2-broken.xml': broken });
	type Checked = { validation: { status: string; rulesChecked: string[]; findings: object[] } };
	const checked = (await runWorkflow(workflow(readFiles(selector)), { credentials: {} }))
		.output(READER)
		.map((i) => i.json.invoice as Checked);
	expect(checked[0].validation.rulesChecked).toContain('XSD');
	expect(checked[0].validation.findings).not.toContainEqual(
		expect.objectContaining({ rule: 'XSD' }),
	);
	expect(checked[1].validation.status).toBe('invalid');
	expect(checked[1].validation.findings).toContainEqual(
		expect.objectContaining({ rule: 'XSD', flag: 'fatal', where: expect.stringMatching(/line/) }),
	);

	const unchecked = (
		await runWorkflow(workflow(readFiles(selector), { options: { checkSchema: false } }), {
			credentials: {},
		})
	)
		.output(READER)
		.map((i) => i.json.invoice as Checked);
	expect(unchecked[1].validation.rulesChecked).not.toContain('XSD');
	expect(unchecked[1].validation.findings).not.toContainEqual(
		expect.objectContaining({ rule: 'XSD' }),
	);
	expect(unchecked[1].validation.status).toBe(checked[0].validation.status);
});
