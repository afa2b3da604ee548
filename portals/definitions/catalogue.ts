import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PortalDefinition } from '../core/adapter';
import { invalidInput } from '../core/errors';
import demoCloud from './catalogue/demo-cloud.json';
import demoEnergie from './catalogue/demo-energie.json';
import { definitionPortal } from './portal';
import { parseDefinition } from './validate';

/** Definitions shipped with the package (portals/definitions/catalogue/): they appear in the portal list. */
const SHIPPED: unknown[] = [demoEnergie, demoCloud];

/**
 * Self-hosters may keep their own definitions in a folder: INVOICE_PORTALS_DEFINITIONS_DIR.
 * Read once when n8n loads the package; a broken file is named in the error, nothing else loads
 * silently wrong.
 */
export const ENV_DEFINITIONS_DIR = 'INVOICE_PORTALS_DEFINITIONS_DIR';

export function cataloguePortals(env: NodeJS.ProcessEnv = process.env): PortalDefinition[] {
	const specs = SHIPPED.map((d, i) => parseDefinition(d, `catalogue definition ${i + 1}`));
	const dir = env[ENV_DEFINITIONS_DIR]?.trim();
	if (dir) {
		for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
			specs.push(parseDefinition(readFileSync(join(dir, file), 'utf8'), `${ENV_DEFINITIONS_DIR}/${file}`));
		}
	}
	return specs.map(definitionPortal);
}

/** The credential's "Custom (definition)": the definition pasted as JSON text. */
export function customPortal(json: string): PortalDefinition {
	if (!json.trim()) throw invalidInput('Definition', 'is empty. Paste the portal definition (JSON) into the credential.');
	return definitionPortal(parseDefinition(json, 'Definition'));
}
