import type { Page } from 'playwright';
import type { AdapterEnv, LoginOutcome } from '../../core/contract/adapter';
import type { Challenge } from '../../core/contract/session';
import { TWO_FACTOR_METHODS, methodFromPrompt } from '../../core/contract/two-factor';
import { PortalError, safeUrl } from '../../core/outcomes/errors';
import { browserPage } from '../../core/browser/browser-page';
import { openPage } from '../../core/browser/page-steps';
import type { CodePrompt, Detect, LoginSpec, LoginStep } from '../../definitions/spec';
import type { DiscoveryReport } from '../report';
import { LOCKED_WORDS, WRONG_CREDENTIALS_WORDS } from '../words/login-words';
import { scanLoginPage, type LoginScan } from './scan-page';
import { actAndSettle } from './settle';
import { captchaWidgetOf } from './captcha-widget';
import { answerWidget } from '../../definitions/definition-captcha';
import { ADDING_A_PORTAL_URL } from '../../docs-links';

/** The login part of a definition as far as discovery got: kept between runs (a code page parks a run). */
export type LoginFindings = Partial<
	Pick<LoginSpec, 'steps' | 'loggedIn' | 'errors' | 'codePrompts' | 'captcha'>
>;

const has = (text: string | undefined, words: string[]) =>
	!!text && words.some((w) => text.toLowerCase().includes(w));

/** Errors a definition reads with; the selector is the one discovery saw, or the common ones. */
const COMMON_ERRORS =
	'[role=alert], .error, .errorbox, .alert-error, .alert-danger, .mw-message-box-error, .invalid-feedback, .login-error, .form-error';

/**
 * Signs in on a portal nobody described: finds the form with a password field (or a user-name
 * field first, for two-step logins), fills it, and reads what the portal answers (signed in,
 * a code page, an error) the way a person would. What it finds becomes the login part of a
 * definition (findings()), which later runs use instead of discovering again.
 *
 * Read-only like every adapter: it fills only the sign-in and code forms and presses only their
 * submit buttons.
 */
export class LoginDiscoverer {
	private readonly found: LoginFindings;
	private loginPath?: string;
	private loginLinks = new Set<string>();
	private username = '';

	constructor(
		private readonly loginUrl: string,
		private readonly report: DiscoveryReport,
		earlier: LoginFindings = {},
	) {
		this.found = JSON.parse(JSON.stringify(earlier));
	}

	findings(): LoginFindings {
		return this.found;
	}

	/** Whether the saved findings are a complete login part (steps and how a signed-in page looks). */
	complete(): this is { findings(): Required<Pick<LoginSpec, 'steps' | 'loggedIn'>> } {
		return !!this.found.steps?.length && !!this.found.loggedIn;
	}

