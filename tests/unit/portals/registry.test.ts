/* eslint-disable @typescript-eslint/no-require-imports -- each case loads the package afresh (jest.isolateModules), which needs require() */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INodeProperties } from 'n8n-workflow';
import { tempDir } from '../../helpers/temp-dir';

/**
 * The portal list a real installation shows, and loading whatever a definitions folder holds: the
 * package must load (n8n then lists the credential and the nodes), a broken file is named when it
 * is used and logged once.
 */
const root = join(__dirname, '..', '..', '..');
const good = readFileSync(join(root, 'portals', 'definitions', 'demo', 'demo-energie.json'), 'utf8')
	.replace('"demo-energie"', '"my-supplier"')
	.replace('Demo Energie', 'My Supplier');

function folder(files: Record<string, string>): string {
	const dir = tempDir('definitions-');
	for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
	return dir;
}

/** Loads the package's credential and node classes afresh under the given environment. */
function loadPackage(env: Record<string, string | undefined>) {
	const saved = { ...process.env };
	const warnings: string[] = [];
	const warn = jest
		.spyOn(console, 'warn')
		.mockImplementation((line: string) => void warnings.push(line));
	try {
		for (const [key, value] of Object.entries(env)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
		let loaded!: {
			portalField: INodeProperties;
			registry: typeof import('../../../portals/registry');
			nodes: unknown[];
		};
		jest.isolateModules(() => {
			const { InvoicePortalApi } = require('../../../credentials/InvoicePortalApi.credentials');
			const { InvoicePortal } = require('../../../nodes/InvoicePortal/InvoicePortal.node');
			const {
				InvoicePortalTrigger,
			} = require('../../../nodes/InvoicePortalTrigger/InvoicePortalTrigger.node');
			const credential = new InvoicePortalApi();
			// n8n asks again for every editor that opens the credential.
			new InvoicePortalApi();
			loaded = {
				portalField: credential.properties.find((p: INodeProperties) => p.name === 'portal'),
				registry: require('../../../portals/registry'),
				nodes: [new InvoicePortal(), new InvoicePortalTrigger()],
			};
		});
		return { ...loaded, warnings, env: { ...process.env } };
	} finally {
		warn.mockRestore();
		process.env = saved;
	}
}

const optionValues = (field: INodeProperties) =>
	(field.options as { value: string }[]).map((o) => o.value);

test('a real installation lists no demo portal, offers Automatic first and by default, Custom last; demo mode lists the demo portals', () => {
	const real = loadPackage({
		INVOICE_PORTALS_DEMO: undefined,
		INVOICE_PORTALS_DEFINITIONS_DIR: undefined,
	});
	expect(optionValues(real.portalField)).toEqual(['automatic', 'custom']);
	expect(real.portalField.default).toBe('automatic');
	expect(() => real.registry.portalBySlug('demo-telecom', real.env)).toThrow(
		/"demo-telecom" is not a known portal; .*listed only with INVOICE_PORTALS_DEMO=true/,
	);

	const demo = loadPackage({
		INVOICE_PORTALS_DEMO: 'true',
		INVOICE_PORTALS_DEFINITIONS_DIR: undefined,
	});
	expect(optionValues(demo.portalField)).toEqual([
		'automatic',
		'demo-telecom',
		'demo-energie',
		'demo-cloud',
		'demo-contracts',
		'demo-contracts-buttons',
		'demo-spa',
		'demo-down',
		'demo-telecom-definition',
		'demo-telecom-link',
		'demo-telecom-sso',
		'demo-kinds',
		'custom',
	]);
	expect(demo.portalField.default).toBe('automatic');
	// Each entry says in one line what it is.
	for (const option of demo.portalField.options as { description?: string }[])
		expect(option.description).toMatch(/^\S.{10,120}$/);
	const telecom = (demo.portalField.options as { value: string; description: string }[]).find(
		(o) => o.value === 'demo-telecom',
	);
	expect(telecom?.description).toMatch(/^Signs in at (127\.0\.0\.1|localhost)/);
});

test.each([
	[
		'a JSON syntax error',
		{ 'broken.json': '{ "slug": "broken", ' },
		/broken\.json cannot be used: .*(JSON|Unexpected|position)/i,
	],
	[
		'valid JSON that is no definition',
		{ 'broken.json': '{ "slug": "broken" }' },
		/broken\.json cannot be used: .*problem/,
	],
])(
	'a definitions folder with %s: the package loads, the other portals work, the broken file is named when used and logged once',
	(_what, files, why) => {
		const dir = folder({ ...files, 'my-supplier.json': good });
		const pkg = loadPackage({
			INVOICE_PORTALS_DEMO: undefined,
			INVOICE_PORTALS_DEFINITIONS_DIR: dir,
		});
		expect(pkg.nodes).toHaveLength(2);
		expect(optionValues(pkg.portalField)).toEqual([
			'automatic',
			'my-supplier',
			'unreadable:broken.json',
			'custom',
		]);
		expect((pkg.portalField.options as { name: string }[])[2].name).toBe(
			'⚠ broken.json (cannot be read)',
		);
		expect(pkg.registry.portalBySlug('my-supplier', pkg.env).name).toBe(
			'My Supplier (definition example)',
		);
		expect(() => pkg.registry.portalBySlug('unreadable:broken.json', pkg.env)).toThrow(why);
		expect(pkg.warnings.filter((w) => w.includes('broken.json'))).toHaveLength(1);
		expect(pkg.warnings[0]).toMatch(why);
	},
);

test('a definitions folder that does not exist: the package loads, and the reason is logged and named', () => {
	const missing = join(tmpdir(), 'no-such-definitions-folder');
	const pkg = loadPackage({
		INVOICE_PORTALS_DEMO: undefined,
		INVOICE_PORTALS_DEFINITIONS_DIR: missing,
	});
	expect(optionValues(pkg.portalField)).toContain('custom');
	expect(pkg.warnings).toEqual([
		expect.stringContaining(
			`INVOICE_PORTALS_DEFINITIONS_DIR (${missing}) cannot be used: the folder does not exist`,
		),
	]);
	expect(() => pkg.registry.portalBySlug('my-supplier', pkg.env)).toThrow(
		/"my-supplier" is not a known portal; .*the folder does not exist/,
	);
});
