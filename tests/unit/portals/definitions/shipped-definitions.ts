import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The definitions the package ships, read as the tests of portals/definitions use them.
const definitions = join(__dirname, '..', '..', '..', '..', 'portals', 'definitions');

/** Every shipped definition: catalogue/ (not there until a real portal is verified), the presets, the demo's. */
export const shippedFiles = ['catalogue', 'identity-providers', 'demo'].flatMap((dir) =>
	(existsSync(join(definitions, dir)) ? readdirSync(join(definitions, dir)) : [])
		.filter((f) => f.endsWith('.json'))
		.map((f) => `${dir}/${f}`),
);

/** A shipped definition's JSON, by its path under portals/definitions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const readDefinition = (file: string): Record<string, any> =>
	JSON.parse(readFileSync(join(definitions, file), 'utf8'));
