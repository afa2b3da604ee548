import { readFileSync } from 'node:fs';
import { readInvoiceXml, readInvoiceFile, type InvoiceData } from '../../../portals/invoice-data';
import { readPlainPdf } from '../../../portals/invoice-data/plain-pdf/read-plain-pdf';
import type { RecognizedInvoice } from '../../../portals/invoice-data';
import { corpusFiles, shortName, ZUGFERD_CORPUS } from './corpora';
import { figureTable, measure, type FieldFigures } from './plain-pdf-measure';

/**
 * Plain-PDF recognition measured on the ZUGFeRD corpus's 148 hybrid PDFs: each is read as a
 * plain PDF (its text layer only, the embedded XML ignored), then its XML, read by
 * readInvoiceFile, is the answer. General rules only: nothing here or in the recognizer knows a
 * file by name.
 */
const pdfs = corpusFiles(ZUGFERD_CORPUS, '.pdf');
const pairs: { name: string; recognized?: RecognizedInvoice; answer: InvoiceData }[] = [];
let figures: Record<string, FieldFigures> = {};

beforeAll(async () => {
	for (const file of pdfs) {
		const body = readFileSync(file);
		const answer = await readInvoiceFile(body);
		if (!answer.isEInvoice) continue;
		const plain = await readPlainPdf(body);
		pairs.push({ name: shortName(file), recognized: plain.recognized, answer });
	}
	figures = measure(pairs);
	console.log(`Plain-PDF recognition on ${pairs.length} hybrid PDFs:\n${figureTable(figures)}`);
	for (const [field, f] of Object.entries(figures)) {
		if (f.wrongList.length) console.log(`${field} wrong:\n  ${f.wrongList.join('\n  ')}`);
		if (f.missingList.length) console.log(`${field} not found:\n  ${f.missingList.join('\n  ')}`);
	}
}, 600_000);

test('all 148 hybrid PDFs are measured, each with a text layer', () => {
	expect(pairs).toHaveLength(148);
	expect(pairs.filter((p) => !p.recognized).map((p) => p.name)).toEqual([]);
});

test.each(['number', 'issueDate', 'gross'])(
	'%s is right on at least 85%% of the files',
	(field) => {
		const f = figures[field];
		expect(f.files).toBeGreaterThanOrEqual(140);
		expect(f.right / f.files).toBeGreaterThanOrEqual(0.85);
	},
);

test.each(['number', 'issueDate', 'gross'])(
	'%s is wrong with high confidence on at most 2%% of the files',
	(field) => {
		const f = figures[field];
		expect(f.wrongSure / f.files).toBeLessThanOrEqual(0.02);
	},
);

void readInvoiceXml;
