import type { BrowserContext, Page } from 'playwright';
import { browserPage } from '../../../../../portals/core/browser/browser-page';
import { BrowserSurface } from '../../../../../portals/core/browser/browser-surface';
import type { Boundary } from '../../../../../portals/core/browser/boundary';
import { AutoSurface } from '../../../../../portals/core/engine/auto-surface';
import { NeedsBrowser } from '../../../../../portals/core/contract/needs-browser';
import type { Surface } from '../../../../../portals/core/contract/surface';
import { HttpSurface } from '../../../../../portals/core/http/http-surface';
import { PortalError } from '../../../../../portals/core/outcomes/errors';

/**
 * Adapters get the surface alone; discovery, which needs the browser, reaches Playwright's page
 * and context through browserPage. Without a network: a browser surface over a stand-in page
 * (only what a `required` step touches), and a stand-in HTTP engine that needs scripts.
 */
const page = {
	url: () => 'about:blank',
	locator: () => ({
		first() {
			return this;
		},
		waitFor: async () => undefined,
	}),
} as unknown as Page;
const context = {} as BrowserContext;
const browser = new BrowserSurface(page, context, {} as Boundary);

function unavailable(surface: Surface): PortalError {
	try {
		browserPage(surface);
	} catch (error) {
		return error as PortalError;
	}
	throw new Error('browserPage gave a page for a run without a browser');
}

test("a run in the browser: discovery gets that browser's page and context", () => {
	const found = browserPage(browser);
	expect(found.page).toBe(page);
	expect(found.context).toBe(context);
});

test('a run over plain HTTP has no browser page: BROWSER_UNAVAILABLE, saying why', () => {
	const error = unavailable(new HttpSurface(['https://portal.example']));
	expect(error).toBeInstanceOf(PortalError);
	expect(error.code).toBe('BROWSER_UNAVAILABLE');
	expect(error.message).toMatch(/needs the browser.*over plain HTTP/);
});

test('an auto run: no browser page while it is on HTTP, the browser page once it moved there', async () => {
	const http = {
		engine: 'http',
		url: () => 'about:blank',
		required: async () => {
			throw new NeedsBrowser('the form draws itself with scripts');
		},
		storageState: async () => ({ cookies: [], origins: [] }),
	} as unknown as Surface;
	const auto = new AutoSurface(http, async () => browser);
	expect(unavailable(auto).code).toBe('BROWSER_UNAVAILABLE');
	await auto.required('form', 'login form');
	expect(auto.engine).toBe('browser');
	expect(browserPage(auto).page).toBe(page);
});
