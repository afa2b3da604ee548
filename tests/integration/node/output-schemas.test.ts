import { readFileSync } from 'node:fs';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { InvoicePortal } from '../../../nodes/InvoicePortal/InvoicePortal.node';
import { DOCUMENT_TYPES } from '../../../portals/core/contract/documents';
import { FILE_KINDS } from '../../../portals/core/contract/file-kinds';
import { CONNECTION_STATUSES } from '../../../portals/core/contract/statuses';
import { runWorkflow } from '../../../testbeds/n8n-engine';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { account, demoDefinitionFile, latestCode, startDemo } from '../../helpers/demo';
import { operationsOf, readSchema, schemaFiles, validators } from '../../helpers/output-schemas';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * Issue 31, item 6: n8n's editor shows a node's output fields before its first run from a JSON
 * Schema per operation (nodes/InvoicePortal/__schema__). Each operation runs here on n8n's engine
 * against the demo portal, and every item it puts on the Documents output must match its
 * operation's schema, which lists every field: an output that gains, loses or retypes a field
 * fails here until the schema says so too, and the editor's preview never drifts from the output.
 */
const description = new InvoicePortal().description;
const validatorOf = validators();
const base = loadWorkflow('download.json');
const node = (parameters: Record<string, unknown>) =>
	withParameters(base, 'Invoice Portal', parameters);

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const credentialOf = (login: string, overrides: Record<string, string> = {}) => ({
	'cred-1': demoCredential(demo, login, overrides),
});

/**
 * The items' JSON as n8n stores it and the editor reads it (through JSON: fields left undefined
 * are gone), checked against the operation's schema.
 */
function expectMatch(resource: string, operation: string, items: INodeExecutionData[]): void {
	expect(items.length).toBeGreaterThan(0);
	const validate = validatorOf(`__schema__/v1.0.0/${resource}/${operation}.json`);
	for (const item of items) {
		const json = JSON.parse(JSON.stringify(item.json)) as IDataObject;
		validate(json);
		expect(validate.errors ?? []).toEqual([]);
		// The schema is closed: a field it does not list is an error, not a silent gap in the preview.
		// Read Invoice Data keeps the input item's own fields: there only `invoice` is checked.
		if (operation === 'readInvoiceData') expect(validate({ ...json, invoice: 1 })).toBe(false);
		else expect(validate({ ...json, fieldTheSchemaLacks: 1 })).toBe(false);
	}
}

describe('the schema files', () => {
	test("each of the node's operations has one at the path n8n serves it from, and there are no others", () => {
		const expected = operationsOf(description).map((o) => o.schemaPath);
		expect(expected).toHaveLength(8);
		expect(schemaFiles()).toEqual([...expected].sort());
	});

	test("each is a schema n8n's editor shows: an object with its fields as properties", () => {
		// n8n 2.8.4's editor drops a schema without type and non-empty properties ("Invalid JSON schema").
		for (const file of schemaFiles()) {
			const schema = readSchema(file);
			expect({ file, type: schema.type }).toEqual({ file, type: 'object' });
			// Read Invoice Data adds one field to whatever item came in: its schema has that one.
			const least = file.endsWith('readInvoiceData.json') ? 0 : 2;
			expect(Object.keys(schema.properties as object).length).toBeGreaterThan(least);
			expect(() => validatorOf(file)).not.toThrow();
		}
	});

	test("Submit Code shows Download's fields: it usually finishes an interrupted download", () => {
		expect(readSchema('__schema__/v1.0.0/connection/submitCode.json').properties).toEqual(
			readSchema('__schema__/v1.0.0/document/download.json').properties,
		);
	});

	test('the document types and statuses they list are those of the engine', () => {
		const enums: unknown[][] = [];
		const walk = (value: unknown): void => {
			if (Array.isArray(value)) value.forEach(walk);
			else if (value && typeof value === 'object')
				for (const [key, inner] of Object.entries(value))
					if (key === 'enum') enums.push(inner as unknown[]);
					else walk(inner);
		};
		schemaFiles().forEach((file) => walk(readSchema(file)));
		const types = enums.filter((e) => e.includes('invoice'));
		const statuses = enums.filter((e) => e.includes('connected'));
		const kinds = enums.filter((e) => e.includes('zip'));
		expect(
			enums.filter((e) => !types.includes(e) && !statuses.includes(e) && !kinds.includes(e)),
		).toEqual([['http', 'browser']]);
		for (const e of kinds) expect(e).toEqual([...FILE_KINDS]);
		for (const e of types) expect(e).toEqual([...DOCUMENT_TYPES]);
		for (const e of statuses) expect(e.filter((s) => s !== null)).toEqual([...CONNECTION_STATUSES]);
	});
});