	async login(env: AdapterEnv): Promise<LoginOutcome> {
		const { page, context } = browserPage(env.surface);
		this.username = env.credentials.username;
		// Discovery reads the sign-in form: a restored session would show the signed-in page
		// instead (and nothing to learn the login from), so it starts signed out.
		await context.clearCookies();
		await openPage(page, this.loginUrl);
		this.loginPath = new URL(page.url()).pathname;
		let scan = await this.waitForForm(page);
		this.loginLinks = new Set(scan.links.map((l) => l.href));
		// A widget captcha on the form: written into the definition, answered by the solver.
		const widget = await captchaWidgetOf(page);
		if (widget) this.found.captcha = { ...this.found.captcha, widget };
		if (!scan.form)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`No sign-in form on ${safeUrl(page.url())}: no password field, and no single user-name field of a two-step login. Check the Login URL: it must be the page where you type your user name and password.`,
				{ missingElement: 'login form (a password field)', url: safeUrl(page.url()) },
			);
		const steps: LoginStep[] = [];
		if (!scan.form.password) {
			// Two-step: the user name first; the password comes on the next page.
			const step = await this.fillAndSubmit(page, scan.form, env, false);
			steps.push(step);
			scan = await this.waitForForm(page);
			if (!scan.form?.password) {
				this.found.steps = steps;
				return this.classify(page, scan);
			}
		}
		steps.push(await this.fillAndSubmit(page, scan.form!, env, true));
		this.found.steps = steps;
		this.report.add({
			step: 'login form',
			ok: true,
			summary:
				steps.length > 1
					? `two steps: user name (${steps[0].fields[0].selector}), then password (${steps[1].fields.at(-1)!.selector})`
					: `user name ${steps[0].fields.find((f) => f.value === 'username')?.selector ?? '(none)'}, password ${steps[0].fields.find((f) => f.value === 'password')!.selector}, submit ${steps[0].submit}`,
			details: scan.form?.others.length
				? [`other fields sent as the page has them: ${scan.form.others.join(', ')}`]
				: undefined,
		});
		return this.classify(page, await this.decidedScan(page));
	}

	/**
	 * The page after the password, once it has decided. An app may keep its form on screen, or
	 * take it away, while the server checks the password (Directus hashes it slowly on a busy
	 * machine), then move to its own page and draw its menu later still. So a page that shows no
	 * message, no code, no captcha and nothing only a signed-in page has is looked at again for a
	 * while: only then does a form still there count as refused without a message, and an
	 * address away from the login page as the only sign of being signed in.
	 */
	private async decidedScan(page: Page): Promise<LoginScan> {
		const deadline = Date.now() + 10_000;
		for (;;) {
			// A read the app's own redirect cut short (it destroys the page being scanned) is
			// tried again at the next look; only past the deadline does its error stand.
			const scan = await scanLoginPage(page).catch((error: unknown) => {
				if (Date.now() > deadline) throw error;
				return undefined;
			});
			if (scan) {
				const decided =
					scan.code || scan.captcha || scan.messages.length > 0 || this.signedInMarker(scan);
				if (decided || Date.now() > deadline) return scan;
			}
			await page.waitForTimeout(300);
		}
	}

	/** What the page after a sign-in sent by someone else (the saved definition) means. */
	async readAfterSignIn(page: Page): Promise<LoginOutcome> {
		this.loginPath ??= new URL(this.loginUrl).pathname;
		return this.classify(page, await scanLoginPage(page));
	}

	/** Answers a code page (or an image captcha) the login ended on; the page is where it stopped. */
	async submitCode(env: AdapterEnv, challenge: Challenge, code: string): Promise<LoginOutcome> {
		const { page } = browserPage(env.surface);
		const scan = await scanLoginPage(page);
		if (challenge.method === 'captcha' && scan.captcha?.input && scan.form?.password) {
			await page.locator(scan.captcha.input).fill(code);
			if (scan.form.username) await page.locator(scan.form.username).fill(env.credentials.username);
			await page.locator(scan.form.password).fill(env.credentials.password);
			await actAndSettle(page, () => this.press(page, scan.form!.submit, scan.form!.password!));
			return this.classify(page, await scanLoginPage(page), challenge.method);
		}
		if (!scan.code)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`The code page is gone: no code field on ${safeUrl(page.url())}.`,
				{ missingElement: 'code input', url: safeUrl(page.url()) },
			);
		await page.locator(scan.code.input).fill(code.trim());
		if (scan.code.remember)
			await page
				.locator(scan.code.remember)
				.check()
				.catch(() => undefined);
		await actAndSettle(page, () => this.press(page, scan.code!.submit, scan.code!.input));
		return this.classify(page, await scanLoginPage(page), challenge.method);
	}

	/** Whether a restored session is signed in: no sign-in form and a log-out link. */
	async isLoggedIn(page: Page, url: string): Promise<boolean> {
		await openPage(page, url);
		await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
		const scan = await scanLoginPage(page);
		return !scan.form?.password && !scan.code && !!scan.logout;
	}

	private async waitForForm(page: Page): Promise<LoginScan> {
		// Apps draw their form after loading: look for a while before saying there is none.
		const deadline = Date.now() + 10_000;
		for (;;) {
			await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
			const scan = await scanLoginPage(page);
			if (scan.form || scan.code || Date.now() > deadline) return scan;
			await page.waitForTimeout(300);
		}
	}

	private async press(page: Page, submit: string | undefined, field: string): Promise<void> {
		if (submit) await page.locator(submit).first().click();
		else await page.locator(field).press('Enter');
	}

	private async fillAndSubmit(
		page: Page,
		form: NonNullable<LoginScan['form']>,
		env: AdapterEnv,
		withPassword: boolean,
	): Promise<LoginStep> {
		const fields: LoginStep['fields'] = [];
		if (form.username) {
			await page.locator(form.username).fill(env.credentials.username);
			fields.push({ selector: form.username, value: 'username' });
		}
		if (withPassword && form.password) {
			await page.locator(form.password).fill(env.credentials.password);
			fields.push({ selector: form.password, value: 'password' });
		}
		const last = fields.at(-1)!.selector;
		if (withPassword) await answerWidget(env, this.found.captcha);
		await actAndSettle(page, () => this.press(page, form.submit, last));
		// A form without a button is sent with Enter; the definition then names the field, which
		// the generic adapter cannot press (rare: the report says so and the user adds a button).
		return { fields, submit: form.submit ?? last };
	}

	/**
	 * What the page after a sign-in step means. Signed in: no password field, no code field, and
	 * a log-out link or an address away from the login page. A code page becomes a challenge;
	 * the sign-in form shown again is an error, read from the message next to it.
	 */
	private async classify(
		page: Page,
		scan: LoginScan,
		answered?: Challenge['method'],
	): Promise<LoginOutcome> {
		const message = scan.messages.map((m) => m.text).join(' ') || undefined;
		if (scan.captcha && (scan.form?.password || !scan.code)) {
			const { image, input } = scan.captcha;
			if (image && input) this.found.captcha = { ...this.found.captcha, image: { image, input } };
			const shot = scan.captcha.image
				? await page
						.locator(scan.captcha.image)
						.first()
						.screenshot({ timeout: 5_000 })
						.catch(() => undefined)
				: undefined;
			return {
				kind: 'challenge',
				challenge: {
					method: 'captcha',
					portalMessage: message,
					rejected: answered === 'captcha' ? 'WRONG_CODE' : undefined,
					image: shot ? { mimeType: 'image/png', base64: shot.toString('base64') } : undefined,
				},
			};
		}
		// A signed-in page may hold a lone short field of its own (a post code, a search): with a
		// log-out link beside it, only a field marked as a sign-in code makes it a code page.
		if (scan.code && (scan.code.strong || !scan.logout))
			return this.codeChallenge(scan, message, answered);
		if (
			scan.form?.password ||
			(scan.form && !this.found.steps?.some((s) => s.fields.some((f) => f.value === 'password')))
		) {
			if (scan.messages[0]) this.found.errors = this.errorsRule(scan.messages[0].selector);
			if (has(message, LOCKED_WORDS))
				throw new PortalError('ACCOUNT_LOCKED', `The portal says: ${message}`, {
					portalMessage: message,
				});
			if (message)
				throw new PortalError(
					'WRONG_CREDENTIALS',
					`The portal shows its sign-in form again and says: ${message}`,
					{ portalMessage: message },
				);
			throw new PortalError(
				'LAYOUT_CHANGED',
				`After signing in, the portal shows its sign-in form again without a message. If the user name and password are right, the portal may need something discovery cannot do (a script-only button, say): write a definition (${ADDING_A_PORTAL_URL}).`,
				{ missingElement: 'a page after the sign-in form', url: safeUrl(page.url()) },
			);
		}
		// Away from the login page: another path, or another host of the site (login. → www.).
		const moved =
			new URL(scan.url).pathname !== this.loginPath ||
			new URL(scan.url).host !== new URL(this.loginUrl).host;
		const marker = this.signedInMarker(scan);
		if (!marker && !moved)
			throw new PortalError(
				'LAYOUT_CHANGED',
				`After signing in, the page neither shows a log-out link nor left the login page${message ? `; it says: ${message}` : ''}.`,
				{
					missingElement: 'login.loggedIn (a log-out link)',
					url: safeUrl(page.url()),
					portalMessage: message,
				},
			);
		this.found.loggedIn = marker ?? { urlContains: new URL(scan.url).pathname };
		this.found.errors ??= this.errorsRule(COMMON_ERRORS);
		this.report.add({
			step: 'logged in',
			ok: true,
			summary: scan.logout
				? `a log-out link "${scan.logout.text}" (${scan.logout.selector}) on ${safeUrl(scan.url)}`
				: `left the login page for ${safeUrl(scan.url)}${marker ? `; marker ${marker.selector}` : ''}`,
		});
		return { kind: 'loggedIn' };
	}

	private codeChallenge(
		scan: LoginScan,
		message: string | undefined,
		answered?: Challenge['method'],
	): LoginOutcome {
		const code = scan.code!;
		const found = methodFromPrompt(code.prompt);
		const method = found === 'sms' || found === 'email' ? found : 'authenticator_app';
		const word = TWO_FACTOR_METHODS[method].prompt.exec(code.prompt.toLowerCase())?.[0];
		const prompt: CodePrompt = {
			method,
			detect: word
				? { selector: code.promptSelector ?? 'body', text: word }
				: { selector: code.input },
			input: code.input,
			submit: code.submit ?? code.input,
			...(code.remember ? { rememberDevice: code.remember } : {}),
			wrongCode: WRONG_CREDENTIALS_WORDS,
			expiredCode: ['expired', 'abgelaufen', 'expiré', 'verlopen', 'caducado', 'scadut'],
		};
		const prompts = (this.found.codePrompts ??= []);
		const same = prompts.findIndex((p) => p.method === method);
		if (same >= 0) prompts[same] = prompt;
		else prompts.push(prompt);
		this.report.add({
			step: 'code page',
			ok: true,
			summary: `${method.replace('_', ' ')} code (${word ? `the page says "${word}"` : 'no method named: taken for an authenticator app'}), field ${code.input}, submit ${code.submit ?? 'Enter'}${answered ? '; the code given before was not accepted' : ''}`,
		});
		const promptText = code.prompt.slice(0, 200);
		return {
			kind: 'challenge',
			challenge: {
				method,
				portalMessage: [message, promptText].filter(Boolean).join(' ') || undefined,
				rejected: answered === method ? 'WRONG_CODE' : undefined,
			},
		};
	}

	private errorsRule(selector: string): LoginFindings['errors'] {
		return { selector, wrongCredentials: WRONG_CREDENTIALS_WORDS, locked: LOCKED_WORDS };
	}

	/** How a signed-in page shows itself: the log-out link, else a link the login page did not have. */
	private signedInMarker(scan: LoginScan): Detect | undefined {
		if (scan.logout) return { selector: scan.logout.selector };
		// Not a link that names the user (/user/alice): the definition is stored.
		const user = this.username.toLowerCase();
		const fresh = scan.links.find(
			(l) =>
				!this.loginLinks.has(l.href) &&
				!(user && `${l.selector} ${l.text}`.toLowerCase().includes(user.split('@')[0])),
		);
		return fresh ? { selector: fresh.selector } : undefined;
	}
}
