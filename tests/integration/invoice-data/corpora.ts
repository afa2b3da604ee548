import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The public e-invoice corpora, read where they lie (../shared/corpora from the project root,
 * see its README); never copied into the project. A missing corpus fails the test that asks for
 * it: these tests must not pass by reading nothing.
 */
export const CORPORA = join(__dirname, '..', '..', '..', '..', 'shared', 'corpora');
export const ZUGFERD_CORPUS = join(CORPORA, 'zugferd-corpus');
export const XRECHNUNG_SUITE = join(CORPORA, 'xrechnung-testsuite');
export const XRECHNUNG_CASES = join(XRECHNUNG_SUITE, 'src', 'test');

/** Every file under a corpus folder whose name ends with `suffix` (case-insensitive), sorted. */
export function corpusFiles(folder: string, suffix = '.xml'): string[] {
	if (!existsSync(folder)) {
		throw new Error(`The corpus folder ${folder} is missing: see ../shared/corpora/README.md.`);
	}
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) return walk(path);
			return entry.name.toLowerCase().endsWith(suffix) ? [path] : [];
		});
	return walk(folder).sort();
}

/** A corpus file's name as the tests report it. */
export const shortName = (path: string) => relative(CORPORA, path);
