import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { preparedUserFolder } from '../../testbeds/n8n/n8n-server';

/**
 * n8n installs community packages with install scripts off, so this package and everything it
 * brings must be pure JavaScript or WebAssembly (issue 34: the e-invoice readers' libraries, the
 * schema checker's libxml2 in WebAssembly). A native addon (`*.node`) among them would have been
 * built, or downloaded, by a script that never runs there.
 */
test('the package as n8n installs it (scripts off, no dev dependencies) brings no native addon', () => {
	const folder = preparedUserFolder();
	try {
		const modules = join(folder, '.n8n', 'nodes', 'node_modules');
		const files = (readdirSync(modules, { recursive: true }) as string[]).map((f) =>
			f.split('\\').join('/'),
		);
		// The tree is the installed package's: its schema checker's WebAssembly is in it.
		expect(files.some((f) => f.startsWith('xmllint-wasm/') && f.endsWith('.wasm'))).toBe(true);
		expect(files.filter((f) => f.endsWith('.node'))).toEqual([]);
	} finally {
		rmSync(folder, { recursive: true, force: true });
	}
}, 300_000);
