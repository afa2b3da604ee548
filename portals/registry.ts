import type { PortalDefinition } from './core/adapter';
import { invalidInput } from './core/errors';
import { demoTelecom } from './demo';

/** Every portal this package ships, by slug. Adding a portal: a folder under portals/ and a line here. */
export const PORTALS: readonly PortalDefinition[] = [demoTelecom];

export function portalBySlug(slug: string): PortalDefinition {
	const portal = PORTALS.find((p) => p.slug === slug);
	if (!portal) throw invalidInput('portal', `"${slug}" is not a known portal; known: ${PORTALS.map((p) => p.slug).join(', ')}.`);
	return portal;
}
