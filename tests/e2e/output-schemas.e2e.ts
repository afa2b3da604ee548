import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { InvoicePortal } from '../../nodes/InvoicePortal/InvoicePortal.node';
import { findBrowser } from '../../portals/core/browser/finder';
import { N8nServer, preparedUserFolder } from '../../testbeds/n8n/n8n-server';
import { operationsOf, SCHEMA_ROOT } from '../helpers/output-schemas';

/**
 * Issue 31, item 6 on a real n8n server (2.8.4): with the packed package installed as users
 * install it, the server answers the URL its editor asks for a node that has not run yet,
 * /schemas/<node type>/<version as 1.0.0>/<resource>/<operation>.json (no session: the editor
 * sends none), with that operation's schema. Before this package shipped them, every such request
 * was a 404 and the editor showed no fields until the first run.
 */
const TYPE = 'n8n-nodes-invoice-portals.invoicePortal';
const OWNER = { email: 'owner@example.test', password: 'Owner-Passw0rd!' };
let server: N8nServer;

beforeAll(async () => {
	server = new N8nServer(preparedUserFolder());
	await server.start();
}, 600_000);

afterAll(async () => {
	await server?.stop();
	server?.dispose();
});

test("the server serves each operation's schema at the URL the editor asks for", async () => {
	const description = new InvoicePortal().description;
	for (const { version, resource, operation, schemaPath } of operationsOf(description)) {
		const url = `${server.url}/schemas/${TYPE}/${version}/${resource}/${operation}.json`;
		const res = await fetch(url);
		expect({ url, status: res.status }).toEqual({ url, status: 200 });
		expect(res.headers.get('content-type')).toMatch(/^application\/json/);
		const served = (await res.json()) as { type?: string; properties?: object };
		expect(served).toEqual(
			JSON.parse(readFileSync(join(SCHEMA_ROOT, '..', schemaPath), 'utf8')) as object,
		);
		// What the editor requires before it shows a schema: an object type with properties.
		expect(served.type).toBe('object');
		expect(Object.keys(served.properties ?? {}).length).toBeGreaterThan(0);
	}
});

test('an operation the node does not have, or another version of it, is a 404', async () => {
	for (const path of [`${TYPE}/1.0.0/document/delete.json`, `${TYPE}/2.0.0/document/download.json`])
		expect((await fetch(`${server.url}/schemas/${path}`)).status).toBe(404);
});

/**
 * In the editor: the node after an Invoice Portal that has not run lists Download's fields in its
 * input (the preview), from the schema the editor fetched. For the node after the trigger, the
 * 2.8.4 editor asks too (its input pane's check, RunData's hasPreviewSchema, skips no trigger), at
 * /schemas/<trigger type>/1.0.0.json, since the trigger has no resource or operation; but the
 * schema view then refuses to show one ("Trigger nodes do not have schema previews",
 * VirtualSchema): a trigger schema would switch the pane to an empty schema view, so none is
 * shipped and that request is a 404.
 */
test("the editor shows Download's fields before the first run; the trigger's request is a 404", async () => {
	await server.setupOwner(OWNER);
	const { id } = await server.api<{ id: string }>('POST', '/workflows', {
		name: 'Output schemas',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', [0, 0]),
			node('Invoice Portal', TYPE, [220, 0], {
				resource: 'document',
				operation: 'download',
				binaryPropertyName: 'data',
				filters: {},
				onlyNew: true,
			}),
			node('After Download', 'n8n-nodes-base.noOp', [440, 0]),
			node('Invoice Portal Trigger', `${TYPE}Trigger`, [0, 300]),
			node('After Trigger', 'n8n-nodes-base.noOp', [220, 300]),
		],
		connections: {
			Start: { main: [[{ node: 'Invoice Portal', type: 'main', index: 0 }]] },
			'Invoice Portal': { main: [[{ node: 'After Download', type: 'main', index: 0 }], []] },
			'Invoice Portal Trigger': { main: [[{ node: 'After Trigger', type: 'main', index: 0 }], []] },
		},
		settings: { executionOrder: 'v1' },
	});
	const location = findBrowser();
	if (location.kind !== 'executable') throw new Error('this test needs a local Chromium');
	const browser = await chromium.launch({ executablePath: location.path, args: ['--no-sandbox'] });
	try {
		const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
		const [name, value] = (await server.login(OWNER)).split('=');
		await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
		const page = await context.newPage();
		const asked: string[] = [];
		page.on('response', (response) => {
			const { pathname } = new URL(response.url());
			if (pathname.startsWith('/schemas/')) asked.push(`${response.status()} ${pathname}`);
		});
		await page.goto(`${server.url}/workflow/${id}`, { waitUntil: 'networkidle' });
		const open = async (nodeName: string) => {
			await page
				.locator('[data-test-id="canvas-node"]')
				.filter({ hasText: nodeName })
				.dblclick({ timeout: 30_000 });
			return page.locator('[data-test-id="ndv-input-panel"]');
		};

		const input = await open('After Download');
		const fields = input.locator('[data-test-id="run-data-schema-item"]');
		await fields.filter({ hasText: 'fileName' }).first().waitFor({ timeout: 30_000 });
		expect(asked).toEqual([`200 /schemas/${TYPE}/1.0.0/document/download.json`]);
		for (const field of ['sha256', 'issueDate', 'accountId'])
			await expect(fields.filter({ hasText: field }).count()).resolves.toBeGreaterThan(0);

		await page.keyboard.press('Escape');
		const afterTrigger = await open('After Trigger');
		await afterTrigger.waitFor({ timeout: 30_000 });
		const both = [
			`200 /schemas/${TYPE}/1.0.0/document/download.json`,
			`404 /schemas/${TYPE}Trigger/1.0.0.json`,
		];
		// The pane asks once it has opened; no event says when it is done.
		for (let waited = 0; asked.length < both.length && waited < 30_000; waited += 250)
			await page.waitForTimeout(250);
		expect(asked).toEqual(both);
	} finally {
		await browser.close();
	}
});

function node(
	name: string,
	type: string,
	position: [number, number],
	parameters: Record<string, unknown> = {},
) {
	return { id: name, name, type, typeVersion: 1, position, parameters };
}
