import type { Locator, Page } from 'playwright';
import type {
	AdapterEnv,
	ListControl,
	LoginOutcome,
	PortalAdapter,
} from '../core/contract/adapter';
import type { PortalDocument } from '../core/contract/documents';
import { readDownload, type RawFile } from '../core/collection/download';
import { PortalError } from '../core/outcomes/errors';
import type { DocumentFilters } from '../core/collection/filters';
import type { Challenge } from '../core/login/session';
import { clickAndWaitForPage, openPage, required } from '../adapter-kit/page-tools';
import { fieldValue, toDocuments } from './fields';
import { matches, readRows, selectOptions } from './page-reader';
import { turnPage } from './pagination';
import { urlAllowed } from '../core/browser/boundary';
import { LoginRules } from './login-rules';
import type { CodePrompt, DefinitionSpec, IdentityProviderSpec, LoginStep } from './spec';

/**
 * Clicks, then waits until the page changed (a new page loaded, or a single-page app redrew
 * itself) and shows something the definition describes. Classic sites navigate; apps only
 * change the DOM, which a MutationObserver notices. When a loaded page shows nothing known,
 * the caller's rules report it (LAYOUT_CHANGED) after a short grace for late scripts.
 */
async function clickAndSettle(
	page: Page,
	button: Locator,
	ready: () => Promise<boolean>,
	timeoutMs = 20_000,
): Promise<void> {
	await page.evaluate(() => {
		const w = window as unknown as { __ipChanged?: boolean; __ipObserver?: MutationObserver };
		w.__ipObserver?.disconnect();
		w.__ipChanged = false;
		w.__ipObserver = new MutationObserver(() => {
			w.__ipChanged = true;
		});
		w.__ipObserver.observe(document, {
			subtree: true,
			childList: true,
			characterData: true,
			attributes: true,
		});
	});
	await button.click();
	const deadline = Date.now() + timeoutMs;
	let loadedAt: number | undefined;
	while (Date.now() < deadline) {
		// After a navigation the marker is gone with the old page: undefined counts as changed.
		const state = await page
			.evaluate(() => (window as unknown as { __ipChanged?: boolean }).__ipChanged)
			.catch(() => false as boolean | undefined);
		if (state !== false) {
			if (state === undefined) loadedAt ??= Date.now();
			if (await ready().catch(() => false)) return;
			if (loadedAt && Date.now() - loadedAt > 2_000) return;
		}
		await page.waitForTimeout(100);
	}
}

/**
 * Carries out a portal definition: decides where to go and what to click, in the order the
 * definition gives; page-reader.ts reads the pages and login-rules.ts says what a sign-in page
 * means. Read-only towards the portal like every adapter: it only fills login and code forms,
 * passes the sign-in's own confirmation pages, and follows links and buttons the definition names.
 *
 * With single sign-on (login.sso), the portal's button leads to the identity provider, whose
 * definition gives the sign-in steps and code prompts; the provider then sends the browser back
 * to the portal, where login.loggedIn tells that it worked.
 */
export class DefinitionAdapter implements PortalAdapter {
	private readonly portalRules: LoginRules;
	private readonly idpRules?: LoginRules;

	constructor(
		private readonly spec: DefinitionSpec,
		private readonly idp?: IdentityProviderSpec,
	) {
		this.portalRules = new LoginRules(
			'The portal',
			`the definition ${spec.name}`,
			spec.login,
			'login',
		);
		if (idp)
			this.idpRules = new LoginRules(
				`The identity provider ${idp.name}`,
				`the identity-provider definition ${idp.name}`,
				idp.login,
				`identity provider ${idp.slug}: login`,
			);
	}

	/** The definition's address on the base URL the run uses (the credential may point elsewhere). */
	private at(env: AdapterEnv, target: string): string {
		const url = new URL(target, this.spec.loginUrl);
		// Addresses on the definition's own login host move to wherever the credential points.
		if (url.origin !== new URL(this.spec.loginUrl).origin) return url.toString();
		return `${new URL(env.baseUrl).origin}${url.pathname}${url.search}`;
	}

