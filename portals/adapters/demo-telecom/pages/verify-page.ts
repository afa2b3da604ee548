import type { Page } from 'playwright';
import { clickAndWaitForPage, optionalText, required } from '../../../adapter-kit/page-tools';

/** The two-step verification prompt at /login/verify. */
export class VerifyPage {
	constructor(private readonly page: Page) {}

	static isAt(page: Page): boolean {
		return new URL(page.url()).pathname === '/login/verify';
	}

	async prompt(): Promise<string> {
		return (
			await (
				await required(this.page.locator('p.prompt'), 'verification page: prompt text')
			).innerText()
		).trim();
	}

	async error(): Promise<string | undefined> {
		return optionalText(this.page.locator('.alert-error'));
	}

	async enterCode(code: string): Promise<void> {
		await (
			await required(
				this.page.locator('input[autocomplete="one-time-code"]'),
				'verification page: code field',
			)
		).fill(code);
		const button = await required(
			this.page.locator('form#verify-form button[type="submit"]'),
			'verification page: verify button',
		);
		await clickAndWaitForPage(button);
	}
}
