import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvoicePortal } from '../../../nodes/InvoicePortal/InvoicePortal.node';
import { operationsOf } from '../../helpers/output-schemas';
import { tempDir } from '../../helpers/temp-dir';

/** What users install: the packed package (built by npm test before jest), as n8n loads it. */
const root = join(__dirname, '..', '..', '..');

test('the published package holds the nodes, credentials, output schemas and engine, and no demo server, seed, tests or repository scripts', () => {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], {
			cwd: root,
			encoding: 'utf8',
		}),
	) as { files: { path: string }[] }[];
	const files = pack.files.map((f) => f.path);
	expect(files).toEqual(
		expect.arrayContaining([
			'dist/nodes/InvoicePortal/InvoicePortal.node.js',
			'dist/credentials/InvoicePortalApi.credentials.js',
			'dist/portals/core/run/connection-run.js',
			// The XML schemas the e-invoice schema check reads at runtime (next to its code).
			'dist/portals/invoice-data/validation/schema/xsd/cii/CrossIndustryInvoice_100pD16B.xsd',
			'dist/portals/invoice-data/validation/schema/xsd/ubl/maindoc/UBL-Invoice-2.1.xsd',
			'dist/portals/invoice-data/validation/schema/xsd/ubl/maindoc/UBL-CreditNote-2.1.xsd',
			'package.json',
			'README.md',
		]),
	);
	// The output schema of each operation, where n8n serves it to its editor (next to the node's file).
	expect(files).toEqual(
		expect.arrayContaining(
			operationsOf(new InvoicePortal().description).map(
				(o) => `dist/nodes/InvoicePortal/${o.schemaPath}`,
			),
		),
	);
	const unwanted = files.filter((f) =>
		/^dist\/(tests|scripts)\/|seed\.json$|\.test\.|testbeds|demo-idp|demo-portal/.test(f),
	);
	expect(unwanted).toEqual([]);
});

test('the built credential and nodes load in plain Node with a definitions folder holding a broken file, or none at all', () => {
	const broken = tempDir('definitions-');
	writeFileSync(join(broken, 'broken.json'), '{ "slug": ');
	const load = `
		const { InvoicePortalApi } = require('./dist/credentials/InvoicePortalApi.credentials.js');
		require('./dist/nodes/InvoicePortal/InvoicePortal.node.js');
		require('./dist/nodes/InvoicePortalTrigger/InvoicePortalTrigger.node.js');
		const portal = new InvoicePortalApi().properties.find((p) => p.name === 'portal');
		console.log(JSON.stringify(portal.options.map((o) => o.value)));`;
	for (const dir of [broken, join(broken, 'missing')]) {
		const run = spawnSync(process.execPath, ['-e', load], {
			cwd: root,
			encoding: 'utf8',
			env: { ...process.env, INVOICE_PORTALS_DEMO: '', INVOICE_PORTALS_DEFINITIONS_DIR: dir },
		});
		expect(run.status).toBe(0);
		expect(JSON.parse(run.stdout)).toContain('custom');
		expect(run.stderr).toMatch(
			/n8n-nodes-invoice-portals: INVOICE_PORTALS_DEFINITIONS_DIR.* cannot be used/,
		);
	}
});
