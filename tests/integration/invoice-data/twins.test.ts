import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
	readInvoiceFile,
	readInvoiceXml,
	sameAmount,
	type InvoiceData,
	type Totals,
} from '../../../portals/invoice-data';
import { corpusFiles, XRECHNUNG_CASES, ZUGFERD_CORPUS } from './corpora';

/**
 * The XRechnung test suite writes many invoices twice, as `<case>_ubl.xml` and
 * `<case>_uncefact.xml` (CII): the same invoice, so the same JSON for what a bookkeeper books.
 * No manifest of expected values exists; the twins are each other's oracle.
 */
const twins = corpusFiles(XRECHNUNG_CASES)
	.filter((file) => file.endsWith('_ubl.xml'))
	.map((ubl) => [ubl, ubl.replace(/_ubl\.xml$/, '_uncefact.xml')] as const)
	.filter(([, cii]) => existsSync(cii));

/**
 * Twins that differ, each with the fields that differ and why. The test fails if one of them
 * comes to agree, or if any other pair differs.
 */
const EXCEPTIONS: Record<string, { fields: string[]; why: string }> = {
	'01.21a-INVOICE': {
		fields: ['seller.vatId', 'vatBreakdown'],
		why: 'the twins carry different seller VAT ids (DE 123456789 in UBL, DE152338654 in CII) and different exemption reasons for their AE breakdown ("Umkehrung der Steuerschuldnerschaft" in UBL, "als gemeinnützig anerkannt" in CII)',
	},
	...Object.fromEntries(
		['01.01', '01.02', '01.03', '01.04'].map((n) => [
			`${n}_comprehensive_test`,
			{
				fields: ['buyer.name', 'buyer.tradingName'],
				// Checked against EN 16931's UBL binding, not assumed: BT-44 (buyer name) is
				// PartyLegalEntity/RegistrationName, BT-45 (trading name) PartyName/Name, and the
				// official UBL rules test BR-07 (the buyer's name) on RegistrationName. The seller's
				// placeholders in the same files are the right way round.
				why: 'the UBL file has the buyer placeholders swapped: its RegistrationName (BT-44, the name) says "[Buyer trading name]" and its PartyName (BT-45) "[Buyer name]"; the CII file has them the right way round',
			},
		]),
	),
};

/** EN 16931 counts an absent allowance, charge, VAT, prepaid or rounding total as zero. */
const TOTALS: (keyof Totals)[] = [
	'lineNet',
	'allowances',
	'charges',
	'taxExclusive',
	'vat',
	'vatInTaxCurrency',
	'taxInclusive',
	'prepaid',
	'rounding',
	'payable',
];
const ZERO_WHEN_ABSENT: (keyof Totals)[] = ['allowances', 'charges', 'vat', 'prepaid', 'rounding'];

function read(file: string): InvoiceData {
	const result = readInvoiceXml(readFileSync(file));
	if (!result.isEInvoice) throw new Error(`${file}: ${result.error.message}`);
	return result;
}

/** The compared fields that differ between two readings of one invoice. */
function differences(a: InvoiceData, b: InvoiceData): string[] {
	const found: string[] = [];
	const same = (field: string, x: unknown, y: unknown) => {
		if (JSON.stringify(x) !== JSON.stringify(y)) found.push(field);
	};
	for (const key of [
		'number',
		'issueDate',
		'dueDate',
		'deliveryDate',
		'period',
		'currency',
		'taxCurrency',
	] as const) {
		same(key, a[key], b[key]);
	}
	for (const party of ['seller', 'buyer'] as const) {
		for (const key of ['name', 'tradingName', 'vatId'] as const)
			same(`${party}.${key}`, a[party][key], b[party][key]);
	}
	for (const key of TOTALS) {
		const zero = ZERO_WHEN_ABSENT.includes(key) ? 0 : undefined;
		if (!sameAmount(a.totals[key] ?? zero, b.totals[key] ?? zero)) found.push(`totals.${key}`);
	}
	same('vatBreakdown', breakdown(a), breakdown(b));
	same('lines.length', a.lines.length, b.lines.length);
	// BG-24: compared when both sides have supporting documents.
	if (a.supportingDocuments && b.supportingDocuments)
		same('supportingDocuments.length', a.supportingDocuments.length, b.supportingDocuments.length);
	return found;
}

/**
 * The breakdown as a set: the syntaxes need not list the categories in the same order. With the
 * exemption reason (BT-120) and its code (BT-121): the list of compared fields says "the
 * VAT breakdown", and the reason is part of it.
 */
function breakdown(invoice: InvoiceData): string[] {
	return invoice.vatBreakdown
		.map((v) =>
			JSON.stringify([
				v.category,
				v.rate,
				v.taxable,
				v.tax,
				v.exemptionReason,
				v.exemptionReasonCode,
			]),
		)
		.sort();
}

