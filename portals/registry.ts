import type { PortalDefinition } from './core/contract/adapter';
import { invalidInput } from './core/outcomes/errors';
import { demoTelecom } from './adapters/demo-telecom';
import { AUTOMATIC_PORTAL } from './discovery/automatic-portal';
import { catalogueProblems, cataloguePortals, demoMode, ENV_DEMO } from './definitions/catalogue';

/** The credential's portal option for a definition pasted into the credential itself. */
export const CUSTOM_PORTAL = 'custom';

/** The list's value for a definition file that cannot be read: choosing it says what is wrong. */
const UNREADABLE = 'unreadable:';

/**
 * The portals this installation knows, by slug: coded adapters (a folder under portals/adapters/
 * and a line here) and definitions (those portals/definitions/catalogue.ts lists, and the folder
 * INVOICE_PORTALS_DEFINITIONS_DIR names). The demo portals only in demo mode (INVOICE_PORTALS_DEMO).
 * Read when asked, so that the package loads whatever the definitions folder holds.
 */
export function knownPortals(env: NodeJS.ProcessEnv = process.env): PortalDefinition[] {
	return [...(demoMode(env) ? [demoTelecom] : []), ...cataloguePortals(env)];
}

/** A known portal's line in the list: where it signs in, and how when that is unusual. */
function portalLine(portal: PortalDefinition): string {
	let host = portal.defaultUrl;
	try {
		host = new URL(portal.defaultUrl).host;
	} catch {
		// a definition's address that is no URL is reported when it is used; show it as written
	}
	const how = portal.signsInWithIdentityProvider
		? ' with single sign-on'
		: portal.passwordless
			? ' with a link sent by e-mail'
			: '';
	return `Signs in at ${host}${how}`;
}

/**
 * The credential's Portal options: Automatic first (the way most users start, and the default), the
 * known portals, unreadable definition files (marked), and Custom last. Each with one line saying
 * what it is, shown under the list's entries.
 */
export function portalOptions(
	env: NodeJS.ProcessEnv = process.env,
): { name: string; value: string; description: string }[] {
	return [
		{
			name: 'Automatic (Any Portal)',
			value: AUTOMATIC_PORTAL,
			description:
				'Any portal: give its Login URL, and the first run finds the login and your invoices by itself',
		},
		...knownPortals(env).map((p) => ({ name: p.name, value: p.slug, description: portalLine(p) })),
		...catalogueProblems(env).map((p) => ({
			name: `⚠ ${p.file} (cannot be read)`,
			value: `${UNREADABLE}${p.file}`,
			description: 'This definition file cannot be used: choosing it says why',
		})),
		{
			name: 'Custom (Definition)',
			value: CUSTOM_PORTAL,
			description: 'A portal described in JSON (a portal definition), pasted below',
		},
	];
}

export function portalBySlug(slug: string, env: NodeJS.ProcessEnv = process.env): PortalDefinition {
	const known = knownPortals(env);
	const portal = known.find((p) => p.slug === slug);
	if (portal) return portal;
	const problems = catalogueProblems(env);
	const problem = problems.find((p) => `${UNREADABLE}${p.file}` === slug);
	if (problem) throw invalidInput('portal', `${problem.source} cannot be used: ${problem.message}`);
	const hints = [
		...problems.map((p) => `${p.source} cannot be used (${p.message})`),
		...(slug.startsWith('demo-') && !demoMode(env)
			? [`the demo portals are listed only with ${ENV_DEMO}=true`]
			: []),
	];
	throw invalidInput(
		'portal',
		`"${slug}" is not a known portal; known: ${known.map((p) => p.slug).join(', ') || 'none (choose Custom)'}.${hints.length ? ` Note: ${hints.join('; ')}.` : ''}`,
	);
}
