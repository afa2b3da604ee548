import type { Page, Route } from 'playwright';
import { isForbiddenLink } from '../words/forbidden-words';
import { onSite } from './links';

/**
 * A second line of defence while discovery runs, beside choosing links carefully: the browser
 * itself refuses requests to an address that says log out, delete, cancel, pay ... (a page
 * that redirects there, a script that calls it), page loads that leave the site, and any form
 * submission (a navigation that is not a GET). An app's own data requests pass. Whatever the
 * run's context allows otherwise is left to its own routes (fallback).
 */
export async function guardPage(page: Page, domains: string[]): Promise<() => Promise<void>> {
	const handler = async (route: Route) => {
		const request = route.request();
		const url = request.url();
		const navigation = request.isNavigationRequest();
		if (
			(/^https?:/.test(url) && isForbiddenLink('', url)) ||
			(navigation && request.method() !== 'GET') ||
			(navigation && !onSite(url, domains))
		)
			return route.abort('blockedbyclient');
		return route.fallback();
	};
	await page.route('**/*', handler);
	return () => page.unroute('**/*', handler).catch(() => undefined);
}
