import type { Page, Route } from 'playwright';
import { isForbiddenLink } from '../words/forbidden-words';
import { onSite } from './links';

/**
 * A second line of defence while discovery runs, beside choosing links carefully: the browser
 * itself refuses requests to an address that says log out, delete, cancel, pay ... (a page
 * that redirects there, a script that calls it), page loads that leave the site, any form
 * submission (a navigation that is not a GET), and an app's PUT, PATCH or DELETE: calls that
 * change things by their method. Directus, for one, saves the page the user is on with a PATCH
 * while discovery browses; let through, the user's next sign-in would open there. An app's own
 * reading passes (GET, and POST: apps ask for data with it). Whatever the run's context allows
 * otherwise is left to its own routes (fallback).
 */
const CHANGING_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);

export async function guardPage(page: Page, domains: string[]): Promise<() => Promise<void>> {
	const handler = async (route: Route) => {
		const request = route.request();
		const url = request.url();
		const navigation = request.isNavigationRequest();
		if (
			(/^https?:/.test(url) && isForbiddenLink('', url)) ||
			(navigation && request.method() !== 'GET') ||
			CHANGING_METHODS.has(request.method()) ||
			(navigation && !onSite(url, domains))
		)
			return route.abort('blockedbyclient');
		return route.fallback();
	};
	await page.route('**/*', handler);
	return () => page.unroute('**/*', handler).catch(() => undefined);
}
