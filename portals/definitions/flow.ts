import type { Locator, Page } from 'playwright';
import type { AdapterEnv, ListControl, LoginOutcome, PortalAdapter } from '../core/adapter';
import type { PortalDocument } from '../core/documents';
import { readDownload, type RawFile } from '../core/download';
import { PortalError, safeUrl } from '../core/errors';
import type { DocumentFilters } from '../core/filters';
import type { Challenge } from '../core/session';
import { clickAndWaitForPage, openPage, required } from '../core/page-tools';
import { toDocument } from './fields';
import { hrefOf, matches, readRows, rowCount, selectOptions, textOf } from './page-reader';
import type { CodePrompt, DefinitionSpec } from './spec';

/**
 * Clicks, then waits until the page changed (a new page loaded, or a single-page app redrew
 * itself) and shows something the definition describes. Classic sites navigate; apps only
 * change the DOM, which a MutationObserver notices. When a loaded page shows nothing known,
 * the caller's rules report it (LAYOUT_CHANGED) after a short grace for late scripts.
 */
async function clickAndSettle(page: Page, button: Locator, ready: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __ipChanged?: boolean; __ipObserver?: MutationObserver };
		w.__ipObserver?.disconnect();
		w.__ipChanged = false;
		w.__ipObserver = new MutationObserver(() => {
			w.__ipChanged = true;
		});
		w.__ipObserver.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
	});
	await button.click();
	const deadline = Date.now() + timeoutMs;
	let loadedAt: number | undefined;
	while (Date.now() < deadline) {
		// After a navigation the marker is gone with the old page: undefined counts as changed.
		const state = await page.evaluate(() => (window as unknown as { __ipChanged?: boolean }).__ipChanged).catch(() => false as boolean | undefined);
		if (state !== false) {
			if (state === undefined) loadedAt ??= Date.now();
			if (await ready().catch(() => false)) return;
			if (loadedAt && Date.now() - loadedAt > 2_000) return;
		}
		await page.waitForTimeout(100);
	}
}

const contains = (text: string | undefined, words: string[] | undefined) => !!text && !!words?.some((w) => text.toLowerCase().includes(w.toLowerCase()));

/**
 * Carries out a portal definition: decides where to go and what to click, in the order the
 * definition gives; page-reader.ts reads the pages. Read-only towards the portal like every
 * adapter: it only fills login and code forms and follows links and buttons the definition names.
 */
export class DefinitionAdapter implements PortalAdapter {
	constructor(private readonly spec: DefinitionSpec) {}

	/** The definition's address on the base URL the run uses (the credential may point elsewhere). */
	private at(env: AdapterEnv, target: string): string {
		const url = new URL(target, this.spec.loginUrl);
		// Addresses on the definition's own login host move to wherever the credential points.
		if (url.origin !== new URL(this.spec.loginUrl).origin) return url.toString();
		return `${new URL(env.baseUrl).origin}${url.pathname}${url.search}`;
	}

	private async openDocuments(env: AdapterEnv): Promise<void> {
		const { url, clicks } = this.spec.documents;
		if (url) {
			const target = this.at(env, url);
			// Already there (the login or the session check ended on it): no second load.
			if (env.page.url() === target) return;
			return openPage(env.page, target);
		}
		for (const [i, selector] of (clicks ?? []).entries()) {
			await clickAndWaitForPage(await required(env.page.locator(selector), `documents.clicks[${i}] (${selector})`));
		}
	}

