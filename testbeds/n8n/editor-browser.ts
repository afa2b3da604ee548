import {
	chromium,
	selectors,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page,
} from 'playwright';
import { findBrowser } from '../../portals/core/browser/finder';
import type { N8nServer, OwnerLogin } from './n8n-server';

/**
 * The real n8n editor in headless Chromium, driven as a person does: the node picker, the node's
 * panel, its dropdowns and the credential dialog. Used by the editor tier (tests/e2e/editor*.e2e.ts)
 * and by `npm run screenshots`, so the README's editor pictures show what the tier checks.
 *
 * Locators are n8n's own data-test-id attributes (n8n 2.8.4's editor, read in its bundle) and
 * visible texts; waits are on what appears, never fixed sleeps (2 cores, a slow first paint).
 */

const WAIT = 30_000;

/** Waits until `read` gives `want` (the editor updates a field a moment after the click). */
async function settles<T>(read: () => Promise<T>, want: T, what: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	let last: T | undefined;
	while (Date.now() < deadline) {
		last = await read();
		if (last === want) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${what}: still ${JSON.stringify(last)} after 10 s`);
}

export class EditorBrowser {
	private constructor(
		readonly server: N8nServer,
		private readonly browser: Browser,
		readonly context: BrowserContext,
		readonly page: Page,
	) {}

	/** Chromium (the machine's own, as the package's engines find it), signed in as the owner. */
	static async open(
		server: N8nServer,
		owner: OwnerLogin,
		viewport = { width: 1600, height: 900 },
	): Promise<EditorBrowser> {
		// n8n marks its elements with data-test-id, not Playwright's default data-testid.
		selectors.setTestIdAttribute('data-test-id');
		const location = findBrowser();
		if (location.kind !== 'executable') throw new Error('the editor tier needs a local Chromium');
		const browser = await chromium.launch({
			executablePath: location.path,
			headless: true,
			args: ['--no-sandbox'],
		});
		try {
			const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
			const [name, value] = (await server.login(owner)).split('=');
			await context.addCookies([{ name, value, domain: '127.0.0.1', path: '/' }]);
			const page = await context.newPage();
			page.setDefaultTimeout(WAIT);
			return new EditorBrowser(server, browser, context, page);
		} catch (error) {
			await browser.close();
			throw error;
		}
	}

	async close(): Promise<void> {
		await this.browser.close();
	}

	// --- canvas and node picker ---

	/** An empty workflow in the editor. */
	async newWorkflow(): Promise<void> {
		await this.page.goto(`${this.server.url}/workflow/new`);
		await this.page.getByTestId('canvas-add-button').waitFor();
	}

	/** A saved workflow, opened as from the workflows list. */
	async openWorkflow(id: string): Promise<void> {
		await this.page.goto(`${this.server.url}/workflow/${id}`);
		await this.page.getByTestId('canvas-node').first().waitFor();
	}

	/**
	 * Adds a node as a person does: the canvas's + (or "Add first step"), the picker's search, the
	 * node, then the action. The panel of the new node opens.
	 */
	async addNode(node: string, action: string): Promise<void> {
		const first = this.page.getByTestId('canvas-add-button');
		if (await first.isVisible()) await first.click();
		else await this.page.getByTestId('node-creator-plus-button').click();
		const picker = this.page.getByTestId('node-creator');
		await picker.getByTestId('node-creator-search-bar').fill(node);
		await picker.getByTestId('node-creator-item-name').getByText(node, { exact: true }).click();
		// The node's page lists its triggers and actions under headings; a folded heading (Actions,
		// in the "What triggers this workflow?" view) opens on a click.
		const item = picker
			.getByTestId('item-iterator-item')
			.filter({ has: this.page.getByText(action, { exact: true }) });
		const folded = picker.locator(
			'[data-category-collapsed="true"] [data-test-id="node-creator-category-item"]',
		);
		await item.or(folded).first().waitFor();
		while (!(await item.isVisible()) && (await folded.count()) > 0) await folded.first().click();
		await item.click();
		await this.ndv.waitFor();
	}

	/** The canvas node of this name. */
	canvasNode(name: string): Locator {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	}

	/** Opens a node's panel (double click on the canvas). */
	async openNode(name: string): Promise<void> {
		await this.canvasNode(name).dblclick();
		await this.ndv.waitFor();
	}

	async closeNode(): Promise<void> {
		await this.page.getByTestId('ndv-close-button').click();
		await this.ndv.waitFor({ state: 'hidden' });
	}

	/**
	 * Saves the workflow (Ctrl+S) and returns its id from the address the editor moves to. n8n 2.8
	 * also saves by itself a moment after each change and shows no "Saved": the save is done when
	 * the stored workflow holds every node on the canvas and stops changing.
	 */
	async saveWorkflow(): Promise<string> {
		await this.page.keyboard.press('Control+s');
		await this.page.waitForURL(/\/workflow\/(?!new)[^/?]+/);
		const id = new URL(this.page.url()).pathname.split('/')[2];
		const onCanvas = (
			await this.page
				.getByTestId('canvas-node')
				.evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-node-name') ?? ''))
		).sort();
		let previous = '';
		const deadline = Date.now() + WAIT;
		while (Date.now() < deadline) {
			const response = await this.page.request.get(`${this.server.url}/rest/workflows/${id}`);
			const stored = JSON.stringify(((await response.json()) as { data: unknown }).data);
			const names = ((JSON.parse(stored) as { nodes?: Array<{ name: string }> }).nodes ?? []).map(
				(n) => n.name,
			);
			if (stored === previous && JSON.stringify(names.sort()) === JSON.stringify(onCanvas))
				return id;
			previous = stored;
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(
			`workflow ${id} was not saved with the canvas's nodes (${onCanvas.join(', ')})`,
		);
	}

	// --- the node's panel ---

	get ndv(): Locator {
		return this.page.getByTestId('ndv');
	}

	/** A field's input in the open panel (or dialog), by the field's name. */
	parameter(name: string, within: Locator = this.ndv): Locator {
		return within.getByTestId(`parameter-input-${name}`);
	}

	/** The field's label in the open panel: what a person reads to find it. */
	parameterLabel(displayName: string): Locator {
		return this.ndv
			.getByTestId('node-parameters')
			.getByTestId('input-label')
			.getByText(displayName, { exact: true });
	}

	/** The option labels a list field's dropdown shows; the dropdown is closed again. */
	async optionsOf(name: string, within: Locator = this.ndv): Promise<string[]> {
		const list = await this.openList(this.parameter(name, within));
		const names = await this.dropdownNames(list);
		await this.page.keyboard.press('Escape');
		await list.first().waitFor({ state: 'hidden' });
		return names;
	}

	/**
	 * The options a collection's "Add …" dropdown offers (Filters' Add Filter), found by the
	 * collection's label; the dropdown is closed again.
	 */
	async collectionOptionsOf(displayName: string): Promise<string[]> {
		const item = this.ndv
			.getByTestId('parameter-item')
			.filter({
				has: this.page.getByTestId('input-label').getByText(displayName, { exact: true }),
			})
			.first();
		// n8n shows a collection of one option as a button, "Add Option", not as a dropdown: a
		// click adds that option, whose label then shows inside the collection.
		const input = item.locator('input[role="combobox"]');
		await item.waitFor();
		if ((await input.count()) === 0) {
			await item
				.getByRole('button', { name: /^add\b/i })
				.first()
				.click();
			const added = item.getByTestId('parameter-item').getByTestId('input-label');
			await added.first().waitFor();
			// The label's title only: the label also holds the Fixed / Expression switch.
			return added.evaluateAll((labels) =>
				labels
					.map((l) => (l.querySelector('[class*="title"]') ?? l).textContent ?? '')
					.map((t) => t.replace(/(Fixed)?(Expression)?\s*$/, '').trim())
					.filter(Boolean),
			);
		}
		const list = await this.openList(item);
		const names = await this.dropdownNames(list);
		await this.page.keyboard.press('Escape');
		await list.first().waitFor({ state: 'hidden' });
		return names;
	}

	/** Picks an option of a list field by its label (the whole label, not a part of it). */
	async select(name: string, option: string, within: Locator = this.ndv): Promise<void> {
		const list = await this.openList(this.parameter(name, within));
		const names = await this.dropdownNames(list);
		const index = names.indexOf(option);
		if (index < 0) throw new Error(`${name} offers no option ${option} (${names.join(', ')})`);
		await list.nth(index).click();
		await list.first().waitFor({ state: 'hidden' });
		await settles(() => this.selected(name, within), option, `${name} shows ${option}`);
	}

	/** The labels of the dropdown open now: an option shows its name, and its description below. */
	private async dropdownNames(list: Locator): Promise<string[]> {
		await list.first().waitFor();
		return list.evaluateAll((items) =>
			items.map((item) =>
				(item.querySelector('.option-headline')?.textContent ?? item.textContent ?? '').trim(),
			),
		);
	}

	/** The text a list field shows as picked. */
	async selected(name: string, within: Locator = this.ndv): Promise<string> {
		return this.parameter(name, within).locator('input').first().inputValue();
	}

	/**
	 * Opens a dropdown and returns its items. n8n appends the list to the page's body; its input
	 * names the list (aria-controls), so only this dropdown's items count, not those of one still
	 * closing.
	 */
	private async openList(field: Locator): Promise<Locator> {
		const input = field.locator('input[role="combobox"]').first();
		await input.click();
		const id = await input.getAttribute('aria-controls');
		return this.page.locator(`[id="${id}"] [role="option"]`);
	}

	// --- credential dropdowns ---

	/** The labels of the credential dropdowns the panel shows, top to bottom. */
	async credentialLabels(): Promise<string[]> {
		return this.ndv
			.getByTestId('credentials-label')
			.evaluateAll((items) =>
				items.map((item) => (item.querySelector('label')?.textContent ?? '').trim()),
			);
	}

	/** The credential dropdown under this label. */
	credentialSelect(label: string): Locator {
		return this.ndv
			.getByTestId('credentials-label')
			.filter({ hasText: label })
			.getByTestId('node-credentials-select');
	}

	/** The credential name a dropdown shows as picked ('' for none). */
	async credentialPicked(label: string): Promise<string> {
		return this.credentialSelect(label).locator('input').first().inputValue();
	}

	/** The credential names a dropdown lists; the dropdown is closed again. */
	async credentialChoices(label: string): Promise<string[]> {
		await this.credentialSelect(label).click();
		const items = this.page.locator('[data-test-id^="node-credentials-select-item-"]:visible');
		const create = this.page
			.getByTestId('node-credentials-select-item-new')
			.filter({ visible: true });
		await create.waitFor();
		const names = (await items.allInnerTexts())
			.map((text) => text.split('\n')[0].trim())
			.filter((text) => text && !/create new credential/i.test(text));
		await this.page.keyboard.press('Escape');
		await create.waitFor({ state: 'hidden' });
		return names;
	}

	async pickCredential(label: string, name: string): Promise<void> {
		await this.credentialSelect(label).click();
		await this.page
			.locator('[data-test-id^="node-credentials-select-item-"]:visible')
			.filter({ hasText: name })
			.first()
			.click();
		await settles(() => this.credentialPicked(label), name, `${label} shows ${name}`);
	}

	/** Opens the credential dialog for a new credential from a dropdown's "Create new credential". */
	async createCredentialFrom(label: string): Promise<Locator> {
		await this.credentialSelect(label).click();
		await this.page
			.getByTestId('node-credentials-select-item-new')
			.filter({ visible: true })
			.click();
		const dialog = this.credentialDialog;
		await dialog.waitFor();
		return dialog;
	}

	/** The credential dialog: its name and Save button sit above n8n's credential-edit-dialog part. */
	get credentialDialog(): Locator {
		return this.page
			.locator('.el-dialog')
			.filter({ has: this.page.getByTestId('credential-edit-dialog') });
	}

	/** Fills a text field of the credential dialog. */
	async fillCredentialField(name: string, value: string): Promise<void> {
		const input = this.parameter(name, this.credentialDialog).locator('input, textarea').first();
		await input.fill(value);
	}

	/** Renames the credential in its dialog (the name at the top). */
	async nameCredential(name: string): Promise<void> {
		await this.credentialDialog.getByTestId('credential-name').click();
		const input = this.credentialDialog.getByTestId('inline-edit-input');
		await input.fill(name);
		await input.press('Enter');
	}

	/**
	 * Saves the credential: n8n then runs its test (the Test button's), and shows the result above
	 * the fields. Returns that result's text.
	 */
	async saveCredential(): Promise<string> {
		const save = this.credentialDialog.getByTestId('credential-save-button');
		await save.click();
		// The button reads Saving, then Testing while the test runs, then Saved.
		await save.getByText('Saved', { exact: true }).waitFor({ timeout: 120_000 });
		const config = this.credentialDialog.getByTestId('node-credentials-config-container');
		// A failed test says "Couldn't connect with these settings"; the test's message is behind
		// "More details", as a person reads it.
		const more = config.getByText('More details', { exact: true });
		if (await more.isVisible()) {
			await more.click();
			await more.waitFor({ state: 'hidden' });
		}
		return (await config.innerText()).trim();
	}

	async closeCredentialDialog(): Promise<void> {
		await this.credentialDialog.locator('.el-dialog__close').first().click();
		await this.credentialDialog.waitFor({ state: 'hidden' });
	}

	/** A picture of the page as it is, after the pointer is moved out of the way. */
	async shoot(path: string, clip?: Locator): Promise<void> {
		// n8n's notices ("Credential successfully created ...") would cover the panel: closed first.
		const notices = this.page.locator('.el-notification:visible');
		for (const close of await notices.locator('.el-notification__closeBtn').all())
			await close.click();
		await notices.first().waitFor({ state: 'hidden' });
		await this.page.mouse.move(1, 1);
		await this.page.evaluate(() => document.fonts.ready);
		if (clip) await clip.screenshot({ path, animations: 'disabled' });
		else await this.page.screenshot({ path, animations: 'disabled' });
	}
}
