import { readFileSync } from 'node:fs';
import type { Page } from 'playwright';
import { withContext } from '../../../portals/core/browser/launch';
import { MAX_DEBUG_HTML_CHARS, redactedHtml } from '../../../portals/core/browser/debug-html';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { account, demoDefinitionFile, startDemo } from '../../helpers/demo';
import { findSecrets } from '../../helpers/secret-scan';
import { demoCredential, loadWorkflow } from '../../helpers/workflows';
import { hideBrowsers } from '../../helpers/hide-browsers';

/**
 * No secrets anywhere (issue 7). Every test file's outputs, errors and log lines are searched
 * after the file for the secrets its demo portals issued or received (tests/helpers/
 * after-each-file.ts); this file proves that search finds what it must, and that debug HTML,
 * the one piece of debug material that carries page text, is redacted.
 */

describe('the suite-wide secret scan', () => {
	const password = 'Correct-Horse-7';
	const cookie = 'oWq3ZbVh0nYk2Lr9TfXe1aPs';

	test('finds a secret in an item, in decoded binary debug material, in an error description and in a log line', () => {
		const material = [
			{ source: 'item', text: JSON.stringify({ nested: { note: `login with ${password}` } }) },
			{
				source: 'binary page of Invoice Portal',
				text: Buffer.from(`<input value="${cookie}">`).toString('latin1'),
			},
			{
				source: 'error',
				text: JSON.stringify({ message: 'failed', description: `cookie sid=${cookie}` }),
			},
			{ source: 'console.log', text: 'code 493027 accepted' },
		];
		const hits = findSecrets(material, [password, cookie, '493027']);
		expect(hits.map((h) => h.source)).toEqual([
			'item',
			'binary page of Invoice Portal',
			'error',
			'console.log',
		]);
		// The report points at the leak without repeating the secret.
		expect(JSON.stringify(hits)).not.toContain(password);
	});

	test('a six-digit code is a hit as a token, not as a piece of an invoice number or a timestamp', () => {
		const material = [{ source: 'item', text: '{"number":"INV-2026-4930271","at":1784930270123}' }];
		expect(findSecrets(material, ['493027'])).toEqual([]);
		expect(findSecrets([{ source: 'x', text: 'code: 493027.' }], ['493027'])).toHaveLength(1);
	});
});

describe('debug HTML', () => {
	async function onPage<T>(html: string, act: (page: Page) => Promise<T>): Promise<T> {
		return withContext((context) =>
			context.newPage().then(async (page) => {
				await page.setContent(html);
				return act(page);
			}),
		);
	}

	test('keeps the structure a layout fix needs and drops typed values, hidden tokens, token attributes, inline scripts and query strings', async () => {
		const html = await onPage(
			`<html><head><meta name="csrf-token" content="meta-token-111111"><script>window.session = "script-token-222222";</script></head><body>
			<form id="login" action="/login?sid=query-token-333333"><input type="hidden" name="csrf" value="hidden-token-444444">
			<input name="username" id="user"><input type="password" name="password" id="pw"><textarea name="note">textarea-secret-555555</textarea>
			<button type="button" class="download" data-csrf="data-token-666666" data-export="/x/export?token=q-777777">Download</button></form>
			<a href="/invoices?page=2&amp;session=link-token-888888">Next</a><table id="invoice-list"><tr><td>INV-1</td></tr></table></body></html>`,
			async (page) => {
				await page.fill('#user', 'typed-user-999999');
				await page.fill('#pw', 'typed-password-000000');
				return redactedHtml(page);
			},
		);
		expect(html).toBeDefined();
		for (const secret of [
			'meta-token-111111',
			'script-token-222222',
			'query-token-333333',
			'hidden-token-444444',
			'textarea-secret-555555',
			'data-token-666666',
			'q-777777',
			'link-token-888888',
			'typed-user-999999',
			'typed-password-000000',
		]) {
			expect(html).not.toContain(secret);
		}
		expect(html).toContain('<table id="invoice-list">');
		expect(html).toContain('<form id="login" action="/login">');
		expect(html).toMatch(/<input type="password" name="password" id="pw" value="\[redacted\]">/);
		expect(html).toContain('<a href="/invoices">Next</a>');
		expect(html).toContain('class="download"');
	});

	test('of a page of many rows is cut at its cap, in the page, keeping its start', async () => {
		const rows = '<tr><td>INV-0001</td><td>12.00 EUR</td></tr>'.repeat(60_000); // about 2.6 MB
		const html = await onPage(
			`<html><body><table id="invoice-list">${rows}</table></body></html>`,
			redactedHtml,
		);
		expect(
			html!.startsWith('<!doctype html>\n<html><head></head><body><table id="invoice-list">'),
		).toBe(true);
		expect(html!.endsWith(`<!-- cut at ${MAX_DEBUG_HTML_CHARS} characters -->`)).toBe(true);
		expect(html!.length).toBeLessThan(MAX_DEBUG_HTML_CHARS + 100);
	});
});

