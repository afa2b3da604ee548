import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInvoiceXml, type InvoiceData } from '../../../portals/invoice-data';
import { corpusFiles, shortName, XRECHNUNG_CASES, ZUGFERD_CORPUS } from './corpora';
import { runOfficialRules, type OfficialRun } from './official-rules';

/**
 * Our business-rule verdicts against the official EN 16931 artefacts' on every CII and UBL XML of
 * the corpora (the ZUGFeRD corpus and the XRechnung suite's business cases): for each rule we
 * check on a file, we report it exactly when the official XSLT does, with the same flag.
 */
const files = [
	...corpusFiles(ZUGFERD_CORPUS),
	...corpusFiles(join(XRECHNUNG_CASES, 'business-cases')),
];
const read = new Map(files.map((f) => [f, readInvoiceXml(readFileSync(f))]));
const ofSyntax = (syntax: string) =>
	files.filter((f) => {
		const r = read.get(f)!;
		return r.isEInvoice && r.source.syntax === syntax;
	});

/**
 * Files the official rules do not cover, and why: ZUGFeRD 1 (its own namespace, which no rule of
 * the CII artefacts matches) and what is no invoice we read (FatturaPA).
 */
const notCovered = files.filter((f) => {
	const r = read.get(f)!;
	return !r.isEInvoice || r.source.syntax === 'ZUGFeRD 1';
});

let official: Record<'CII' | 'UBL', OfficialRun>;
let seconds = 0;

beforeAll(() => {
	const start = Date.now();
	official = {
		CII: runOfficialRules('CII', ofSyntax('CII')),
		UBL: runOfficialRules('UBL', ofSyntax('UBL')),
	};
	seconds = (Date.now() - start) / 1000;
}, 10 * 60_000);

test('the official rules run on every CII and UBL file of the corpora, in one JVM per syntax', () => {
	expect(ofSyntax('CII').length).toBeGreaterThan(60);
	expect(ofSyntax('UBL').length).toBeGreaterThan(50);
	// ZUGFeRD 1 and FatturaPA only: every other file is CII or UBL.
	expect(
		notCovered
			.map(shortName)
			.filter((n) => !/zugferd_1p0|ZUGFeRD_1p0|fatturaPA|rc_comfort/i.test(n)),
	).toEqual([]);
	const unprocessed = [...official.CII.unprocessed, ...official.UBL.unprocessed].map(
		([file, why]) => `${shortName(file)}: ${why}`,
	);
	expect(unprocessed).toEqual([]);
	console.log(
		`official EN 16931 rules over ${ofSyntax('CII').length} CII and ${ofSyntax('UBL').length} UBL files: ${seconds.toFixed(1)} s`,
	);
});

test.each(['CII', 'UBL'] as const)(
	'on every %s file, each rule we check fails exactly when the official one does',
	(syntax) => {
		const disagreements: string[] = [];
		for (const [file, theirs] of official[syntax].findings) {
			const ours = read.get(file) as InvoiceData;
			for (const rule of ours.validation.rulesChecked) {
				const them = theirs.filter((f) => f.rule === rule);
				const us = ours.validation.findings.filter((f) => f.rule === rule);
				const theirFlags = [...new Set(them.map((f) => f.flag))].join();
				const ourFlags = [...new Set(us.map((f) => f.flag))].join();
				if (theirFlags !== ourFlags) {
					disagreements.push(
						`${shortName(file)} ${rule}: official ${theirFlags || 'pass'}, ours ${ourFlags || 'pass'}`,
					);
				}
			}
		}
		expect(disagreements).toEqual([]);
	},
);

test('the corpus holds invoices the official rules reject, and we reject them too', () => {
	const rejected = [...official.CII.findings, ...official.UBL.findings].filter(([file]) => {
		const ours = read.get(file) as InvoiceData;
		return ours.validation.status === 'invalid';
	});
	expect(rejected.length).toBeGreaterThan(0);
});
