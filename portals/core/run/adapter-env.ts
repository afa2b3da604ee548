import type { AdapterEnv } from '../contract/adapter';
import { BrowserSurface } from '../browser/browser-surface';
import { AutoSurface } from '../engine/auto-surface';
import type { Surface } from '../contract/surface';
import { PortalError } from '../outcomes/errors';

/** The browser's page, where the run has one: coded adapters and discovery work on it directly. */
function browserOf(surface: Surface): BrowserSurface | undefined {
	const current = surface instanceof AutoSurface ? surface.current : surface;
	return current instanceof BrowserSurface ? current : undefined;
}

/** What an adapter works with in one run: the surface, and the browser's page where there is one. */
export function adapterEnv(
	surface: Surface,
	parts: Omit<AdapterEnv, 'surface' | 'page' | 'context'>,
): AdapterEnv {
	const browser = () => {
		const found = browserOf(surface);
		if (!found)
			throw new PortalError(
				'BROWSER_UNAVAILABLE',
				'This step needs the browser, and the run shows the portal over plain HTTP.',
			);
		return found;
	};
	return {
		...parts,
		surface,
		get page() {
			return browser().page;
		},
		get context() {
			return browser().context;
		},
	};
}
