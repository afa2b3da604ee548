import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PortalDefinition } from '../core/contract/adapter';
import { invalidInput, PortalError } from '../core/outcomes/errors';
import demoCloud from './demo/demo-cloud.json';
import demoContracts from './demo/demo-contracts.json';
import demoContractsButtons from './demo/demo-contracts-buttons.json';
import demoDown from './demo/demo-down.json';
import demoEnergie from './demo/demo-energie.json';
import demoKinds from './demo/demo-kinds.json';
import demoSso from './demo/demo-sso.json';
import demoSpa from './demo/demo-spa.json';
import demoTelecom from './demo/demo-telecom.json';
import demoTelecomSso from './demo/demo-telecom-sso.json';
import demoTelecomLink from './demo/demo-telecom-link.json';
import google from './identity-providers/google.json';
import microsoft from './identity-providers/microsoft.json';
import { definitionPortal } from './portal';
import type { AnySpec, DefinitionSpec, IdentityProviderSpec } from './spec';
import { parseDefinition } from './validate';

/**
 * Definitions shipped with the package: the portals of SHIPPED (none yet: none is verified against
 * a real portal; docs/adding-a-portal.md, "Share it", says where a contributed one goes and how
 * it is imported here and validated) and the
 * identity-provider presets. The demo's definitions (for the demo
 * portal's layouts and its identity provider) are listed only in demo mode.
 */
const SHIPPED: unknown[] = [];
const SHIPPED_IDENTITY_PROVIDERS: unknown[] = [google, microsoft];
const DEMO: unknown[] = [
	demoEnergie,
	demoCloud,
	demoContracts,
	demoContractsButtons,
	demoSpa,
	demoDown,
	demoTelecom,
	demoTelecomLink,
	demoTelecomSso,
	demoSso,
	demoKinds,
];

/**
 * Self-hosters may keep their own definitions (portals and identity providers) in a folder:
 * INVOICE_PORTALS_DEFINITIONS_DIR. A file that cannot be used never stops the package from loading:
 * it is reported once in n8n's log and named in the error of a run that uses it.
 */
export const ENV_DEFINITIONS_DIR = 'INVOICE_PORTALS_DEFINITIONS_DIR';

/** INVOICE_PORTALS_DEMO=true lists the demo portals (npm run demo, the tests, trying the demo in n8n). */
export const ENV_DEMO = 'INVOICE_PORTALS_DEMO';

export function demoMode(env: NodeJS.ProcessEnv = process.env): boolean {
	return /^(1|true|yes|on)$/i.test(env[ENV_DEMO]?.trim() ?? '');
}

/** A definition file (or the folder) that cannot be used, and why. */
export interface CatalogueProblem {
	/** As the user knows it: INVOICE_PORTALS_DEFINITIONS_DIR/<file>, or the folder. */
	source: string;
	/** The file's own name: what the credential's list shows for it. */
	file: string;
	message: string;
}

interface Catalogue {
	portals: DefinitionSpec[];
	identityProviders: IdentityProviderSpec[];
	problems: CatalogueProblem[];
}

/** Each problem is logged once per process, not at every look at the portal list. */
const warned = new Set<string>();
const loaded = new Map<string, Catalogue>();

function warnOnce(problem: CatalogueProblem): void {
	const line = `n8n-nodes-invoice-portals: ${problem.source} cannot be used: ${problem.message}`;
	if (warned.has(line)) return;
	warned.add(line);
	// The catalogue is read when n8n loads the credential, where no node context (and so no n8n
	// logger) exists; n8n's log shows what a community package writes to stderr.
	// eslint-disable-next-line no-console
	console.warn(line);
}

function folderSpecs(dir: string, problems: CatalogueProblem[]): AnySpec[] {
	if (!existsSync(dir) || !statSync(dir).isDirectory()) {
		problems.push({
			source: `${ENV_DEFINITIONS_DIR} (${dir})`,
			file: dir,
			message: 'the folder does not exist. Create it, or correct the variable.',
		});
		return [];
	}
	const specs: AnySpec[] = [];
	for (const file of readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()) {
		const source = `${ENV_DEFINITIONS_DIR}/${file}`;
		try {
			specs.push(parseDefinition(readFileSync(join(dir, file), 'utf8'), source));
		} catch (error) {
			const message =
				error instanceof PortalError ? error.message : String((error as Error)?.message ?? error);
			problems.push({ source, file, message });
		}
	}
	return specs;
}

/** Read when first needed (not when the package loads), and once per folder and mode. */
function loadCatalogue(env: NodeJS.ProcessEnv): Catalogue {
	const dir = env[ENV_DEFINITIONS_DIR]?.trim() ?? '';
	const key = `${demoMode(env)}|${dir}`;
	const cached = loaded.get(key);
	if (cached) return cached;
	const problems: CatalogueProblem[] = [];
	const specs: AnySpec[] = [
		...(demoMode(env) ? DEMO.map((d, i) => parseDefinition(d, `demo definition ${i + 1}`)) : []),
		...SHIPPED.map((d, i) => parseDefinition(d, `catalogue definition ${i + 1}`)),
		...SHIPPED_IDENTITY_PROVIDERS.map((d, i) =>
			parseDefinition(d, `identity-provider definition ${i + 1}`),
		),
		...(dir ? folderSpecs(dir, problems) : []),
	];
	problems.forEach(warnOnce);
	const catalogue = {
		portals: specs.filter((s): s is DefinitionSpec => !s.identityProvider),
		identityProviders: specs.filter((s): s is IdentityProviderSpec => !!s.identityProvider),
		problems,
	};
	// Kept for the process, broken files included: a run must not read and parse the folder again
	// for every item. An edited folder takes effect when n8n restarts, as it loads the credential then.
	loaded.set(key, catalogue);
	return catalogue;
}

/** The identity providers portal definitions may name in login.sso (shipped, and the folder's). */
export function identityProviders(env: NodeJS.ProcessEnv = process.env): IdentityProviderSpec[] {
	return loadCatalogue(env).identityProviders;
}

export function cataloguePortals(env: NodeJS.ProcessEnv = process.env): PortalDefinition[] {
	const { portals, identityProviders } = loadCatalogue(env);
	return portals.map((spec) => definitionPortal(spec, identityProviders));
}

/** Definition files (or the folder) that could not be read; the portal list shows them so. */
export function catalogueProblems(env: NodeJS.ProcessEnv = process.env): CatalogueProblem[] {
	return loadCatalogue(env).problems;
}

/** The credential's "Custom (definition)": the definition pasted as JSON text. */
export function customPortal(json: string, env: NodeJS.ProcessEnv = process.env): PortalDefinition {
	if (!json.trim())
		throw invalidInput(
			'Definition',
			'is empty. Paste the portal definition (JSON) into the credential.',
		);
	const spec = parseDefinition(json, 'Definition');
	if (spec.identityProvider) {
		throw invalidInput(
			'Definition',
			`is the identity provider "${spec.slug}" (identityProvider: true). Paste the portal's definition, whose login.sso names the provider; put the provider's definition in ${ENV_DEFINITIONS_DIR}.`,
		);
	}
	return definitionPortal(spec, identityProviders(env), 'Definition');
}