describe('the real output of each operation matches its schema', () => {
	test('Document → Download and Document → List', async () => {
		const credentials = credentialOf('anna@example.test');
		const download = await runWorkflow(
			node({ resource: 'document', operation: 'download', filters: {}, onlyNew: false }),
			{ credentials },
		);
		expect(download.error('Invoice Portal')).toBeUndefined();
		expectMatch('document', 'download', download.output('Invoice Portal'));

		// With Read Invoice Data, Tom's documents: Factur-X invoices and plain PDFs (seed.json).
		const readingDownload = node({
			resource: 'document',
			operation: 'download',
			filters: {},
			onlyNew: false,
			options: { readInvoiceData: true },
		});
		const reading = await runWorkflow(readingDownload, {
			credentials: credentialOf('tom@example.test'),
		});
		const read = reading.output('Invoice Portal');
		expect(new Set(read.map((i) => (i.json.invoice as IDataObject).isEInvoice))).toEqual(
			new Set([true, false]),
		);
		expectMatch('document', 'download', read);

		// Read Invoice Data on those items: the input's fields, and `invoice`.
		const again = await runWorkflow(
			{
				nodes: [
					...readingDownload.nodes,
					{
						id: 'reader',
						name: 'Reader',
						type: 'n8n-nodes-invoice-portals.invoicePortal',
						typeVersion: 1,
						position: [440, 0],
						parameters: { resource: 'document', operation: 'readInvoiceData' },
					},
				],
				connections: {
					...base.connections,
					'Invoice Portal': { main: [[{ node: 'Reader', type: 'main', index: 0 }]] },
				},
			} as typeof base,
			{ credentials: credentialOf('tom@example.test') },
		);
		expectMatch('document', 'readInvoiceData', again.output('Reader'));

		const list = await runWorkflow(
			node({ resource: 'document', operation: 'list', returnAll: true, filters: {} }),
			{ credentials },
		);
		expectMatch('document', 'list', list.output('Invoice Portal'));
	});

	test("Document → List of a definition's contracts: each item names its contract (accountName)", async () => {
		const a = account('anna@example.test');
		const definition = JSON.parse(readFileSync(demoDefinitionFile('demo-contracts'), 'utf8'));
		definition.loginUrl = `${demo.url}/contracts/login`;
		definition.domains = ['127.0.0.1'];
		const list = await runWorkflow(
			node({ resource: 'document', operation: 'list', returnAll: true, filters: {} }),
			{
				credentials: {
					'cred-1': {
						portal: 'custom',
						definition: JSON.stringify(definition),
						username: a.login,
						password: a.password,
					},
				},
			},
		);
		expect(list.error('Invoice Portal')).toBeUndefined();
		const items = list.output('Invoice Portal');
		expectMatch('document', 'list', items);
		expect(items.every((i) => typeof i.json.accountName === 'string')).toBe(true);
		expect(Object.fromEntries(items.map((i) => [i.json.accountId, i.json.accountName]))).toEqual(
			Object.fromEntries(demo.state.account(a.login)!.subAccounts.map((s) => [s.id, s.label])),
		);
	});

	test('Connection → Check, connected and with a wrong password', async () => {
		const check = node({ resource: 'connection', operation: 'check' });
		const ok = await runWorkflow(check, { credentials: credentialOf('tom@example.test') });
		const failed = await runWorkflow(check, {
			credentials: credentialOf('tom@example.test', { password: 'not-it' }),
		});
		expect(failed.output('Invoice Portal')[0].json.status).toBe('login_failed');
		expectMatch('connection', 'check', [
			...ok.output('Invoice Portal'),
			...failed.output('Invoice Portal'),
		]);
	});

	test('Connection → Discover', async () => {
		const a = account('anna@example.test');
		const run = await runWorkflow(node({ resource: 'connection', operation: 'discover' }), {
			credentials: {
				'cred-1': {
					portal: 'automatic',
					automaticLoginUrl: `${demo.url}/login`,
					username: a.login,
					password: a.password,
					authenticatorSecret: '',
				},
			},
		});
		expect(run.error('Invoice Portal')).toBeUndefined();
		expectMatch('connection', 'discover', run.output('Invoice Portal'));
	});

	test('Connection → Get Status, before the first run and after runs that connected or stopped', async () => {
		const getStatus = node({ resource: 'connection', operation: 'getStatus' });
		const billing = credentialOf('billing@example.test');
		const never = await runWorkflow(getStatus, { credentials: billing });
		expect(never.output('Invoice Portal')[0].json.status).toBeNull();
		await runWorkflow(base, { credentials: billing });
		const stopped = await runWorkflow(getStatus, { credentials: billing });
		expect(stopped.output('Invoice Portal')[0].json.status).toBe('action_required');
		const eric = credentialOf('eric@example.test');
		await runWorkflow(base, { credentials: eric });
		const waiting = await runWorkflow(getStatus, { credentials: eric });
		expect(waiting.output('Invoice Portal')[0].json.method).toBe('email');
		const tom = credentialOf('tom@example.test');
		await runWorkflow(base, { credentials: tom });
		const connected = await runWorkflow(getStatus, { credentials: tom });
		expect(connected.output('Invoice Portal')[0].json.status).toBe('connected');
		expectMatch('connection', 'getStatus', [
			...never.output('Invoice Portal'),
			...stopped.output('Invoice Portal'),
			...waiting.output('Invoice Portal'),
			...connected.output('Invoice Portal'),
		]);
	});

	test('Connection → Get Many, one item per connection and the report', async () => {
		// Two credentials, two connections in the installation's status store.
		const credentials = {
			'cred-tom': demoCredential(demo, 'tom@example.test'),
			'cred-sara': demoCredential(demo, 'sara@example.test'),
		};
		for (const id of Object.keys(credentials)) {
			const workflow = structuredClone(base);
			workflow.nodes[1].credentials = { invoicePortalApi: { id, name: id } };
			await runWorkflow(workflow, { credentials });
		}
		const getMany = (overviewOutput: string) =>
			runWorkflow(
				node({
					resource: 'connection',
					operation: 'getMany',
					overviewOutput,
					returnAll: true,
					overviewFilters: {},
				}),
				{ credentials },
			);
		const rows = (await getMany('connections')).output('Invoice Portal');
		expect(rows.map((r) => r.json.status)).toEqual(
			expect.arrayContaining(['connected', 'action_required']),
		);
		const report = (await getMany('report')).output('Invoice Portal');
		expect(report).toHaveLength(1);
		expectMatch('connection', 'getMany', [...rows, ...report]);
		// A row in the report is a row of the other output: the schema checks those too.
		const validate = validatorOf('__schema__/v1.0.0/connection/getMany.json');
		const json = JSON.parse(JSON.stringify(report[0].json));
		json.connections[0].fieldTheSchemaLacks = 1;
		expect(validate(json)).toBe(false);
	});

	test('Connection → Submit Code, finishing an interrupted Download and an interrupted Check', async () => {
		const credentials = credentialOf('sara@example.test');
		const finished: INodeExecutionData[] = [];
		for (const interrupted of [
			{ resource: 'document', operation: 'download', filters: {}, onlyNew: false },
			{ resource: 'connection', operation: 'check' },
		]) {
			const first = await runWorkflow(node(interrupted), { credentials });
			const [action] = first.output('Invoice Portal', 1);
			expect(action.json.method).toBe('sms');
			const second = await runWorkflow(
				node({
					resource: 'connection',
					operation: 'submitCode',
					resumeToken: action.json.resumeToken,
					code: latestCode(demo, 'sara@example.test'),
				}),
				{ credentials, staticData: first.staticData },
			);
			expect(second.error('Invoice Portal')).toBeUndefined();
			finished.push(...second.output('Invoice Portal'));
		}
		expect(new Set(finished.map((item) => ('fileName' in item.json ? 'file' : 'status')))).toEqual(
			new Set(['file', 'status']),
		);
		expectMatch('connection', 'submitCode', finished);
	});
});
