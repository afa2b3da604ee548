import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright';
import type { N8nServer } from './n8n-server';

/**
 * The Invoice Portal node's panel (parameters) in the real editor, for the README: once as it
 * opens (one "Credential to connect with": the portal account) and once with Captcha Solver set
 * to Solver Service (the solver's credential dropdown appears below the account's).
 */
export async function shootNodePanel(
	server: N8nServer,
	context: BrowserContext,
	out: string,
): Promise<void> {
	const credential = await server.api<{ id: string; name: string }>('POST', '/credentials', {
		name: 'Demo Telecom',
		type: 'invoicePortalApi',
		data: { portal: 'demo-telecom', username: 'sara@example.test', password: 'demo-password' },
	});
	const node = {
		id: 'b4a1e1a0-0000-4000-8000-000000000001',
		name: 'Invoice Portal',
		type: 'n8n-nodes-invoice-portals.invoicePortal',
		typeVersion: 1,
		position: [240, 0],
		parameters: {
			resource: 'document',
			operation: 'download',
			binaryPropertyName: 'data',
			filters: {},
			onlyNew: true,
		},
		credentials: { invoicePortalApi: { id: credential.id, name: credential.name } },
	};
	const { id } = await server.api<{ id: string }>('POST', '/workflows', {
		name: 'Invoice Portal node panel',
		nodes: [node],
		connections: {},
		settings: { executionOrder: 'v1' },
	});
	const page = await context.newPage();
	try {
		await page.goto(`${server.url}/workflow/${id}`, { waitUntil: 'networkidle' });
		await page.locator('[data-test-id="canvas-node"]').first().dblclick({ timeout: 30_000 });
		await page
			.locator('[data-test-id="parameter-input-captchaSolver"]')
			.waitFor({ timeout: 30_000 });
		await settle(page);
		await shoot(page, join(out, 'node-panel.png'));

		await page.locator('[data-test-id="parameter-input-captchaSolver"]').click();
		await page.getByRole('option', { name: 'Solver Service' }).click();
		await settle(page);
		await shoot(page, join(out, 'node-panel-captcha-solver.png'));
	} finally {
		await page.close();
	}
}

async function settle(page: Page): Promise<void> {
	// Close an open dropdown's tooltip, let the panel finish its transitions.
	await page.mouse.move(5, 5);
	await page.waitForTimeout(1_000);
}

async function shoot(page: Page, path: string): Promise<void> {
	await page.screenshot({ path });
	console.log(`saved ${path}`);
}
