import type { BrowserContext, Page } from 'playwright';
import type { Surface } from '../contract/surface';
import { PortalError } from '../outcomes/errors';
import { BrowserSurface } from './browser-surface';

/**
 * A surface that shows its pages through another one: `auto` (engine/auto-surface.ts) shows
 * them over HTTP, then in the browser. Recognised by its shape, so that this layer needs nothing
 * from the engine layer above it.
 */
interface Relaying {
	readonly current: Surface;
}

const relays = (surface: Surface): surface is Surface & Relaying =>
	'current' in surface && typeof (surface as Partial<Relaying>).current === 'object';

/** An `auto` surface that can move to the browser when asked (engine/auto-surface.ts). */
interface Movable {
	useBrowser(why: string): Promise<Surface>;
}

/**
 * browserPage, after moving an `auto` run that is still on plain HTTP to the browser (with its
 * cookies, on the page it was on): for discovery, which reads pages only a browser shows.
 */
export async function browserPageNow(
	surface: Surface,
	why: string,
): Promise<{ page: Page; context: BrowserContext }> {
	const movable = surface as Surface & Partial<Movable> & Partial<Relaying>;
	if (relays(surface) && !(surface.current instanceof BrowserSurface) && movable.useBrowser)
		await movable.useBrowser(why);
	return browserPage(surface);
}

/**
 * Playwright's page and context behind a run's surface, for the one part that reads pages the
 * way only a browser can: the Automatic portal's discovery. Adapters get the surface alone (it
 * works on either engine), so a run's page reaches Playwright only through here. Where the run
 * shows the portal over plain HTTP there is none: BROWSER_UNAVAILABLE.
 */
export function browserPage(surface: Surface): { page: Page; context: BrowserContext } {
	const shown = relays(surface) ? surface.current : surface;
	if (shown instanceof BrowserSurface) return { page: shown.page, context: shown.context };
	throw new PortalError(
		'BROWSER_UNAVAILABLE',
		'This step needs the browser, and the run shows the portal over plain HTTP.',
	);
}
