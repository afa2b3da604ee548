import type { Surface } from '../contract/surface';
import { PortalError, safeUrl } from '../outcomes/errors';

/**
 * A sign-in counts only on the portal's own pages: a page elsewhere (where a redirect led) may
 * show the very marker the rules look for, a copy made to look signed in. Asked for every
 * adapter, coded or from a definition, whenever its login says "logged in". Only the page's own
 * address counts, not a frame refused earlier on the way (a tracker's, say).
 */
export function refuseOffsiteSignIn(
	page: Pick<Surface, 'url'>,
	inside: (url: URL) => boolean,
): void {
	const here = page.url();
	let onPortal = false;
	try {
		onPortal = inside(new URL(here));
	} catch {
		onPortal = false;
	}
	if (onPortal) return;
	throw new PortalError(
		'NAVIGATION_BLOCKED',
		`The sign-in ended at ${safeUrl(here)}, outside the portal's own address; it is not taken as signed in.`,
		{ url: safeUrl(here) },
	);
}
