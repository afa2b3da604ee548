import type { PortalDefinition } from './core/contract/adapter';
import { invalidInput } from './core/outcomes/errors';
import { demoTelecom } from './adapters/demo-telecom';
import { cataloguePortals } from './definitions/catalogue';

/**
 * Every portal this package ships, by slug: coded adapters (a folder under portals/ and a line
 * here) and definitions (a JSON file in portals/definitions/catalogue/, or in the folder
 * INVOICE_PORTALS_DEFINITIONS_DIR names).
 */
export const PORTALS: readonly PortalDefinition[] = [demoTelecom, ...cataloguePortals()];

/** The credential's portal option for a definition pasted into the credential itself. */
export const CUSTOM_PORTAL = 'custom';

export function portalBySlug(slug: string): PortalDefinition {
	const portal = PORTALS.find((p) => p.slug === slug);
	if (!portal) throw invalidInput('portal', `"${slug}" is not a known portal; known: ${PORTALS.map((p) => p.slug).join(', ')}.`);
	return portal;
}
