import type { PortalDefinition } from '../core/adapter';
import { DefinitionAdapter } from './flow';
import type { DefinitionSpec } from './spec';

/**
 * A definition as a portal of the engine: the same statuses, reasons, filters, dedup and
 * downloads as a coded adapter. The browser may visit the definition's domains (and the address
 * the credential points to); everything else is blocked.
 */
export function definitionPortal(spec: DefinitionSpec): PortalDefinition {
	return {
		slug: spec.slug,
		name: spec.unverified ? `${spec.name} (unverified)` : spec.name,
		defaultUrl: new URL(spec.loginUrl).origin,
		allowedOrigins: spec.domains.flatMap((d) => [`https://${d}`, `http://${d}`]),
		version: `definition v${spec.version}`,
		codeValiditySeconds: spec.codeValiditySeconds ?? 300,
		sessionMaxAgeSeconds: spec.sessionMaxAgeSeconds ?? 12 * 3600,
		createAdapter: () => new DefinitionAdapter(spec),
	};
}