test('the suite holds 40 UBL/CII twin pairs', () => {
	expect(twins).toHaveLength(40);
});

test('35 of the 40 twin pairs give equal JSON; the 5 others differ only where listed, for the reason given', () => {
	const differing: Record<string, string[]> = {};
	let equal = 0;
	for (const [ubl, cii] of twins) {
		const found = differences(read(ubl), read(cii));
		if (found.length === 0) equal += 1;
		else differing[basename(ubl).replace(/_ubl\.xml$/, '')] = found;
	}
	const expected = Object.fromEntries(
		Object.entries(EXCEPTIONS).map(([name, e]) => [name, e.fields]),
	);
	expect(differing).toEqual(expected);
	expect(equal).toBe(35);
});

/**
 * The ZUGFeRD corpus's XML-Rechnung folder holds the same invoices as `CII/<name>.cii.xml`,
 * `UBL/<name>.ubl.xml` and, for 26 of its 27 sets, `FX/<name>.pdf` (a hybrid PDF).
 */
const xmlRechnung = corpusFiles(join(ZUGFERD_CORPUS, 'XML-Rechnung', 'UBL'))
	.filter((file) => file.endsWith('.ubl.xml'))
	.map((ubl) => [ubl, ubl.replace(/\/UBL\/([^/]+)\.ubl\.xml$/, '/CII/$1.cii.xml')] as const)
	.filter(([, cii]) => existsSync(cii));

test('26 of the 27 CII/UBL sets of the corpus XML-Rechnung folder give equal JSON', () => {
	const differing: Record<string, string[]> = {};
	for (const [ubl, cii] of xmlRechnung) {
		const found = differences(read(ubl), read(cii));
		if (found.length > 0) differing[basename(ubl)] = found;
	}
	expect(xmlRechnung).toHaveLength(27);
	// Named so by its authors: its UBL file's VAT breakdown (taxable and tax) and VAT totals are
	// ten times those of its CII twin, while the other totals agree.
	expect(differing).toEqual({
		'not_validating_full_invoice_based_onTest_EeISI_300_CENfullmodel.ubl.xml': [
			'totals.vat',
			'totals.vatInTaxCurrency',
			'vatBreakdown',
		],
	});
});

/** The sets' PDFs, each with its CII file; the PDF's XML found and read by our own reader. */
const xmlRechnungPdfs = corpusFiles(join(ZUGFERD_CORPUS, 'XML-Rechnung', 'FX'), '.pdf').map(
	(pdf) => [pdf, pdf.replace(/\/FX\/([^/]+)\.pdf$/, '/CII/$1.cii.xml')] as const,
);

/**
 * Checked, not assumed: these four PDFs embed an XRechnung 2.1 invoice (guideline id
 * `…:xrechnung_2.1`), their CII files XRechnung 3.0, dated six years later. The same invoice
 * otherwise: number, parties, every total, the VAT breakdown and the lines agree.
 */
const OLDER_PDFS: Record<string, string[]> = {
	'XRECHNUNG_Betriebskostenabrechnung.pdf': ['issueDate', 'dueDate', 'deliveryDate', 'period'],
	'XRECHNUNG_Einfach.pdf': ['issueDate', 'deliveryDate'],
	'XRECHNUNG_Elektron.pdf': ['issueDate', 'deliveryDate'],
	'XRECHNUNG_Reisekostenabrechnung.pdf': ['issueDate', 'deliveryDate', 'period'],
};

test('22 of the 26 PDFs of the XML-Rechnung sets give the JSON of their CII file; the 4 XRECHNUNG_ PDFs carry an older XRechnung 2.1 version', async () => {
	expect(xmlRechnungPdfs).toHaveLength(26);
	const differing: Record<string, string[]> = {};
	const guidelines: Record<string, string | undefined> = {};
	for (const [pdf, cii] of xmlRechnungPdfs) {
		const fromPdf = await readInvoiceFile(readFileSync(pdf), { fileName: basename(pdf) });
		if (!fromPdf.isEInvoice) throw new Error(`${pdf}: ${fromPdf.error.message}`);
		const found = differences(fromPdf, read(cii));
		if (found.length === 0) continue;
		differing[basename(pdf)] = found;
		guidelines[basename(pdf)] = fromPdf.source.guidelineId;
	}
	expect(differing).toEqual(OLDER_PDFS);
	for (const guideline of Object.values(guidelines)) expect(guideline).toMatch(/xrechnung_2\.1$/);
	// Per set: the PDF (where there is one), the CII and the UBL file all agree on 22 of the 27,
	// the 4 sets above and not_validating_… (its UBL file, no PDF) being the exceptions.
	expect(xmlRechnung.length - Object.keys(differing).length - 1).toBe(22);
});
