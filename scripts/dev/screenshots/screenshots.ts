import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { findBrowser } from '../../../portals/core/browser/finder';
import { startDemoPortal } from '../../../testbeds/demo-portal';
import { EditorBrowser } from '../../../testbeds/n8n/editor-browser';
import { N8nServer, preparedUserFolder, ROOT } from '../../../testbeds/n8n/n8n-server';
import { shootNodePanel } from './node-panel';
import { shootWeeklyReport } from './weekly-report-shot';

/**
 * `npm run screenshots`: the code templates as they look in the real n8n editor, for the README,
 * and the Invoice Portal node's panel and credential dialog (driven as the editor tier drives them). Starts n8n (the end-to-end tier's install) with this
 * package, imports each template, opens it in headless Chromium signed in as the owner, and saves
 * docs/images/<template>.png, docs/images/node-panel*.png and credential-dialog.png; and the weekly report's e-mail as
 * n8n sent it (docs/images/weekly-report.png). Arguments pick some:
 * `npm run screenshots -- node-panel`, `-- code-via-form` or `-- weekly-report`.
 */
const TEMPLATES = ['code-via-form.json', 'code-via-webhook.json', 'trigger-code-via-form.json'];
const wanted = process.argv.slice(2);
const take = (name: string) => wanted.length === 0 || wanted.includes(name);
const OWNER = { email: 'owner@example.test', password: 'Owner-Passw0rd!' };

async function main(): Promise<void> {
	const out = join(ROOT, 'docs', 'images');
	mkdirSync(out, { recursive: true });
	// The panel shot's credential uses the demo portal, which n8n lists only with this set (passed on to n8n).
	process.env.INVOICE_PORTALS_DEMO ??= 'true';
	const server = new N8nServer(preparedUserFolder());
	await server.start();
	const location = findBrowser();
	if (location.kind !== 'executable') throw new Error('screenshots need a local Chromium');
	const browser = await chromium.launch({
		executablePath: location.path,
		headless: true,
		args: ['--no-sandbox'],
	});
	try {
		await server.setupOwner(OWNER);
		const cookie = await server.login(OWNER);
		const context = await browser.newContext({
			viewport: { width: 1600, height: 900 },
			deviceScaleFactor: 1,
		});
		const [name, value] = cookie.split('=');
		await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
		for (const file of TEMPLATES.filter((f) => take(f.replace(/\.json$/, '')))) {
			const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8'));
			const { id } = await server.api<{ id: string }>('POST', '/workflows', {
				name: workflow.name,
				nodes: workflow.nodes,
				connections: workflow.connections,
				settings: { executionOrder: 'v1' },
			});
			const page = await context.newPage();
			await page.goto(`${server.url}/workflow/${id}`, { waitUntil: 'networkidle' });
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 30_000 });
			// Fit the whole workflow into view (the editor's "zoom to fit" shortcut).
			await page.keyboard.press('1');
			await page.waitForTimeout(1_000);
			const target = join(out, file.replace(/\.json$/, '.png'));
			await page.screenshot({ path: target });
			console.log(`saved ${target}`);
			await page.close();
		}
		if (take('node-panel')) {
			const demo = await startDemoPortal();
			const editor = await EditorBrowser.open(server, OWNER);
			try {
				await shootNodePanel(editor, demo, out);
			} finally {
				await editor.close();
				await demo.close();
			}
		}
		if (take('weekly-report')) await shootWeeklyReport(server, browser, out);
	} finally {
		await browser.close();
		await server.stop();
		server.dispose();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
