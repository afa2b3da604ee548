import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp-dir';
import { CORPORA } from './corpora';

/**
 * The oracle for the business rules, in tests only: the official EN 16931 validation artefacts
 * (../shared/corpora/en16931-validation, XSLT 2.0, EUPL-1.2) run by Debian's Saxon-HE. One JVM
 * per syntax transforms every file of it (a folder of symlinks), which keeps the run to seconds
 * where a JVM per file would take minutes.
 */
export const SAXON_JAR = '/usr/share/java/Saxon-HE.jar';
const ARTEFACTS = join(CORPORA, 'en16931-validation');
export const XSLT = {
	CII: join(ARTEFACTS, 'cii-xslt', 'EN16931-CII-validation.xslt'),
	UBL: join(ARTEFACTS, 'ubl-xslt', 'EN16931-UBL-validation.xslt'),
};

/** A rule the official artefacts report as failed (an SVRL failed-assert). */
export interface OfficialFinding {
	rule: string;
	flag: string;
}

export interface OfficialRun {
	/** Per input file, the failed asserts. */
	findings: Map<string, OfficialFinding[]>;
	/** Files the XSLT could not process, with Saxon's words. */
	unprocessed: Map<string, string>;
}

/** Fails, saying how to install it, when Saxon-HE or the artefacts are missing; never skips. */
export function requireOracle(): void {
	if (!existsSync(SAXON_JAR)) {
		throw new Error(
			`Saxon-HE is missing (${SAXON_JAR}): install it with ` +
				'`bash scripts/dev/apt-install.sh "the e-invoice rule oracle" libsaxonhe-java` ' +
				'(as root; .ci/run does it), or `apt-get install libsaxonhe-java`.',
		);
	}
	for (const xslt of Object.values(XSLT)) {
		if (!existsSync(xslt)) {
			throw new Error(
				`The official artefacts are missing (${xslt}): see ../shared/corpora/README.md.`,
			);
		}
	}
}

/** Runs the official XSLT of one syntax over the files, in one JVM. */
export function runOfficialRules(syntax: 'CII' | 'UBL', files: string[]): OfficialRun {
	requireOracle();
	const dir = tempDir(`en16931-${syntax}-`);
	const [input, output] = [join(dir, 'in'), join(dir, 'out')];
	mkdirSync(input);
	mkdirSync(output);
	// Saxon names each output after its input: numbered links map back to the corpus files.
	const names = files.map((file, i) => {
		const name = `${String(i).padStart(4, '0')}.xml`;
		symlinkSync(file, join(input, name));
		return name;
	});
	const saxon = spawnSync(
		'java',
		[
			'-cp',
			SAXON_JAR,
			'net.sf.saxon.Transform',
			`-s:${input}`,
			`-xsl:${XSLT[syntax]}`,
			`-o:${output}`,
		],
		{ encoding: 'utf8', timeout: 10 * 60_000 },
	);
	if (saxon.error)
		throw new Error(`Saxon could not be run (java on PATH?): ${saxon.error.message}`);
	const findings = new Map<string, OfficialFinding[]>();
	const unprocessed = new Map<string, string>();
	names.forEach((name, i) => {
		const svrl = join(output, name);
		if (!existsSync(svrl)) {
			unprocessed.set(files[i], saxonMessageAbout(saxon.stderr, name));
			return;
		}
		findings.set(files[i], failedAsserts(readFileSync(svrl, 'utf8')));
	});
	return { findings, unprocessed };
}

/** The failed asserts of an SVRL report: their id and flag attributes. */
export function failedAsserts(svrl: string): OfficialFinding[] {
	// Attribute values cannot hold a raw `<`, so a start tag ends before the next one.
	const tags = svrl.match(/<svrl:failed-assert\b[^<]*/g) ?? [];
	return tags.map((tag) => ({
		rule: /\bid="([^"]*)"/.exec(tag)?.[1] ?? '',
		flag: /\bflag="([^"]*)"/.exec(tag)?.[1] ?? '',
	}));
}

function saxonMessageAbout(stderr: string, name: string): string {
	const lines = stderr.split('\n').filter((l) => l.includes(name));
	return (lines.length > 0 ? lines : stderr.split('\n').slice(0, 3)).join(' ').trim();
}
