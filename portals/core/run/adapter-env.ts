import type { AdapterEnv } from '../contract/adapter';
import type { Surface } from '../contract/surface';

/**
 * What an adapter works with in one run: the surface, whichever engine shows it. Discovery, which
 * needs the browser's own page, asks browser/browser-page.ts for it.
 */
export function adapterEnv(surface: Surface, parts: Omit<AdapterEnv, 'surface'>): AdapterEnv {
	return { ...parts, surface };
}
