import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInvoiceXml, validateSchemas } from '../../../portals/invoice-data';
import {
	schemaFor,
	XSD_FOLDER,
} from '../../../portals/invoice-data/validation/schema/schema-files';
import { tempDir } from '../../helpers/temp-dir';
import { corpusFiles, shortName, XRECHNUNG_CASES, ZUGFERD_CORPUS } from './corpora';
import { writeSchemaMutants } from './schema-mutants';

/**
 * Our schema verdicts (libxml2 compiled to WebAssembly, xmllint-wasm) against Debian's xmllint
 * (libxml2-utils) with the same XSDs, on every CII and UBL XML of the corpora and on mutants that
 * break the schema. Both are libxml2: this proves our packaging (the schemas we ship, their
 * imports, the worker, the reading of its messages), not a second opinion on XML Schema itself;
 * Saxon-HE, the rule oracle, cannot validate schemas in its free edition.
 */
const XMLLINT = '/usr/bin/xmllint';

const corpus = [...corpusFiles(ZUGFERD_CORPUS), ...corpusFiles(XRECHNUNG_CASES)];
const namespaceOf = new Map<string, string>();
for (const file of corpus) {
	const r = readInvoiceXml(readFileSync(file));
	if (r.isEInvoice && schemaFor(r.source.namespace)) namespaceOf.set(file, r.source.namespace!);
}
const covered = [...namespaceOf.keys()];
const syntaxOf = (file: string) => (namespaceOf.get(file)!.includes('ubl') ? 'UBL' : 'CII');

/** Debian's xmllint over the files of one schema: per file, valid or not, and its error lines. */
function reference(
	files: string[],
	main: string,
): Map<string, { valid: boolean; lines: number[] }> {
	const run = spawnSync(XMLLINT, ['--nonet', '--noout', '--schema', main, ...files], {
		encoding: 'utf8',
		timeout: 5 * 60_000,
		maxBuffer: 64 * 1024 * 1024,
	});
	const verdicts = new Map<string, { valid: boolean; lines: number[] }>();
	for (const file of files) {
		const said = run.stderr.split('\n').filter((l) => l.startsWith(`${file}`));
		const valid = said.includes(`${file} validates`);
		if (!valid && !said.includes(`${file} fails to validate`)) {
			throw new Error(`xmllint said nothing about ${file}: ${run.stderr.slice(0, 500)}`);
		}
		const lines = said.flatMap((l) => {
			const m = /^.*?\.xml:(\d+): /.exec(l);
			return m ? [Number(m[1])] : [];
		});
		verdicts.set(file, { valid, lines });
	}
	return verdicts;
}

let files: string[] = [];
const theirs = new Map<string, { valid: boolean; lines: number[] }>();
const mutants: string[] = [];

beforeAll(() => {
	if (!existsSync(XMLLINT)) {
		throw new Error(
			`Debian's xmllint is missing (${XMLLINT}): install it with ` +
				'`bash scripts/dev/apt-install.sh "the e-invoice schema oracle" libxml2-utils` (as root; .ci/run does it).',
		);
	}
	const folder = tempDir('xsd-mutants-');
	for (const syntax of ['CII', 'UBL'] as const) {
		// Three bases per syntax (a CreditNote among the UBL ones), every mutation of each.
		const ofSyntax = covered.filter((f) => syntaxOf(f) === syntax);
		const creditNote = ofSyntax.filter((f) => namespaceOf.get(f)!.endsWith('CreditNote-2'));
		const bases = [...new Set([...ofSyntax.slice(0, 3), ...creditNote.slice(0, 1)])];
		mutants.push(...writeSchemaMutants(syntax, bases, (f) => readFileSync(f, 'utf8'), folder));
	}
	for (const m of mutants) {
		const r = readInvoiceXml(readFileSync(m));
		// A mutant our reader no longer reads as an e-invoice has no schema verdict to compare.
		if (r.isEInvoice) namespaceOf.set(m, r.source.namespace!);
	}
	files = [...namespaceOf.keys()];
	const byMain = new Map<string, string[]>();
	for (const f of files) {
		const main = join(
			XSD_FOLDER,
			schemaFor(namespaceOf.get(f))!.folder,
			schemaFor(namespaceOf.get(f))!.main,
		);
		byMain.set(main, [...(byMain.get(main) ?? []), f]);
	}
	for (const [main, group] of byMain) for (const [f, v] of reference(group, main)) theirs.set(f, v);
}, 5 * 60_000);

test(
	'every corpus file and schema mutant gets the reference xmllint verdict, at the same lines',
	async () => {
		expect(covered.length).toBeGreaterThanOrEqual(150);
		expect(mutants.length).toBeGreaterThanOrEqual(20);
		const disagreements: string[] = [];
		let refused = 0;
		const start = Date.now();
		// All at once, as a folder is read: one run per schema and 50 files.
		const outcomes = await validateSchemas(
			files.map((file) => ({ xml: readFileSync(file), namespace: namespaceOf.get(file) })),
		);
		const seconds = (Date.now() - start) / 1000;
		files.forEach((file, i) => {
			const ours = outcomes[i];
			const ref = theirs.get(file)!;
			const label = corpus.includes(file) ? shortName(file) : `mutant ${file.split('/').pop()}`;
			if (ours.status !== 'checked') {
				disagreements.push(`${label}: not checked (${ours.findings[0]?.message})`);
				return;
			}
			const valid = ours.findings.length === 0;
			if (!valid) refused += 1;
			const lines = ours.findings.map((f) => Number(/line (\d+)/.exec(f.where)?.[1]));
			if (valid !== ref.valid || (!valid && lines[0] !== ref.lines[0])) {
				disagreements.push(
					`${label}: reference ${ref.valid ? 'valid' : `invalid at ${ref.lines.join(',')}`}, ours ${valid ? 'valid' : `invalid at ${lines.join(',')}`}`,
				);
			}
		});
		expect(disagreements).toEqual([]);
		// Every mutant is refused; the corpus files are what the reference says (all valid today).
		const mutantsRefused = mutants.filter((m) => theirs.get(m) && !theirs.get(m)!.valid).length;
		expect(mutantsRefused).toBe(mutants.filter((m) => theirs.has(m)).length);
		expect(refused).toBeGreaterThanOrEqual(mutantsRefused);
		console.log(
			`schema verdicts equal Debian's xmllint on ${covered.length} corpus files (${covered.filter((f) => !theirs.get(f)!.valid).length} invalid) and ${files.length - covered.length} mutants (all refused): ${seconds.toFixed(1)} s, ${((seconds * 1000) / files.length).toFixed(0)} ms per file`,
		);
	},
	10 * 60_000,
);
