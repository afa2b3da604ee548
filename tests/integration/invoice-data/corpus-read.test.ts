import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	readInvoiceXml,
	UNKNOWN_PROFILE,
	type InvoiceReadResult,
} from '../../../portals/invoice-data';
import {
	corpusFiles,
	shortName,
	XRECHNUNG_CASES,
	XRECHNUNG_SUITE,
	ZUGFERD_CORPUS,
} from './corpora';

/**
 * Every XML file of both corpora, read as a user's files would be: no exception on any; every
 * EN 16931 invoice read with its number, date, currency and payable amount; FatturaPA (and any
 * other XML) a clear "not an e-invoice we read"; every guideline id a named profile.
 */
const zugferd = corpusFiles(ZUGFERD_CORPUS);
// The whole suite: its business and technical cases, and its build files (XML, not invoices).
const xrechnung = corpusFiles(XRECHNUNG_SUITE);
const businessCases = corpusFiles(join(XRECHNUNG_CASES, 'business-cases'));
const all = [...zugferd, ...xrechnung];
const results = new Map<string, InvoiceReadResult>(
	all.map((file) => [shortName(file), readInvoiceXml(readFileSync(file))]),
);
const isFattura = (name: string) => name.includes('/fatturaPA/');
/** The XML that is no invoice at all: the suite's Ant build and validator configuration. */
const isBuildFile = (name: string) => !name.includes('/src/test/') && name.startsWith('xrechnung');
const isNotOurs = (name: string) => isFattura(name) || isBuildFile(name);

test('the corpora hold the files they are known to (86 XML; 90, of which 72 business cases)', () => {
	expect(zugferd).toHaveLength(86);
	expect(xrechnung).toHaveLength(90);
	expect(businessCases).toHaveLength(72);
});

test('every EN 16931 XML of both corpora is read, with number, issue date, currency, payable', () => {
	const unread: string[] = [];
	for (const [name, result] of results) {
		if (isNotOurs(name)) continue;
		if (!result.isEInvoice) unread.push(`${name}: ${result.error.message}`);
		else if (
			!result.number ||
			!result.issueDate ||
			!result.currency ||
			result.totals.payable === undefined
		) {
			unread.push(`${name}: missing number, date, currency or payable amount`);
		}
	}
	expect(unread).toEqual([]);
	expect([...results.keys()].filter((n) => !isNotOurs(n))).toHaveLength(86 - 15 + 90 - 4);
});

test('FatturaPA files give a clear "not an e-invoice we read" (the truncated one: not well-formed)', () => {
	const fattura = [...results].filter(([name]) => isFattura(name));
	expect(fattura).toHaveLength(15);
	for (const [name, result] of fattura) {
		expect(result.isEInvoice).toBe(false);
		if (result.isEInvoice) continue;
		const expected = name.endsWith('con-ritenuta-acconto-e-cassa-previdenziale.xml')
			? 'malformed'
			: 'not-e-invoice';
		expect({ name, code: result.error.code }).toEqual({ name, code: expected });
		expect(result.error.message.length).toBeGreaterThan(20);
	}
});

test('the suite\'s build files (XML, no invoice) are "not an e-invoice we read" too', () => {
	const build = [...results].filter(([name]) => isBuildFile(name));
	expect(build).toHaveLength(4);
	for (const [, result] of build)
		expect(result).toMatchObject({ isEInvoice: false, error: { code: 'not-e-invoice' } });
});

test('every guideline id in the corpora maps to a named profile', () => {
	const ids = new Map<string, string>();
	for (const result of results.values()) {
		if (result.isEInvoice && result.source.guidelineId)
			ids.set(result.source.guidelineId, result.source.profile);
	}
	expect(ids.size).toBeGreaterThanOrEqual(7);
	const unknown = [...ids].filter(([, profile]) => profile === UNKNOWN_PROFILE);
	expect(unknown).toEqual([]);
	// Every e-invoice of the corpora names its guideline id.
	const withoutId = [...results].filter(([, r]) => r.isEInvoice && !r.source.guidelineId);
	expect(withoutId.map(([name]) => name)).toEqual([]);
});

test('the VAT breakdown and the line count are read from every EN 16931 XML', () => {
	const empty = [...results]
		.filter(([, r]) => r.isEInvoice && (r.vatBreakdown.length === 0 || r.lines.length === 0))
		.map(([name]) => name);
	expect(empty).toEqual([]);
});