	async isLoggedIn(env: AdapterEnv): Promise<boolean> {
		if (this.spec.documents.url) await openPage(env.page, this.at(env, this.spec.documents.url));
		else await openPage(env.page, this.at(env, this.spec.loginUrl));
		// An app decides after loading whether to show the login or the account: wait for either.
		const loginField = this.spec.login.steps[0].fields[0].selector;
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			if (await matches(env.page, this.spec.login.loggedIn).catch(() => false)) return true;
			if ((await env.page.locator(loginField).count()) > 0 || (await this.knownOutcome(env.page).catch(() => false))) return false;
			await env.page.waitForTimeout(100);
		}
		return false;
	}

	async login(env: AdapterEnv): Promise<LoginOutcome> {
		await openPage(env.page, this.at(env, this.spec.loginUrl));
		for (const [i, step] of this.spec.login.steps.entries()) {
			for (const [j, field] of step.fields.entries()) {
				const input = await required(env.page.locator(field.selector), `login.steps[${i}].fields[${j}] (${field.selector})`);
				await input.fill(field.value === 'username' ? env.credentials.username : env.credentials.password);
			}
			const next = this.spec.login.steps[i + 1]?.fields[0]?.selector;
			await clickAndSettle(env.page, await required(env.page.locator(step.submit), `login.steps[${i}].submit (${step.submit})`), async () => (next ? (await env.page.locator(next).count()) > 0 : false) || (await this.knownOutcome(env.page)));
			// A step that already ends in an error (an unknown user name, say) goes no further.
			if (i < this.spec.login.steps.length - 1 && (await this.errorText(env.page))) break;
		}
		return this.whereAreWe(env.page);
	}

	async submitCode(env: AdapterEnv, challenge: Challenge, code: string): Promise<LoginOutcome> {
		const prompt = this.spec.login.codePrompts?.find((p) => p.method === challenge.method);
		if (!prompt) throw new PortalError('LAYOUT_CHANGED', `${this.spec.name}: no code prompt for ${challenge.method} in the definition.`, { missingElement: 'login.codePrompts' });
		await (await required(env.page.locator(prompt.input), `code prompt ${prompt.method}: input (${prompt.input})`)).fill(code.trim());
		if (prompt.rememberDevice && (await env.page.locator(prompt.rememberDevice).count())) await env.page.locator(prompt.rememberDevice).first().check();
		await clickAndSettle(env.page, await required(env.page.locator(prompt.submit), `code prompt ${prompt.method}: submit (${prompt.submit})`), () => this.knownOutcome(env.page));
		return this.whereAreWe(env.page, prompt);
	}

	/** The page shows something the login rules describe: logged in, a code prompt, an error, an interstitial. */
	private async knownOutcome(page: Page): Promise<boolean> {
		const { login } = this.spec;
		if (await matches(page, login.loggedIn)) return true;
		if (await this.errorText(page)) return true;
		for (const detect of [...(login.codePrompts ?? []).map((p) => p.detect), ...(login.interstitials ?? []).map((i) => i.detect)]) {
			if (await matches(page, detect)) return true;
		}
		return false;
	}

	private async errorText(page: Page): Promise<string | undefined> {
		const errors = this.spec.login.errors;
		return errors ? textOf(page, errors.selector) : undefined;
	}

	/** What the page after a login step means, by the definition's rules, in this order. */
	private async whereAreWe(page: Page, answered?: CodePrompt): Promise<LoginOutcome> {
		const { login } = this.spec;
		if (await matches(page, login.loggedIn)) return { kind: 'loggedIn' };
		const message = await this.errorText(page);
		for (const prompt of login.codePrompts ?? []) {
			if (!(await matches(page, prompt.detect))) continue;
			const promptText = prompt.detect.selector ? await textOf(page, prompt.detect.selector) : undefined;
			const rejected = answered?.method === prompt.method && (contains(message, prompt.wrongCode) || !prompt.wrongCode) ? 'WRONG_CODE' : undefined;
			return { kind: 'challenge', challenge: { method: prompt.method, portalMessage: [message, promptText].filter(Boolean).join(' ') || undefined, rejected } };
		}
		for (const interstitial of login.interstitials ?? []) {
			if (await matches(page, interstitial.detect)) throw new PortalError(interstitial.reason, `${this.spec.name}: the portal shows a page that needs you (${interstitial.reason}).`, { portalMessage: message });
		}
		if (contains(message, login.errors?.locked)) throw new PortalError('ACCOUNT_LOCKED', `The portal says: ${message}`, { portalMessage: message });
		if (contains(message, login.errors?.wrongCredentials)) throw new PortalError('WRONG_CREDENTIALS', `The portal says: ${message}`, { portalMessage: message });
		throw new PortalError('LAYOUT_CHANGED', `${this.spec.name}: after logging in, the page matches none of the definition's rules (login.loggedIn, code prompts, errors)${message ? `; the portal says: ${message}` : ''}.`, {
			missingElement: `login.loggedIn (${login.loggedIn.selector ?? login.loggedIn.urlContains})`,
			url: safeUrl(page.url()),
			portalMessage: message,
		});
	}

	async *listDocuments(env: AdapterEnv, _filters: DocumentFilters, control?: ListControl): AsyncIterable<PortalDocument> {
		const { documents } = this.spec;
		await this.openDocuments(env);
		// Apps render their rows after the page loaded; an empty list simply has none.
		await env.page.locator(documents.rows).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
		const accounts = documents.accounts ? await selectOptions(env.page, documents.accounts.select) : [];
		if (documents.accounts && !accounts.length) throw new PortalError('LAYOUT_CHANGED', `${this.spec.name}: the sub-account list (${documents.accounts.select}) is not on the documents page.`, { missingElement: `documents.accounts.select (${documents.accounts.select})` });
		const targets = accounts.length ? accounts.map((a) => a.value) : [''];
		for (const [i, account] of targets.entries()) {
			if (documents.accounts && i > 0) {
				await this.openDocuments(env);
				// Choosing another sub-account reloads the page on most portals (a form submit).
				const select = await required(env.page.locator(documents.accounts.select), `documents.accounts.select (${documents.accounts.select})`);
				await Promise.all([env.page.waitForEvent('domcontentloaded', { timeout: 30_000 }), select.selectOption(account)]);
			}
			yield* this.pagesOf(env, account, control);
		}
	}

	private async *pagesOf(env: AdapterEnv, account: string, control?: ListControl): AsyncIterable<PortalDocument> {
		const { documents } = this.spec;
		const pagination = documents.pagination ?? {};
		const maxPages = pagination.maxPages ?? 200;
		const fields = { ...documents.fields, id: documents.id.field, link: documents.download.link };
		const startUrl = env.page.url();
		let seen = 0;
		for (let pageNo = 1; pageNo <= maxPages; pageNo++) {
			// Load-more and infinite scroll add rows to the same page: only the new ones count.
			const rows = (await readRows(env.page, documents.rows, fields)).slice(seen);
			const docs = rows.map((row) => toDocument(this.spec, row, account, env.page.url()));
			seen += rows.length;
			yield* docs;
			if (!docs.length || control?.pageDone(docs)) return;
			if (pagination.next) {
				const next = await hrefOf(env.page, pagination.next);
				if (!next) return;
				await openPage(env.page, next);
				seen = 0;
			} else if (pagination.pageParam) {
				const url = new URL(startUrl);
				url.searchParams.set(pagination.pageParam, String(pageNo + 1));
				await openPage(env.page, url.toString());
				seen = 0;
			} else if (pagination.loadMore || pagination.infiniteScroll) {
				const button = pagination.loadMore ? env.page.locator(pagination.loadMore) : undefined;
				if (button && !(await button.count())) return;
				const before = await rowCount(env.page, documents.rows);
				if (button) await button.first().click();
				else await env.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
				const grew = await env.page
					.waitForFunction(({ rows, count }) => document.querySelectorAll(rows).length > count, { rows: documents.rows, count: before }, { timeout: 5_000 })
					.then(() => true, () => false);
				if (!grew) return;
			} else return;
		}
	}

	/** Documents without a link: click the row's download button on the page it was listed on. */
	async download(env: AdapterEnv, doc: PortalDocument): Promise<RawFile> {
		const click = this.spec.documents.download.click!;
		const { pageUrl, index } = JSON.parse(doc.locator ?? '{}') as { pageUrl: string; index: number };
		await openPage(env.page, pageUrl);
		const row = (await required(env.page.locator(this.spec.documents.rows).nth(index), `documents.rows row ${index + 1}`)).locator(click);
		const [download] = await Promise.all([env.page.waitForEvent('download', { timeout: 30_000 }), (await required(row, `documents.download.click (${click})`)).click()]);
		return readDownload(download, env.maxFileBytes);
	}
}
