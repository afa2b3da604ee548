import type {
	AdapterEnv,
	ListControl,
	LoginOutcome,
	PortalAdapter,
} from '../core/contract/adapter';
import type { PortalDocument } from '../core/contract/documents';
import type { RawFile } from '../core/collection/download';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import type { DocumentFilters } from '../core/collection/filters';
import type { Challenge } from '../core/login/session';
import type { Readable } from '../core/engine/surface';
import { fieldValue, toDocuments } from './fields';
import { matches, readRows, rowCount, rowForms, selectOptions, type RawRow } from './page-reader';
import { turnPage } from './pagination';
import { urlAllowed } from '../core/browser/boundary';
import { LoginRules, type AnsweredPrompt } from './login-rules';
import type { DefinitionSpec, IdentityProviderSpec, LoginStep } from './spec';

/**
 * Carries out a portal definition: decides where to go and what to click, in the order the
 * definition gives; page-reader.ts reads the pages and login-rules.ts says what a sign-in page
 * means. It works on env.surface only, so the same steps run in the browser or over plain HTTP
 * (core/engine). Read-only towards the portal like every adapter: it only fills login and code forms,
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
		const url = new URL(env.surface.url());
		const onPortal =
			url.origin === new URL(env.baseUrl).origin || urlAllowed(url, this.spec.domains);
		return onPortal ? this.portalRules : this.idpRules;
	}

	private async openDocuments(env: AdapterEnv): Promise<void> {
		const { url, clicks } = this.spec.documents;
		if (url) {
			const target = this.at(env, url);
			// Already there (the login or the session check ended on it): no second load.
			if (env.surface.url() === target) return;
			return env.surface.open(target);
		}
		for (const [i, selector] of (clicks ?? []).entries()) {
			const before = env.surface.url();
			// A menu link loads the next page; an app may only redraw: either counts.
			await env.surface.press(selector, `documents.clicks[${i}] (${selector})`, async () =>
				env.surface.url() !== before
					? true
					: (await env.surface.count(this.spec.documents.rows)) > 0,
			);
		}
	}

	async isLoggedIn(env: AdapterEnv): Promise<boolean> {
		const page = env.surface;
		if (this.spec.documents.url) await page.open(this.at(env, this.spec.documents.url));
		else await page.open(this.at(env, this.spec.loginUrl));
		// An app decides after loading whether to show the login or the account: wait for either.
		const loginProbe = this.idp
			? this.spec.login.ssoButton!
			: this.spec.login.steps![0].fields[0].selector;
		let loggedIn = false;
		await page.waitUntil(async () => {
			loggedIn = await matches(page, this.spec.login.loggedIn).catch(() => false);
			// Not knownOutcome(): it counts a signed-in page too, which an app may have drawn
			// since the line above (a restored session was then taken for a signed-out one).
			return (
				loggedIn ||
				(await page.count(loginProbe)) > 0 ||
				(await this.rulesFor(env)
					.known(page)
					.catch(() => false))
			);
		}, 10_000);
		// A restored session that lands on new terms: reported as such, not as signed in.
		if (loggedIn) await this.portalRules.interstitial(page);
		return loggedIn;
	}

	async login(env: AdapterEnv): Promise<LoginOutcome> {
		await env.surface.open(this.at(env, this.spec.loginUrl));
		if (!this.idp) {
			await this.fillSteps(env, this.spec.login.steps!, 'login');
			return this.whereAreWe(env);
		}
		const button = this.spec.login.ssoButton!;
		const firstField = this.idp.login.steps[0].fields[0].selector;
		await env.surface.press(
			button,
			`login.ssoButton (${button})`,
			async () => (await env.surface.count(firstField)) > 0 || (await this.knownOutcome(env)),
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
				await env.surface.fill(
					field.selector,
					field.value === 'username' ? env.credentials.username : env.credentials.password,
					`${path}.steps[${i}].fields[${j}] (${field.selector})`,
				);
			}
			const next = steps[i + 1]?.fields[0]?.selector;
			await env.surface.press(
				step.submit,
				`${path}.steps[${i}].submit (${step.submit})`,
				async () =>
					(next ? (await env.surface.count(next)) > 0 : false) || (await this.knownOutcome(env)),
			);
			// A step that already ends in an error (an unknown user name, say) goes no further.
			if (i < steps.length - 1 && (await this.rulesFor(env).errorText(env.surface))) break;
		}
	}

	async submitCode(env: AdapterEnv, challenge: Challenge, code: string): Promise<LoginOutcome> {
		// A sign-in link is opened, not typed. The engine checked it is one of the portal's own
		// addresses (core/login/sign-in-link.ts) before handing it over.
		if (challenge.method === 'email_link') {
			await env.surface.open(code.trim());
			return this.whereAreWe(env, { method: 'email_link' });
		}
		const rules = this.rulesFor(env);
		const prompt = rules.prompt(challenge.method);
		if (!prompt)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`The definition has no code prompt for ${challenge.method} (${rules.path}.codePrompts).`,
				{ missingElement: `${rules.path}.codePrompts` },
			);
		const where = `${rules.path}.codePrompts ${prompt.method}`;
		await env.surface.fill(prompt.input, code.trim(), `${where}: input (${prompt.input})`);
		if (prompt.rememberDevice && (await env.surface.count(prompt.rememberDevice)))
			await env.surface.check(prompt.rememberDevice);
		await env.surface.press(prompt.submit, `${where}: submit (${prompt.submit})`, () =>
			this.knownOutcome(env),
		);
		return this.whereAreWe(env, prompt);
	}

	/** The page shows something a definition describes: logged in, or what the current rules know. */
	private async knownOutcome(env: AdapterEnv): Promise<boolean> {
		return (
			(await matches(env.surface, this.spec.login.loggedIn)) ||
			(await this.rulesFor(env).known(env.surface))
		);
	}

	/**
	 * What the page after a login step means: logged in on the portal, or (after passing the
	 * sign-in's confirmation pages) what the rules of the page's site say.
	 */
	private async whereAreWe(env: AdapterEnv, answered?: AnsweredPrompt): Promise<LoginOutcome> {
		const { loggedIn } = this.spec.login;
		for (let confirmed = 0; ; confirmed++) {
			// A terms page may show the signed-in menu: it is what it is, not signed in.
			await this.rulesFor(env).interstitial(env.surface);
			if (await matches(env.surface, loggedIn)) return { kind: 'loggedIn' };
			const rules = this.rulesFor(env);
			const click = confirmed < 3 ? await rules.confirmation(env.surface) : undefined;
			if (!click)
				return rules.outcome(
					env.surface,
					`login.loggedIn (${loggedIn.selector ?? loggedIn.urlContains})`,
					answered,
				);
			await env.surface.press(click, `${rules.path}.confirmations (${click})`, () =>
				this.knownOutcome(env),
			);
			answered = undefined;
		}
	}

	/**
	 * The documents page to read the first rows from. Where the list has an address and its next
	 * rows come on pages of their own, it is opened to be read (surface.openToRead): the browser
	 * reads it from the server's HTML without rendering it where that HTML has the rows, as it
	 * does the next pages. Why: rendering it cost the browser engine about 0.3 s of each run.
	 * Else (menu clicks, rows added by "load more" or scrolling) the run's own page shows it.
	 */
	private async firstPage(env: AdapterEnv): Promise<Readable> {
		const { url, rows, pagination, accounts } = this.spec.documents;
		if (!url || pagination?.loadMore || pagination?.infiniteScroll) {
			await this.openDocuments(env);
			return env.surface;
		}
		const target = this.at(env, url);
		// Already there (the login or the session check ended on it): no second load.
		if (env.surface.url() === target) return env.surface;
		// The rows, not only the list: a page may serve an empty table its scripts fill in.
		const page = await env.surface.openToRead(target, rows);
		if (page === env.surface) return page;
		const isList = await this.stillListing(page).then(
			async () => !accounts || (await selectOptions(page, accounts.select)).length > 0,
			() => false,
		);
		if (isList) return page;
		// Not the list (signed out, or a changed layout): shown in the run's own page, which the
		// checks below read again, so the error's screenshot and HTML are of the documents page.
		await this.openDocuments(env);
		return env.surface;
	}

	async *listDocuments(
		env: AdapterEnv,
		_filters: DocumentFilters,
		control?: ListControl,
	): AsyncIterable<PortalDocument> {
		const { documents } = this.spec;
		const first = await this.firstPage(env);
		if (first === env.surface) {
			// Apps render their rows after the page loaded; an empty list simply has none.
			await env.surface.appears(documents.list ?? documents.rows, 10_000);
			await this.stillListing(first);
		}
		const accounts = documents.accounts
			? await selectOptions(first, documents.accounts.select)
			: [];
		if (documents.accounts && !accounts.length)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`${this.spec.name}: the sub-account list (${documents.accounts.select}) is not on the documents page.`,
				{ missingElement: `documents.accounts.select (${documents.accounts.select})` },
			);
		const targets = accounts.length ? accounts.map((a) => a.value) : [''];
		for (const [i, account] of targets.entries()) {
			let page = i === 0 ? first : env.surface;
			if (documents.accounts) {
				if (i > 0) await this.openDocuments(env);
				// The portal remembers the last choice in the session (an earlier run's, too): the
				// first sub-account is not necessarily the one shown.
				const shown = (await selectOptions(page, documents.accounts.select)).find(
					(o) => o.selected,
				);
				if (shown?.value !== account) {
					// Choosing is the run's own page's job: show the list there first.
					if (page !== env.surface) await this.openDocuments(env);
					await this.chooseAccount(env, account);
					page = env.surface;
				}
			}
			yield* this.pagesOf(env, account, page, control);
		}
	}

	private async *pagesOf(
		env: AdapterEnv,
		account: string,
		firstPage: Readable,
		control?: ListControl,
	): AsyncIterable<PortalDocument> {
		const { documents } = this.spec;
		const pagination = documents.pagination ?? {};
		const maxPages = pagination.maxPages ?? 200;
		const fields = { ...documents.fields, id: documents.id.field, link: documents.download.link };
		const startUrl = firstPage.url();
		// The page the rows are read from: the run's own, or a page read without showing it.
		let page: Readable = firstPage;
		let seen = 0;
		for (let pageNo = 1; pageNo <= maxPages; pageNo++) {
			// Load-more and infinite scroll add rows to the same page: only the new ones count.
			if (pageNo > 1) await this.stillListing(page);
			const rows = (await readRows(page, documents.rows, fields)).slice(seen);
			const docs = toDocuments(this.spec, rows, account, page.url());
			await this.formsAsLinks(env, page, docs, rows);
			seen += rows.length;
			yield* docs;
			if (!docs.length || control?.pageDone(docs)) return;
			const turned = await turnPage({
				page,
				surface: env.surface,
				spec: pagination,
				rows: documents.rows,
				startUrl,
				pageNo,
			});
			if (turned === 'end') return;
			if (turned !== 'moreRows') {
				page = turned.next;
				seen = 0;
			}
		}
	}

	/**
	 * Rows whose download button only submits a plain form (an export button): the form's
	 * request becomes the document's download, fetched like a link. Why: a pressed button is
	 * downloaded one by one after the listing, reloading its page (and sub-account) first; a
	 * form read here goes into the download pool while the listing goes on. It is the request
	 * the press would send: over HTTP the press submits this very form; in a browser only on a
	 * page without scripts (a script might handle the press itself). Other rows are pressed.
	 */
	private async formsAsLinks(
		env: AdapterEnv,
		page: Readable,
		docs: PortalDocument[],
		rows: RawRow[],
	) {
		const { click } = this.spec.documents.download;
		if (!click || !docs.some((d) => !d.downloadUrl)) return;
		const { scripted, forms } = await rowForms(page, this.spec.documents.rows, click);
		if (scripted && env.surface.engine !== 'http') return;
		docs.forEach((doc, i) => {
			const form = forms[rows[i].index];
			if (doc.downloadUrl || !form) return;
			doc.downloadUrl = form.url;
			doc.downloadForm = form.fields;
			delete doc.locator;
		});
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
		await env.surface.open(pageUrl);
		if (
			accounts &&
			account &&
			!(await selectOptions(env.surface, accounts.select)).some(
				(o) => o.selected && o.value === account,
			)
		) {
			await this.chooseAccount(env, account);
			await env.surface.open(pageUrl);
		}
		const listed = await readRows(env.surface, rows, { number: fields.number });
		const index = listed.findIndex(
			(row) => fieldValue(fields.number, row.values.number) === doc.number,
		);
		if (index < 0)
			throw new PortalError(
				'DOWNLOAD_FAILED',
				`${doc.number} is no longer on the page it was listed on; the next run lists it again.`,
			);
		return env.surface.downloadByPress(
			rows,
			index,
			download.click!,
			`documents.download.click (${download.click})`,
			env.maxFileBytes,
		);
	}

	/**
	 * The documents page is still a documents page: not the sign-in page again (the portal ended
	 * the session: SESSION_EXPIRED, the next run signs in anew), and, where the definition names
	 * it, with its list (renamed rows would otherwise read as an empty list: LAYOUT_CHANGED).
	 */
	private async stillListing(page: Readable): Promise<void> {
		const probe = this.spec.login.steps?.[0]?.fields[0]?.selector ?? this.spec.login.ssoButton;
		const signedIn = await matches(page, this.spec.login.loggedIn).catch(() => false);
		if (!signedIn && probe && (await rowCount(page, probe)) > 0)
			throw new PortalError(
				'SESSION_EXPIRED',
				'The portal ended the session during the listing: it shows its sign-in page again.',
			);
		const { list } = this.spec.documents;
		if (list && !(await rowCount(page, list)))
			throw new PortalError(
				'LAYOUT_CHANGED',
				`${this.spec.name}: the documents list (${list}) is not on the documents page.`,
				{ missingElement: `documents.list (${list})`, url: safeUrl(page.url()) },
			);
	}

	/** Chooses a sub-account in the switcher; most portals reload the page (a form submit). */
	private async chooseAccount(env: AdapterEnv, account: string): Promise<void> {
		const { select } = this.spec.documents.accounts!;
		await env.surface.choose(select, account, `documents.accounts.select (${select})`);
	}
}
