import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RunOptions } from '../../../portals/core/run/portal-run';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { DISCOVER_OPTIONS, DISCOVER_USAGE, discoverHelp, parse } from './args';
import { credentialsFromEnvironment } from './credentials';
import { loginStep, printDocuments, printDownload, printPassed, report } from './steps';

/**
 * The checker's discovery mode: the Automatic portal finds the login and the documents list
 * from the login page alone, prints what it found step by step, lists the documents, downloads
 * one, and saves the definition it wrote (valid against the schema, ready to refine and to check
 * with `npm run portal:check -- <file>`). Returns the exit code (0: every step worked).
 */
export async function discover(argv: string[]): Promise<number> {
	const { values } = parse(argv, DISCOVER_OPTIONS);
	if (values.help) {
		console.log(discoverHelp());
		return 0;
	}
	const loginUrl = values.discover as string | undefined;
	if (!loginUrl) {
		console.log(`${DISCOVER_USAGE}\n(npm run portal:check -- --help lists the options)`);
		return 2;
	}
	if (values.headed) process.env.INVOICE_PORTALS_HEADLESS = 'false';
	const portal = automaticPortal({
		loginUrl,
		documentsUrl: values['documents-url'] as string | undefined,
	});
	const credentials = await credentialsFromEnvironment();
	const base: RunOptions = { portal, credentials, mode: 'download', collect: { newest: 1 } };
	const out = resolve((values.out as string | undefined) ?? 'portal-check-discover');

	// Quiet: the code pages passed are printed after the report's own line about them.
	const result = await loginStep(base, true);
	for (const line of result.discovery ?? []) console.log(line);
	printPassed(result);
	const learned = result.learned as AutomaticLearned | undefined;
	const definition = learned?.definition;
	if (!report('discover', result, out, false)) return 1;
	if (!definition) {
		console.log('✗ discover: no definition was written.');
		return 1;
	}
	console.log(`✓ list: ${result.counts.found} document(s) found (the newest shown)`);
	printDocuments(result);
	if (!printDownload(result)) return 1;
	const json = `${JSON.stringify(definition, null, 2)}\n`;
	const save = values.save as string | undefined;
	if (save) {
		writeFileSync(resolve(save), json);
		console.log(
			`✓ saved: ${save}. Refine it by hand (docs/adding-a-portal.md), then check it with: npm run portal:check -- ${save}`,
		);
	} else {
		console.log('The definition (add --save <file> to write it to a file):');
		console.log(json);
	}
	return 0;
}
