import { AutoSurface } from '../../../../../portals/core/engine/auto-surface';
import { NeedsBrowser } from '../../../../../portals/core/contract/needs-browser';
import type { Surface } from '../../../../../portals/core/contract/surface';
import { PortalError } from '../../../../../portals/core/outcomes/errors';

/**
 * `auto` without a network: a fake HTTP engine that needs scripts for some selectors, and a fake
 * browser that records what it was asked to do, so the switch itself is what is tested.
 */
function fakes(scripted: string[]) {
	const calls: string[] = [];
	const cookies = { cookies: [{ name: 'sid', value: 'from-http' }], origins: [] };
	let browserCookies: unknown;
	const base = (engine: 'http' | 'browser', needs: (selector: string) => boolean) =>
		({
			engine,
			url: () => 'https://portal.example/app/login',
			open: async (url: string) => void calls.push(`${engine} open ${url}`),
			count: async (selector: string) => (needs(selector) ? 0 : 1),
			fill: async (selector: string, value: string) => {
				if (needs(selector)) throw new NeedsBrowser(`${selector} needs scripts`);
				calls.push(`${engine} fill ${selector}=${value}`);
			},
			check: async (selector: string) => void calls.push(`${engine} check ${selector}`),
			press: async (selector: string) => {
				if (needs(selector)) throw new NeedsBrowser(`${selector} answer needs scripts`, true);
				calls.push(`${engine} press ${selector}`);
			},
			waitUntil: async () => {
				calls.push(`${engine} wait`);
				return true;
			},
			more: async () => {
				if (engine === 'http') throw new NeedsBrowser('load more needs the browser');
				calls.push(`${engine} more`);
				return true;
			},
			storageState: async () => cookies,
			blockedNavigation: () => undefined,
		}) as unknown as Surface;
	const http = base('http', (s) => scripted.includes(s));
	const browser = base('browser', () => false);
	let starts = 0;
	const auto = new AutoSurface(http, async (storage) => {
		starts += 1;
		browserCookies = storage;
		return browser;
	});
	return { auto, calls, starts: () => starts, browserCookies: () => browserCookies };
}

test('a page that needs scripts moves the rest of the run to the browser, with the cookies, on the same page', async () => {
	const { auto, calls, starts, browserCookies } = fakes(['#password']);
	expect(auto.engine).toBe('http');
	await auto.fill('#user', 'anna', 'user');
	await auto.fill('#password', 'secret', 'password');
	expect(auto.engine).toBe('browser');
	expect(auto.switchedBecause).toBe('#password needs scripts');
	expect(browserCookies()).toEqual({ cookies: [{ name: 'sid', value: 'from-http' }], origins: [] });
	// The browser opens the page HTTP was on, gets what was typed there, then does the step.
	expect(calls).toEqual([
		'http fill #user=anna',
		'browser open https://portal.example/app/login',
		'browser fill #user=anna',
		'browser fill #password=secret',
	]);
	await auto.press('#go', 'go', async () => true);
	expect(calls.at(-1)).toBe('browser press #go');
	expect(starts()).toBe(1);
});

test('a form HTTP already sent is never sent again: the browser only waits for its answer', async () => {
	const { auto, calls } = fakes(['#go']);
	await auto.fill('#user', 'anna', 'user');
	await auto.press('#go', 'go', async () => true);
	expect(calls.filter((c) => c.includes('press'))).toEqual([]);
	expect(calls.at(-1)).toBe('browser wait');
});

test('"load more" always moves to the browser; a run that never needs it starts none', async () => {
	const moved = fakes([]);
	expect(await moved.auto.more('tr')).toBe(true);
	expect(moved.auto.engine).toBe('browser');
	const stays = fakes([]);
	await stays.auto.fill('#user', 'anna', 'user');
	await stays.auto.press('#go', 'go', async () => true);
	expect(stays.starts()).toBe(0);
	expect(stays.auto.engine).toBe('http');
});

test('where no browser can start, the error says the portal needs one and for which step', async () => {
	const http = fakes(['#password']).auto as unknown as { http: Surface };
	const auto = new AutoSurface(http.http, async () => {
		throw new PortalError('BROWSER_UNAVAILABLE', 'Browsers are switched off here.');
	});
	const error = await auto.fill('#password', 'secret', 'password').catch((e: PortalError) => e);
	expect(error).toBeInstanceOf(PortalError);
	expect((error as PortalError).code).toBe('BROWSER_UNAVAILABLE');
	expect((error as PortalError).message).toMatch(
		/needs a browser for a step plain HTTP cannot do \(#password needs scripts\)\. Browsers are switched off/,
	);
});
