import type { BrowserType } from 'playwright';

/**
 * Playwright's Chromium, loaded on first use. Loading Playwright costs a Node process about
 * 68 MB (proportional set size, measured on Node 20): an n8n whose portals all work over plain
 * HTTP, such as the stock image without a browser, never pays it. Only this file loads it at run
 * time; everything else imports Playwright's types, which vanish when compiled.
 */
export function chromiumType(): BrowserType {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require('playwright') as typeof import('playwright')).chromium;
}
