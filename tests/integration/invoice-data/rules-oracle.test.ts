import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	readInvoiceXml,
	type InvoiceData,
	type InvoiceReadResult,
} from '../../../portals/invoice-data';
import { tempDir } from '../../helpers/temp-dir';
import { corpusFiles, shortName, XRECHNUNG_CASES, ZUGFERD_CORPUS } from './corpora';
import { runOfficialRules, type OfficialRun } from './official-rules';
import { writeMutants } from './rule-mutants';

/**
 * Our business-rule verdicts against the official EN 16931 artefacts' on every CII and UBL XML of
 * the corpora (the ZUGFeRD corpus and the XRechnung suite's business cases), and on mutants of
 * some of them (rule-mutants.ts): for each rule we check on a file, we report it exactly when
 * the official XSLT does, with the same flag.
 */
const corpus = [
	...corpusFiles(ZUGFERD_CORPUS),
	...corpusFiles(join(XRECHNUNG_CASES, 'business-cases')),
];
const read = new Map<string, InvoiceReadResult>(
	corpus.map((f) => [f, readInvoiceXml(readFileSync(f))]),
);
const ofSyntax = (syntax: string, files: string[]) =>
	files.filter((f) => {
		const r = read.get(f)!;
		return r.isEInvoice && r.source.syntax === syntax;
	});

/**
 * Files the official rules do not cover: ZUGFeRD 1 (its own namespaces, which no rule of the CII
 * artefacts matches: they report nothing) and what is no invoice we read (FatturaPA).
 */
const notCovered = corpus.filter((f) => {
	const r = read.get(f)!;
	return !r.isEInvoice || r.source.syntax === 'ZUGFeRD 1';
});

/**
 * The mutated files: for each thing our rules look at (each VAT category other than S,
 * document-level allowances or charges, a paid amount, rounding), the first corpus invoice with
 * it, and the first two others.
 */
const FEATURES = [
	...['Z', 'E', 'AE', 'K', 'O'].map((c) => new RegExp(`>${c}</(ram:CategoryCode|cbc:ID)>`)),
	/AllowanceCharge>/,
	/PrepaidAmount>/,
	/RoundingAmount>/,
	// A gross price (BR-28): CII's own element, UBL's base amount of a price allowance.
	/GrossPriceProductTradePrice>/,
	/<cac:Price>(?:(?!<\/cac:Price>)[\s\S])*?<cbc:BaseAmount/,
	// A seller's tax representative (BR-18 … BR-20).
	/TaxRepresentative(Trade)?Party>/,
	// A payee other than the seller (BR-17).
	/Payee(Trade)?Party>/,
];
function mutantBases(syntax: 'CII' | 'UBL') {
	const files = ofSyntax(syntax, corpus).map((path) => ({ path, xml: readFileSync(path, 'utf8') }));
	const chosen = new Set(
		FEATURES.flatMap((feature) => files.find((f) => feature.test(f.xml)) ?? []),
	);
	return [...chosen, ...files.filter((f) => !chosen.has(f)).slice(0, 2)];
}

let official: Record<'CII' | 'UBL', OfficialRun>;
const mutants: Record<'CII' | 'UBL', string[]> = { CII: [], UBL: [] };
let seconds = 0;
let baseCount = 0;

beforeAll(() => {
	const folder = tempDir('en16931-mutants-');
	for (const syntax of ['CII', 'UBL'] as const) {
		const bases = mutantBases(syntax);
		baseCount += bases.length;
		mutants[syntax] = writeMutants(syntax, bases, folder);
		for (const m of mutants[syntax]) read.set(m, readInvoiceXml(readFileSync(m)));
	}
	const start = Date.now();
	official = {
		CII: runOfficialRules('CII', [...ofSyntax('CII', corpus), ...mutants.CII]),
		UBL: runOfficialRules('UBL', [...ofSyntax('UBL', corpus), ...mutants.UBL]),
	};
	seconds = (Date.now() - start) / 1000;
}, 10 * 60_000);

const label = (file: string) =>
	corpus.includes(file) ? shortName(file) : `mutant ${file.split('/').pop()}`;

test('the official rules process every CII and UBL file of the corpora, one JVM per syntax', () => {
	expect(ofSyntax('CII', corpus).length).toBeGreaterThanOrEqual(76);
	expect(ofSyntax('UBL', corpus).length).toBeGreaterThanOrEqual(67);
	// Left out: ZUGFeRD 1 and FatturaPA (one of which is not even well-formed) only.
	const leftOut = notCovered.filter((f) => {
		const r = read.get(f)!;
		return !(r.isEInvoice ? r.source.syntax === 'ZUGFeRD 1' : f.includes('/fatturaPA/'));
	});
	expect(leftOut.map(shortName)).toEqual([]);
	const unprocessed = corpus.flatMap((f) => {
		const why = official.CII.unprocessed.get(f) ?? official.UBL.unprocessed.get(f);
		return why === undefined ? [] : [`${shortName(f)}: ${why}`];
	});
	expect(unprocessed).toEqual([]);
	console.log(
		`official EN 16931 rules over ${ofSyntax('CII', corpus).length} CII + ${mutants.CII.length} mutants and ${ofSyntax('UBL', corpus).length} UBL + ${mutants.UBL.length} mutants (of ${baseCount} files): ${seconds.toFixed(1)} s; not covered: ${notCovered.length} files (FatturaPA, ZUGFeRD 1); mutants the XSLT could not process: ${official.CII.unprocessed.size + official.UBL.unprocessed.size}`,
	);
});

test.each(['CII', 'UBL'] as const)(
	'on every %s file and mutant, each rule we check fails exactly when the official one does',
	(syntax) => {
		const disagreements: string[] = [];
		let failures = 0;
		for (const [file, theirs] of official[syntax].findings) {
			const ours = read.get(file) as InvoiceData;
			for (const rule of ours.validation.rulesChecked) {
				const theirFlags = flags(theirs.filter((f) => f.rule === rule));
				const ourFlags = flags(ours.validation.findings.filter((f) => f.rule === rule));
				if (theirFlags) failures += 1;
				if (theirFlags !== ourFlags) {
					disagreements.push(
						`${label(file)} ${rule}: official ${theirFlags || 'pass'}, ours ${ourFlags || 'pass'}`,
					);
				}
			}
		}
		expect(disagreements).toEqual([]);
		// The mutants break rules: a comparison of passes alone would prove nothing.
		expect(failures).toBeGreaterThan(50);
	},
);

test('every rule we check is broken by some corpus file or mutant, and we say so', () => {
	const broken = new Set<string>();
	for (const run of [official.CII, official.UBL]) {
		for (const [file] of run.findings) {
			(read.get(file) as InvoiceData).validation.findings.forEach((f) => broken.add(f.rule));
		}
	}
	const checked = new Set(
		[...official.CII.findings.keys(), ...official.UBL.findings.keys()].flatMap(
			(f) => (read.get(f) as InvoiceData).validation.rulesChecked,
		),
	);
	expect([...checked].filter((rule) => !broken.has(rule))).toEqual([]);
	expect(checked.size).toBeGreaterThanOrEqual(30);
});

const flags = (findings: { flag: string }[]) => [...new Set(findings.map((f) => f.flag))].join();
