import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PortalDefinition } from '../core/contract/adapter';
import { invalidInput } from '../core/outcomes/errors';
import demoCloud from './catalogue/demo-cloud.json';
import demoEnergie from './catalogue/demo-energie.json';
import demoTelecomSso from './catalogue/demo-telecom-sso.json';
import demoSso from './identity-providers/demo-sso.json';
import google from './identity-providers/google.json';
import microsoft from './identity-providers/microsoft.json';
import { definitionPortal } from './portal';
import type { AnySpec, DefinitionSpec, IdentityProviderSpec } from './spec';
import { parseDefinition } from './validate';

/** Definitions shipped with the package (portals/definitions/catalogue/): they appear in the portal list. */
const SHIPPED: unknown[] = [demoEnergie, demoCloud, demoTelecomSso];
/** Identity providers portals may name in login.sso (portals/definitions/identity-providers/). */
const SHIPPED_IDENTITY_PROVIDERS: unknown[] = [demoSso, google, microsoft];

/**
 * Self-hosters may keep their own definitions (portals and identity providers) in a folder:
 * INVOICE_PORTALS_DEFINITIONS_DIR. A broken file is named in the error; nothing else loads
 * silently wrong.
 */
export const ENV_DEFINITIONS_DIR = 'INVOICE_PORTALS_DEFINITIONS_DIR';

interface Catalogue {
	portals: DefinitionSpec[];
	identityProviders: IdentityProviderSpec[];
}

function loadCatalogue(env: NodeJS.ProcessEnv): Catalogue {
	const specs: AnySpec[] = [
		...SHIPPED.map((d, i) => parseDefinition(d, `catalogue definition ${i + 1}`)),
		...SHIPPED_IDENTITY_PROVIDERS.map((d, i) => parseDefinition(d, `identity-provider definition ${i + 1}`)),
	];
	const dir = env[ENV_DEFINITIONS_DIR]?.trim();
	if (dir) {
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
			specs.push(parseDefinition(readFileSync(join(dir, file), 'utf8'), `${ENV_DEFINITIONS_DIR}/${file}`));
		}
	}
	return {
		portals: specs.filter((s): s is DefinitionSpec => !s.identityProvider),
		identityProviders: specs.filter((s): s is IdentityProviderSpec => !!s.identityProvider),
	};
}

/** The identity providers portal definitions may name in login.sso (shipped, and the folder's). */
export function identityProviders(env: NodeJS.ProcessEnv = process.env): IdentityProviderSpec[] {
	return loadCatalogue(env).identityProviders;
}

export function cataloguePortals(env: NodeJS.ProcessEnv = process.env): PortalDefinition[] {
	const { portals, identityProviders } = loadCatalogue(env);
	return portals.map((spec) => definitionPortal(spec, identityProviders));
}

/** The credential's "Custom (definition)": the definition pasted as JSON text. */
export function customPortal(json: string, env: NodeJS.ProcessEnv = process.env): PortalDefinition {
	if (!json.trim()) throw invalidInput('Definition', 'is empty. Paste the portal definition (JSON) into the credential.');
	const spec = parseDefinition(json, 'Definition');
	if (spec.identityProvider) {
		throw invalidInput('Definition', `is the identity provider "${spec.slug}" (identityProvider: true). Paste the portal's definition, whose login.sso names the provider; put the provider's definition in ${ENV_DEFINITIONS_DIR}.`);
	}
	return definitionPortal(spec, identityProviders(env), 'Definition');
}