describe('through n8n, a changed layout', () => {
	let demo: DemoPortal;
	beforeAll(async () => {
		demo = await startDemo();
	});

	test('reports LAYOUT_CHANGED with a screenshot and the redacted page, which shows the renamed table and no session material', async () => {
		demo.state.faults.renamedTable = true;
		const credential = demoCredential(demo, 'anna@example.test');
		const run = await runWorkflow(loadWorkflow('download.json'), {
			credentials: { 'cred-1': credential },
		});
		const [action] = run.output('Invoice Portal', 1);
		expect(action.json).toMatchObject({ status: 'action_required', reason: 'LAYOUT_CHANGED' });
		expect(action.binary?.screenshot?.mimeType).toBe('image/png');
		expect(action.binary?.page).toMatchObject({ mimeType: 'text/html', fileName: 'portal.html' });
		const html = (await binaryBuffer(action, 'page')).toString('utf8');
		expect(html).toContain('<table id="invoice-list">');
		expect(html).toContain('CUST-1001');
		const hits = findSecrets([{ source: 'page.html', text: html }], demo.state.secrets());
		expect(hits).toEqual([]);
		// The page had session material to leak: the account switcher's CSRF field.
		expect(html).toMatch(/name="csrf" value="\[redacted\]"/);
	});
});

describe('through n8n over plain HTTP (a definition, every browser hidden)', () => {
	hideBrowsers();

	test('a changed layout and a wrong password: no item, error or redacted page holds the password, a session cookie or a CSRF token', async () => {
		const demo = await startDemo();
		const login = 'anna@example.test';
		// The demo's definition after a redesign of the sub-account switcher (the portal renamed
		// it): the run signs in, reaches the documents page and finds the switcher missing there.
		const definition = readFileSync(demoDefinitionFile('demo-telecom'), 'utf8').replace(
			'select#account',
			'select#customer-number',
		);
		const credential = { ...demoCredential(demo, login), portal: 'custom', definition };
		const changed = await runWorkflow(loadWorkflow('download.json'), {
			credentials: { 'cred-1': credential },
		});
		const [action] = changed.output('Invoice Portal', 1);
		expect(action.json).toMatchObject({
			status: 'action_required',
			reason: 'LAYOUT_CHANGED',
			engine: 'http',
		});
		// No picture without a browser; the page's HTML is what a bug report gets.
		expect(action.binary?.screenshot).toBeUndefined();
		expect(action.binary?.page).toMatchObject({ mimeType: 'text/html', fileName: 'portal.html' });
		const html = (await binaryBuffer(action, 'page')).toString('utf8');
		expect(html).toContain('<table id="documents">');
		// The page had session material to leak: the CSRF fields of the switcher and export forms.
		expect(html).toMatch(/name="csrf" value="\[redacted\]"/);

		const refused = await runWorkflow(loadWorkflow('download.json'), {
			credentials: { 'cred-1': { ...credential, password: 'Wrong-Password-7' } },
		});
		const error = refused.error('Invoice Portal');
		expect(error?.message).toContain('incorrect');

		// Every session the portal opened for these runs (the cookie's value) and its CSRF token.
		const sessions = [...demo.state.sessions.values()];
		expect(sessions.some((s) => s.login === login)).toBe(true);
		const secrets = [
			account(login).password,
			'Wrong-Password-7',
			...sessions.flatMap((s) => [s.id, s.csrf]),
		];
		const material = [
			...[0, 1].flatMap((output) =>
				changed.output('Invoice Portal', output).map((item) => ({
					source: `item on output ${output}`,
					text: JSON.stringify(item.json),
				})),
			),
			{ source: 'portal.html', text: html },
			{
				source: 'error',
				text: JSON.stringify({
					message: error?.message,
					description: (error as { description?: string }).description,
				}),
			},
		];
		expect(findSecrets(material, secrets)).toEqual([]);
	});
});
