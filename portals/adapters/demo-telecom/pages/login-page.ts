import type { Page } from 'playwright';
import { clickAndWaitForPage, optionalText, required } from '../../../adapter-kit/page-tools';

/** The login form at /login: reads its messages and captcha, fills and submits it. */
export class LoginPage {
	constructor(private readonly page: Page) {}

	static isAt(page: Page): boolean {
		return new URL(page.url()).pathname === '/login';
	}

	async fill(username: string, password: string): Promise<void> {
		await (
			await required(
				this.page.locator('form#login-form input[name="username"]'),
				'login form: user name field',
			)
		).fill(username);
		await (
			await required(
				this.page.locator('form#login-form input[type="password"]'),
				'login form: password field',
			)
		).fill(password);
	}

	async hasCaptcha(): Promise<boolean> {
		return (await this.page.locator('#captcha-image').count()) > 0;
	}

	/** The captcha as a PNG a person can read (screenshot of the image element). */
	async captchaImage(): Promise<Buffer> {
		return (
			await required(this.page.locator('#captcha-image'), 'login form: captcha image')
		).screenshot();
	}

	async fillCaptcha(text: string): Promise<void> {
		await (
			await required(this.page.locator('input[name="captcha"]'), 'login form: captcha field')
		).fill(text);
	}

	/** The site key of an "I'm not a robot" token captcha on the form, if there is one. */
	async tokenCaptchaSiteKey(): Promise<string | undefined> {
		return this.page.evaluate(
			() => document.querySelector<HTMLElement>('form#login-form .g-recaptcha')?.dataset.sitekey,
		);
	}

	/** Puts a solved token where the widget would: the hidden g-recaptcha-response field. */
	async enterCaptchaToken(token: string): Promise<void> {
		const field = await required(
			this.page.locator('form#login-form textarea[name="g-recaptcha-response"]'),
			'login form: captcha token field',
		);
		await field.evaluate((el, value) => {
			(el as HTMLTextAreaElement).value = value;
		}, token);
	}

	async submit(): Promise<void> {
		const button = await required(
			this.page.locator('form#login-form button[type="submit"]'),
			'login form: submit button',
		);
		await clickAndWaitForPage(button);
	}

	async message(): Promise<string | undefined> {
		return optionalText(this.page.locator('[role="alert"]'));
	}
}
