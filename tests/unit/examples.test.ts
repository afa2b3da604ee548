import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeHelpers, type INode, type INodeType } from 'n8n-workflow';
import { InvoicePortal } from '../../nodes/InvoicePortal/InvoicePortal.node';
import { InvoicePortalTrigger } from '../../nodes/InvoicePortalTrigger/InvoicePortalTrigger.node';

const root = join(__dirname, '..', '..');
const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json'));
const ours: Record<string, INodeType> = {
	'n8n-nodes-invoice-portals.invoicePortal': new InvoicePortal(),
	'n8n-nodes-invoice-portals.invoicePortalTrigger': new InvoicePortalTrigger(),
};

test('there is at least one example workflow', () => {
	expect(examples.length).toBeGreaterThan(0);
});

describe.each(examples)('examples/%s imports into n8n as it is', (file) => {
	const workflow = JSON.parse(readFileSync(join(root, 'examples', file), 'utf8')) as {
		nodes: INode[];
		connections: Record<string, unknown>;
	};

	test('every node type exists under the name n8n loads it by, and n8n finds no parameter issues', () => {
		for (const node of workflow.nodes) {
			const [pkg, name] = node.type.split('.');
			let type: INodeType;
			if (pkg === 'n8n-nodes-invoice-portals') type = ours[node.type];
			else {
				// n8n-nodes-base lists its node files in package.json, some in sub-folders (Files/ReadWriteFile).
				const base = join(root, 'node_modules', 'n8n-nodes-base');
				const files: string[] = JSON.parse(readFileSync(join(base, 'package.json'), 'utf8')).n8n
					.nodes;
				const file = files.find((f) => f.toLowerCase().endsWith(`/${name.toLowerCase()}.node.js`));
				expect(file).toBeDefined();
				const className = file!.split('/').pop()!.replace('.node.js', '');
				// eslint-disable-next-line @typescript-eslint/no-require-imports
				type = new (require(join(base, file!))[className])();
			}
			expect(type).toBeDefined();
			const description = NodeHelpers.getVersionedNodeType(type, node.typeVersion).description;
			expect(
				NodeHelpers.getNodeParametersIssues(description.properties, node, description),
			).toBeNull();
		}
	});

	test('connections only name nodes of the workflow; our nodes reference the credential by type', () => {
		const names = new Set(workflow.nodes.map((n) => n.name));
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names.has(from)).toBe(true);
			for (const list of (outputs as { main: { node: string }[][] }).main)
				for (const c of list) expect(names.has(c.node)).toBe(true);
		}
		for (const node of workflow.nodes.filter((n) =>
			n.type.startsWith('n8n-nodes-invoice-portals.'),
		)) {
			// The mailbox credential goes with Read Codes from Mailbox only (the editor shows it then);
			// Get Many reads every connection and Read Invoice Data reads files: they take none.
			const expected =
				node.parameters.operation === 'getMany' || node.parameters.operation === 'readInvoiceData'
					? []
					: node.parameters.readCodesFromMailbox === true
						? ['invoicePortalApi', 'invoicePortalMailboxApi']
						: ['invoicePortalApi'];
			expect(Object.keys(node.credentials ?? {})).toEqual(expected);
		}
	});
});

test('the built package has what n8n loads: node, credential, icons, codex', () => {
	const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials])
		expect(existsSync(join(root, file))).toBe(true);
	for (const file of [
		'dist/nodes/InvoicePortal/invoicePortal.svg',
		'dist/nodes/InvoicePortal/invoicePortal.dark.svg',
		'dist/nodes/InvoicePortal/InvoicePortal.node.json',
		'dist/nodes/InvoicePortalTrigger/invoicePortalTrigger.svg',
		'dist/nodes/InvoicePortalTrigger/invoicePortalTrigger.dark.svg',
		'dist/nodes/InvoicePortalTrigger/InvoicePortalTrigger.node.json',
		'dist/credentials/invoicePortal.svg',
	]) {
		expect(existsSync(join(root, file))).toBe(true);
	}
	expect(pkg.scripts.postinstall ?? pkg.scripts.install ?? pkg.scripts.preinstall).toBeUndefined();
	// ajv validates portal definitions (JSON Schema) at runtime, in n8n; linkedom parses pages and
	// tough-cookie keeps the cookies of the HTTP engine; imapflow and mailparser read codes from the
	// user's mailbox; ioredis keeps leases in n8n's own Redis in queue mode; fast-xml-parser,
	// decimal.js and pdf-lib read e-invoices (XML, exact amounts, the XML inside a PDF);
	// xmllint-wasm checks their XML against its schema (libxml2 compiled to WebAssembly); unpdf
	// (PDF.js) reads a plain PDF's text and ibantools checks the IBANs found in it; tldts knows
	// registrable domains (a sign-in that moves from login. to www.); undici's Agent resolves
	// `*.localhost` names to loopback for Node's fetch (http/loopback-names.ts); graphql parses
	// the GraphQL calls discovery records (a mutation is never replayed). All pure JavaScript or
	// WebAssembly: n8n installs community packages with scripts off.
	expect(Object.keys(pkg.dependencies).sort()).toEqual([
		'@otplib/uri',
		'ajv',
		'decimal.js',
		'fast-xml-parser',
		'graphql',
		'ibantools',
		'imapflow',
		'ioredis',
		'linkedom',
		'luxon',
		'mailparser',
		'otplib',
		'pdf-lib',
		'playwright',
		'tldts',
		'tough-cookie',
		'undici',
		'unpdf',
		'xmllint-wasm',
	]);
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
});