	/** The identity provider's rules while the browser is away from the portal, else the portal's. */
	private rulesFor(env: AdapterEnv): LoginRules {
		if (!this.idpRules) return this.portalRules;
		const url = new URL(env.page.url());
		const onPortal =
			url.origin === new URL(env.baseUrl).origin || urlAllowed(url, this.spec.domains);
		return onPortal ? this.portalRules : this.idpRules;
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
			await clickAndWaitForPage(
				await required(env.page.locator(selector), `documents.clicks[${i}] (${selector})`),
			);
		}
	}

	async isLoggedIn(env: AdapterEnv): Promise<boolean> {
		if (this.spec.documents.url) await openPage(env.page, this.at(env, this.spec.documents.url));
		else await openPage(env.page, this.at(env, this.spec.loginUrl));
		// An app decides after loading whether to show the login or the account: wait for either.
		const loginProbe = this.idp
			? this.spec.login.ssoButton!
			: this.spec.login.steps![0].fields[0].selector;
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			if (await matches(env.page, this.spec.login.loggedIn).catch(() => false)) return true;
			// Not knownOutcome(): it counts a signed-in page too, which an app may have drawn
			// since the line above (a restored session was then taken for a signed-out one).
			if (
				(await env.page.locator(loginProbe).count()) > 0 ||
				(await this.rulesFor(env)
					.known(env.page)
					.catch(() => false))
			)
				return false;
			await env.page.waitForTimeout(100);
		}
		return false;
	}

	async login(env: AdapterEnv): Promise<LoginOutcome> {
		await openPage(env.page, this.at(env, this.spec.loginUrl));
		if (!this.idp) {
			await this.fillSteps(env, this.spec.login.steps!, 'login');
			return this.whereAreWe(env);
		}
		const button = this.spec.login.ssoButton!;
		const firstField = this.idp.login.steps[0].fields[0].selector;
		await clickAndSettle(
			env.page,
			await required(env.page.locator(button), `login.ssoButton (${button})`),
			async () =>
				(await env.page.locator(firstField).count()) > 0 || (await this.knownOutcome(env)),
		);
		// Still signed in at the provider: it sent the browser straight back.
		if (this.rulesFor(env) === this.portalRules) return this.whereAreWe(env);
		await this.fillSteps(env, this.idp.login.steps, `identity provider ${this.idp.slug}: login`);
		return this.whereAreWe(env);
	}

	/** Fills the login steps in order (user name, next, password ...), stopping at an error. */
	private async fillSteps(env: AdapterEnv, steps: LoginStep[], path: string): Promise<void> {
		for (const [i, step] of steps.entries()) {
			for (const [j, field] of step.fields.entries()) {
				const input = await required(
					env.page.locator(field.selector),
					`${path}.steps[${i}].fields[${j}] (${field.selector})`,
				);
				await input.fill(
					field.value === 'username' ? env.credentials.username : env.credentials.password,
				);
			}
			const next = steps[i + 1]?.fields[0]?.selector;
			const submit = await required(
				env.page.locator(step.submit),
				`${path}.steps[${i}].submit (${step.submit})`,
			);
			await clickAndSettle(
				env.page,
				submit,
				async () =>
					(next ? (await env.page.locator(next).count()) > 0 : false) ||
					(await this.knownOutcome(env)),
			);
			// A step that already ends in an error (an unknown user name, say) goes no further.
			if (i < steps.length - 1 && (await this.rulesFor(env).errorText(env.page))) break;
		}
	}

	async submitCode(env: AdapterEnv, challenge: Challenge, code: string): Promise<LoginOutcome> {
		const rules = this.rulesFor(env);
		const prompt = rules.prompt(challenge.method);
		if (!prompt)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`The definition has no code prompt for ${challenge.method} (${rules.path}.codePrompts).`,
				{ missingElement: `${rules.path}.codePrompts` },
			);
		const where = `${rules.path}.codePrompts ${prompt.method}`;
		await (
			await required(env.page.locator(prompt.input), `${where}: input (${prompt.input})`)
		).fill(code.trim());
		if (prompt.rememberDevice && (await env.page.locator(prompt.rememberDevice).count()))
			await env.page.locator(prompt.rememberDevice).first().check();
		await clickAndSettle(
			env.page,
			await required(env.page.locator(prompt.submit), `${where}: submit (${prompt.submit})`),
			() => this.knownOutcome(env),
		);
		return this.whereAreWe(env, prompt);
	}

	/** The page shows something a definition describes: logged in, or what the current rules know. */
	private async knownOutcome(env: AdapterEnv): Promise<boolean> {
		return (
			(await matches(env.page, this.spec.login.loggedIn)) ||
			(await this.rulesFor(env).known(env.page))
		);
	}

	/**
	 * What the page after a login step means: logged in on the portal, or (after passing the
	 * sign-in's confirmation pages) what the rules of the page's site say.
	 */
	private async whereAreWe(env: AdapterEnv, answered?: CodePrompt): Promise<LoginOutcome> {
		const { loggedIn } = this.spec.login;
		for (let confirmed = 0; ; confirmed++) {
			if (await matches(env.page, loggedIn)) return { kind: 'loggedIn' };
			const rules = this.rulesFor(env);
			const click = confirmed < 3 ? await rules.confirmation(env.page) : undefined;
			if (!click)
				return rules.outcome(
					env.page,
					`login.loggedIn (${loggedIn.selector ?? loggedIn.urlContains})`,
					answered,
				);
			await clickAndSettle(
				env.page,
				await required(env.page.locator(click), `${rules.path}.confirmations (${click})`),
				() => this.knownOutcome(env),
			);
			answered = undefined;
		}
	}

	async *listDocuments(
		env: AdapterEnv,
		_filters: DocumentFilters,
		control?: ListControl,
	): AsyncIterable<PortalDocument> {
		const { documents } = this.spec;
		await this.openDocuments(env);
		// Apps render their rows after the page loaded; an empty list simply has none.
		await env.page
			.locator(documents.rows)
			.first()
			.waitFor({ timeout: 10_000 })
			.catch(() => undefined);
		const accounts = documents.accounts
			? await selectOptions(env.page, documents.accounts.select)
			: [];
		if (documents.accounts && !accounts.length)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`${this.spec.name}: the sub-account list (${documents.accounts.select}) is not on the documents page.`,
				{ missingElement: `documents.accounts.select (${documents.accounts.select})` },
			);
		const targets = accounts.length ? accounts.map((a) => a.value) : [''];
		for (const [i, account] of targets.entries()) {
			if (documents.accounts) {
				if (i > 0) await this.openDocuments(env);
				// The portal remembers the last choice in the session (an earlier run's, too): the
				// first sub-account is not necessarily the one shown.
				const shown = (await selectOptions(env.page, documents.accounts.select)).find(
					(o) => o.selected,
				);
				if (shown?.value !== account) await this.chooseAccount(env, account);
			}
			yield* this.pagesOf(env, account, control);
		}
	}

	private async *pagesOf(
		env: AdapterEnv,
		account: string,
		control?: ListControl,
	): AsyncIterable<PortalDocument> {
		const { documents } = this.spec;
		const pagination = documents.pagination ?? {};
		const maxPages = pagination.maxPages ?? 200;
		const fields = { ...documents.fields, id: documents.id.field, link: documents.download.link };
		const startUrl = env.page.url();
		let seen = 0;
		for (let pageNo = 1; pageNo <= maxPages; pageNo++) {
			// Load-more and infinite scroll add rows to the same page: only the new ones count.
			const rows = (await readRows(env.page, documents.rows, fields)).slice(seen);
			const docs = toDocuments(this.spec, rows, account, env.page.url());
			seen += rows.length;
			yield* docs;
			if (!docs.length || control?.pageDone(docs)) return;
			const turned = await turnPage({
				page: env.page,
				spec: pagination,
				rows: documents.rows,
				startUrl,
				pageNo,
			});
			if (turned === 'end') return;
			if (turned === 'newPage') seen = 0;
		}
	}

	/**
	 * Documents without a link: click the row's download button on the page it was listed on,
	 * with its sub-account chosen again (the choice lives in the portal's session), and only on
	 * the row that still shows the listed number: a list that shifted must not deliver another
	 * document's file under this one's name.
	 */
	async download(env: AdapterEnv, doc: PortalDocument): Promise<RawFile> {
		const { rows, accounts, fields, download } = this.spec.documents;
		const { pageUrl, account } = JSON.parse(doc.locator ?? '{}') as {
			pageUrl: string;
			account?: string;
		};
		await openPage(env.page, pageUrl);
		if (
			accounts &&
			account &&
			!(await selectOptions(env.page, accounts.select)).some(
				(o) => o.selected && o.value === account,
			)
		) {
			await this.chooseAccount(env, account);
			await openPage(env.page, pageUrl);
		}
		const listed = await readRows(env.page, rows, { number: fields.number });
		const index = listed.findIndex(
			(row) => fieldValue(fields.number, row.values.number) === doc.number,
		);
		if (index < 0)
			throw new PortalError(
				'DOWNLOAD_FAILED',
				`${doc.number} is no longer on the page it was listed on; the next run lists it again.`,
			);
		const button = await required(
			env.page.locator(rows).nth(index).locator(download.click!),
			`documents.download.click (${download.click})`,
		);
		const [file] = await Promise.all([
			env.page.waitForEvent('download', { timeout: 30_000 }),
			button.click(),
		]);
		return readDownload(file, env.maxFileBytes);
	}

	/** Chooses a sub-account in the switcher; most portals reload the page (a form submit). */
	private async chooseAccount(env: AdapterEnv, account: string): Promise<void> {
		const { select } = this.spec.documents.accounts!;
		const element = await required(
			env.page.locator(select),
			`documents.accounts.select (${select})`,
		);
		await Promise.all([
			env.page.waitForEvent('domcontentloaded', { timeout: 30_000 }),
			element.selectOption(account),
		]);
	}
}
