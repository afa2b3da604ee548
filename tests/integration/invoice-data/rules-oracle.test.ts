import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	readInvoiceXml,
	type InvoiceData,
	type InvoiceReadResult,
} from '../../../portals/invoice-data';
import { tempDir } from '../../helpers/temp-dir';
import { corpusFiles, shortName, XRECHNUNG_CASES, ZUGFERD_CORPUS } from './corpora';
import { extractEmbeddedXml, type EmbeddedXml } from './embedded-xml';
import { runOfficialRules, type OfficialRun } from './official-rules';
import { writeMutants } from './rule-mutants';

/**
 * Our business-rule verdicts against the official EN 16931 artefacts' on every CII and UBL XML of
 * the corpora (the ZUGFeRD corpus's XML files, the XML embedded in its hybrid PDFs, and the
 * XRechnung suite's business and technical cases), and on mutants of some of them
 * (rule-mutants.ts): for each rule we check on a file, we report it exactly when the official
 * XSLT does, with the same flag.
 */
const businessCases = corpusFiles(join(XRECHNUNG_CASES, 'business-cases'));
const technicalCases = corpusFiles(join(XRECHNUNG_CASES, 'technical-cases'));
const xmlFiles = [...corpusFiles(ZUGFERD_CORPUS), ...businessCases, ...technicalCases];
const pdfs = corpusFiles(ZUGFERD_CORPUS, '.pdf');
const read = new Map<string, InvoiceReadResult>(
	xmlFiles.map((f) => [f, readInvoiceXml(readFileSync(f))]),
);
/** The hybrid PDFs' XML, extracted by our reader in beforeAll; keyed by its temp copy. */
const embedded = new Map<string, EmbeddedXml>();
/** Every corpus file compared: the XML files and the PDFs' embedded XML (their temp copies). */
let corpus: string[] = xmlFiles;
const ofSyntax = (syntax: string, files: string[]) =>
	files.filter((f) => {
		const r = read.get(f)!;
		return r.isEInvoice && r.source.syntax === syntax;
	});

/**
 * Files the official rules do not cover: ZUGFeRD 1 (its own namespaces, which no rule of the CII
 * artefacts matches: they report nothing) and what is no invoice we read (FatturaPA).
 */
const notCovered = () =>
	corpus.filter((f) => {
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
	const files = ofSyntax(syntax, xmlFiles).map((path) => ({
		path,
		xml: readFileSync(path, 'utf8'),
	}));
	const chosen = new Set(
		FEATURES.flatMap((feature) => files.find((f) => feature.test(f.xml)) ?? []),
	);
	return [...chosen, ...files.filter((f) => !chosen.has(f)).slice(0, 2)];
}

let official: Record<'CII' | 'UBL', OfficialRun>;
const mutants: Record<'CII' | 'UBL', string[]> = { CII: [], UBL: [] };
let seconds = 0;
let baseCount = 0;

beforeAll(async () => {
	for (const found of await extractEmbeddedXml(pdfs)) {
		embedded.set(found.file, found);
		// Our verdicts on the XML as found in the PDF, not on Saxon's copy.
		read.set(found.file, readInvoiceXml(found.xml));
	}
	corpus = [...xmlFiles, ...embedded.keys()];
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

const label = (file: string) => {
	const pdf = embedded.get(file)?.pdf;
	if (pdf) return `${shortName(pdf)} (embedded XML)`;
	return corpus.includes(file) ? shortName(file) : `mutant ${file.split('/').pop()}`;
};

/** The group of a compared file, as the docs count them. */
function group(file: string): string {
	if (embedded.has(file)) return 'embedded in PDFs';
	if (technicalCases.includes(file)) return 'XRechnung technical cases';
	if (businessCases.includes(file)) return 'XRechnung business cases';
	return 'ZUGFeRD corpus XML';
}

/** Per group, the files the official rules compared (CII and UBL), e.g. `{ ...: 'CII 12, UBL 3' }`. */
function comparedPerGroup(): Record<string, string> {
	const counts: Record<string, Record<string, number>> = {};
	for (const syntax of ['CII', 'UBL'] as const) {
		for (const file of official[syntax].findings.keys()) {
			if (!corpus.includes(file)) continue;
			const g = (counts[group(file)] ??= { CII: 0, UBL: 0 });
			g[syntax] += 1;
		}
	}
	return Object.fromEntries(
		Object.entries(counts).map(([g, c]) => [g, `CII ${c.CII}, UBL ${c.UBL}`]),
	);
}

test('the official rules process every CII and UBL file of the corpora, one JVM per syntax', () => {
	// Every hybrid PDF's XML is compared (the corpus's one plain PDF has none), and the one the
	// copy of which Saxon needed rewritten is named.
	expect(pdfs).toHaveLength(149);
	expect(embedded.size).toBe(148);
	expect([...embedded.values()].flatMap((e) => (e.rewritten ? [shortName(e.pdf)] : []))).toEqual([
		'zugferd-corpus/ZUGFeRDv2/fail/Mustangproject/factur-x-invalid-xml-encoding-attribute.pdf',
	]);
	expect(technicalCases).toHaveLength(14);
	// The other 24 embedded XML are ZUGFeRD 1, which no official rule covers (notCovered).
	expect(comparedPerGroup()).toEqual({
		'ZUGFeRD corpus XML': 'CII 42, UBL 29',
		'XRechnung business cases': 'CII 34, UBL 38',
		'XRechnung technical cases': 'CII 7, UBL 7',
		'embedded in PDFs': 'CII 124, UBL 0',
	});
	// Left out: ZUGFeRD 1 and FatturaPA (one of which is not even well-formed) only.
	const leftOut = notCovered().filter((f) => {
		const r = read.get(f)!;
		return !(r.isEInvoice ? r.source.syntax === 'ZUGFeRD 1' : f.includes('/fatturaPA/'));
	});
	expect(leftOut.map(label)).toEqual([]);
	const unprocessed = corpus.flatMap((f) => {
		const why = official.CII.unprocessed.get(f) ?? official.UBL.unprocessed.get(f);
		return why === undefined ? [] : [`${label(f)}: ${why}`];
	});
	expect(unprocessed).toEqual([]);
	console.log(
		`official EN 16931 rules over ${ofSyntax('CII', corpus).length} CII + ${mutants.CII.length} mutants and ${ofSyntax('UBL', corpus).length} UBL + ${mutants.UBL.length} mutants (of ${baseCount} files): ${seconds.toFixed(1)} s; not covered: ${notCovered().length} files (FatturaPA, ZUGFeRD 1); mutants the XSLT could not process: ${official.CII.unprocessed.size + official.UBL.unprocessed.size}`,
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
