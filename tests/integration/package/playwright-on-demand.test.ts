import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditText } from '../../helpers/secret-scan';

const dist = join(__dirname, '..', '..', '..', 'dist');

/**
 * Playwright is loaded only when a run needs the browser (portals/core/browser/playwright.ts):
 * loading it costs an n8n process about 68 MB, which HTTP portals never need. In a child process,
 * so that what is loaded is Node's own module cache, not Jest's: a download over plain HTTP
 * through n8n's engine leaves Playwright unloaded; the same definition with the browser forced
 * loads it.
 */
const child = `
const { startDemoPortal } = require(${JSON.stringify(join(dist, 'testbeds/demo-portal'))});
const definition = require(${JSON.stringify(join(dist, 'portals/definitions/demo/demo-telecom.json'))});
const playwrightLoaded = () => Object.keys(require.cache).some((path) => /[\\\\/]node_modules[\\\\/]playwright(-core)?[\\\\/]/.test(path));
(async () => {
	const { runWorkflow, shutdownEngine } = require(${JSON.stringify(join(dist, 'testbeds/n8n-engine'))});
	const { closeBrowser } = require(${JSON.stringify(join(dist, 'portals/core/browser/launch'))});
	const demo = await startDemoPortal();
	const account = demo.state.seed.accounts.find((a) => a.login === 'anna@example.test');
	const download = (portal) => runWorkflow({
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Invoice Portal', type: 'n8n-nodes-invoice-portals.invoicePortal', typeVersion: 1, position: [200, 0],
				parameters: { resource: 'document', operation: 'download', filters: { startDate: '2026-06-01' }, onlyNew: true },
				credentials: { invoicePortalApi: { id: 'c', name: 'Demo' } } },
		],
		connections: { Start: { main: [[{ node: 'Invoice Portal', type: 'main', index: 0 }]] } },
	}, { credentials: { c: { ...portal, loginUrl: demo.url, username: account.login, password: account.password, authenticatorSecret: '' } } });
	const report = (run) => ({ error: run.error('Invoice Portal')?.message, files: run.output('Invoice Portal').filter((i) => i.binary?.data).length, engine: run.output('Invoice Portal')[0]?.json.engine, playwright: playwrightLoaded() });
	try {
		const before = playwrightLoaded();
		const http = report(await download({ portal: definition.slug }));
		const browser = report(await download({ portal: 'custom', definition: JSON.stringify({ ...definition, engine: 'browser' }) }));
		console.log(JSON.stringify({ before, http, browser }));
	} finally {
		shutdownEngine();
		await closeBrowser();
		await demo.close();
	}
})().catch((e) => { console.error(e); process.exitCode = 1; });
`;

test('a download over plain HTTP never loads Playwright; one in the browser does', async () => {
	const userFolder = mkdtempSync(join(tmpdir(), 'playwright-on-demand-'));
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-e', child], {
			timeout: 120_000,
			env: {
				...process.env,
				N8N_USER_FOLDER: userFolder,
				N8N_DIAGNOSTICS_ENABLED: 'false',
				INVOICE_PORTALS_DEMO: 'true',
			},
		});
		auditText('playwright-on-demand output', `${stdout}\n${stderr}`);
		const result = JSON.parse(stdout.trim().split('\n').pop()!);
		expect(result.before).toBe(false);
		expect(result.http).toMatchObject({ playwright: false });
		expect(result.http.error).toBeUndefined();
		expect(result.http.files).toBeGreaterThan(0);
		expect(result.browser.error).toBeUndefined();
		expect(result.browser).toMatchObject({ files: result.http.files, playwright: true });
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
});
