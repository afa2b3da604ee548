import type {
	AdapterEnv,
	ListControl,
	LoginOutcome,
	PortalAdapter,
} from '../core/contract/adapter';
import type { PortalDocument } from '../core/contract/documents';
import type { RawFile } from '../core/contract/raw-file';
import type { FileKind } from '../core/contract/file-kinds';
import { PortalError } from '../core/outcomes/errors';
import type { DocumentFilters } from '../core/contract/filters';
import type { Challenge } from '../core/contract/session';
import { matches } from './page-reader';
import { urlAllowed } from '../core/contract/origins';
import { LoginRules, type AnsweredPrompt } from './login-rules';
import { answerWidget, imageChallenge } from './definition-captcha';
import { DocumentList } from './document-list';
import { ApiList } from './api-list';
import { printInvoice, printTarget } from './print';
import { credentialAddress } from './credential-address';
import { accountsPage } from './validate-accounts';
import type { DefinitionSpec, IdentityProviderSpec, LoginStep } from './spec';
import { throwIfNoFile } from './no-file';

/**
 * Carries out a portal definition: decides where to go and what to click, in the order the
 * definition gives; page-reader.ts reads the pages, login-rules.ts says what a sign-in page
 * means, and document-list.ts goes through the documents once signed in. It works on env.surface only, so the same steps run in the browser or over plain HTTP
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
	private readonly documents: DocumentList;
	/** The API reader, for a definition whose documents come from the app's API (documents.api). */
	private readonly apiList?: ApiList;
	/** The kinds of file the definition takes (documents.accepts); the collection checks each. */
	readonly accepts?: readonly FileKind[];

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
		this.accepts = spec.documents.accepts;
		this.documents = new DocumentList(spec, (env, target) => this.at(env, target));
		if (spec.documents.api) this.apiList = new ApiList(spec, (env, target) => this.at(env, target));
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
		// Addresses on the definition's own site move to wherever the credential points.
		return credentialAddress(target, this.spec.loginUrl, env.baseUrl);
	}

	/** The identity provider's rules while the browser is away from the portal, else the portal's. */
	private rulesFor(env: AdapterEnv): LoginRules {
		if (!this.idpRules) return this.portalRules;
		const url = new URL(env.surface.url());
		const onPortal =
			url.origin === new URL(env.baseUrl).origin || urlAllowed(url, this.spec.domains);
		return onPortal ? this.portalRules : this.idpRules;
	}

	async isLoggedIn(env: AdapterEnv): Promise<boolean> {
		// An app's session is checked by its API's first call, without opening a page.
		if (this.apiList) return this.apiList.isLoggedIn(env);
		const page = env.surface;
		// Sub-accounts on a selection page: the session is checked there, so that a run narrowed
		// to some accounts opens no other account's list (the documents page is one account's).
		const first = accountsPage(this.spec) ?? this.spec.documents.url;
		if (first) await page.open(this.at(env, first));
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
			// A widget captcha on the portal's own form is answered before the form is sent.
			if (path === 'login') await answerWidget(env, this.spec.login.captcha);
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
		if (challenge.method === 'captcha') return this.answerImageCaptcha(env, code);
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

	/**
	 * The characters a person read from an image captcha: the sign-in form is sent again with them
	 * (its last step's fields, as it shows them again beside the image), then read as any login step.
	 */
	private async answerImageCaptcha(env: AdapterEnv, code: string): Promise<LoginOutcome> {
		const image = this.spec.login.captcha?.image;
		if (!image)
			throw new PortalError(
				'LAYOUT_CHANGED',
				'The definition describes no image captcha (login.captcha.image).',
				{
					missingElement: 'login.captcha.image',
				},
			);
		if ((await env.surface.count(image.input)) === 0)
			await env.surface.open(this.at(env, this.spec.loginUrl));
		const steps = this.spec.login.steps!;
		const last = steps[steps.length - 1];
		for (const [j, field] of last.fields.entries())
			if ((await env.surface.count(field.selector)) > 0)
				await env.surface.fill(
					field.selector,
					field.value === 'username' ? env.credentials.username : env.credentials.password,
					`login.steps[${steps.length - 1}].fields[${j}] (${field.selector})`,
				);
		await env.surface.fill(image.input, code.trim(), `login.captcha.image.input (${image.input})`);
		await env.surface.press(
			last.submit,
			`login.steps[${steps.length - 1}].submit (${last.submit})`,
			() => this.knownOutcome(env),
		);
		return this.whereAreWe(env, { method: 'captcha' });
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
			// An image captcha on the portal's form: for a person to read (action required).
			const captcha =
				!click && rules === this.portalRules
					? await imageChallenge(
							env,
							this.spec.login.captcha,
							await rules.errorText(env.surface),
							answered?.method === 'captcha',
						)
					: undefined;
			if (captcha) return captcha;
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

	listDocuments(
		env: AdapterEnv,
		filters: DocumentFilters,
		control?: ListControl,
	): AsyncIterable<PortalDocument> {
		// An API with an accounts call requests only the accounts the filter names.
		if (this.apiList) return this.apiList.list(env, control, filters);
		// Sub-accounts given as links or buttons: only those the filter names are opened.
		return this.documents.list(env, control, filters);
	}

	async download(env: AdapterEnv, doc: PortalDocument): Promise<RawFile> {
		throwIfNoFile(doc);
		// An invoice that is a page to print (documents.download.print): print.ts.
		const page = printTarget(doc);
		if (page) return printInvoice(env, page, doc.number, this.spec.domains);
		return (this.apiList ?? this.documents).download(env, doc);
	}
}
