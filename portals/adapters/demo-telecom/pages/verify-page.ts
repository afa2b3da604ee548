import type { Readable, Surface } from '../../../core/contract/surface';
import { optionalText, pressForPage, requiredText } from '../../../adapter-kit/page-tools';

/** The two-step verification prompt at /login/verify. */
export class VerifyPage {
	constructor(private readonly surface: Surface) {}

	static isAt(page: Readable): boolean {
		return new URL(page.url()).pathname === '/login/verify';
	}

	async prompt(): Promise<string> {
		return requiredText(this.surface, 'p.prompt', 'verification page: prompt text');
	}

	async error(): Promise<string | undefined> {
		return optionalText(this.surface, '.alert-error');
	}

	async enterCode(code: string): Promise<void> {
		await this.surface.fill(
			'input[autocomplete="one-time-code"]',
			code,
			'verification page: code field',
		);
		await pressForPage(
			this.surface,
			'form#verify-form button[type="submit"]',
			'verification page: verify button',
		);
	}
}
