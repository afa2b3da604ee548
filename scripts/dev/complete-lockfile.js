#!/usr/bin/env node
/*
 * The npm registry reachable here does not serve the non-Linux builds of a few native packages
 * (unrs-resolver's platform bindings, pulled in by n8n's ESLint configuration). `npm install` then
 * leaves them out of package-lock.json, and `npm ci` refuses the lockfile as incomplete. This adds
 * an entry for each missing optional platform package, tagged with its OS and CPU, so that the lock
 * is complete; npm never fetches them on a machine they do not fit.
 * Run after `npm install` changes the lockfile: node scripts/dev/complete-lockfile.js
 */
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

// Platform suffix → npm's os/cpu fields (names as the napi-rs build targets spell them).
function platformOf(name) {
	const m = name.match(/-(android|darwin|freebsd|linux|openharmony|win32|wasm32)-([a-z0-9]+)/);
	if (!m) return undefined;
	if (m[1] === 'wasm32') return { cpu: ['wasm32'] };
	return { os: [m[1]], cpu: [m[2] === 'arm' ? 'arm' : m[2]] };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
	for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
		if (!dep.includes('-binding-')) continue;
		const key = `node_modules/${dep}`;
		if (packages[key] || packages[`${path}/${key}`]) continue;
		const platform = platformOf(dep);
		if (!platform) continue;
		packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
		added += 1;
	}
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entr${added === 1 ? 'y' : 'ies'}`);
