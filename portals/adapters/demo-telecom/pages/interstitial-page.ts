import type { Readable } from '../../../core/contract/surface';
import { optionalText } from '../../../adapter-kit/page-tools';

export type InterstitialKind = 'terms' | 'password' | 'payment';

const PATHS: Record<string, InterstitialKind> = {
	'/terms': 'terms',
	'/password-expired': 'password',
	'/payment-details': 'payment',
};

/** A page that blocks the account until the user does something (read only: never submitted). */
export class InterstitialPage {
	constructor(private readonly page: Readable) {}

	static kindAt(page: Readable): InterstitialKind | undefined {
		return PATHS[new URL(page.url()).pathname];
	}

	async message(): Promise<string | undefined> {
		const title = await optionalText(this.page, 'h1');
		const text = await optionalText(this.page, 'main p');
		return [title, text].filter(Boolean).join(': ') || undefined;
	}
}
