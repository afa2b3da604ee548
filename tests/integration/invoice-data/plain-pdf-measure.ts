import type { InvoiceData, RecognizedInvoice } from '../../../portals/invoice-data';

/** The threshold above which a recognised value counts as said with high confidence. */
export const HIGH_CONFIDENCE = 0.8;

export interface FieldFigures {
	/** Files whose e-invoice XML has the field. */
	files: number;
	right: number;
	wrong: number;
	missing: number;
	/** Wrong values given with confidence ≥ HIGH_CONFIDENCE. */
	wrongSure: number;
	/** File names with a wrong value, and what was read against the answer. */
	wrongList: string[];
	missingList: string[];
	/** Files whose PDF does not print the XML's value anywhere (the two disagree). */
	notPrinted: number;
	/** Wrong with high confidence among the files whose PDF prints the XML's value. */
	wrongSurePrinted: number;
}

/** What a PDF prints: its text squeezed (no spaces), its dates and its amounts. */
export interface Printed {
	squeezed: string;
	dates: Set<string>;
	amounts: Set<number>;
}

/** Whether the XML's value appears in the PDF at all: as text, as a date, as an amount. */
function printedIn(p: Printed, want: unknown): boolean {
	if (typeof want === 'number') {
		return p.amounts.has(Math.round(Math.abs(want) * 100));
	}
	const text = String(want);
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return p.dates.has(text);
	return p.squeezed.includes(text.replace(/\s/g, '').toLowerCase());
}

type Check = (
	r: RecognizedInvoice,
	x: InvoiceData,
) => { got?: unknown; want?: unknown; conf?: number };

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The fields compared with the XML's answer. The gross total is compared with BT-112 (the
 * tax-inclusive total): what "gross" means; it differs from the amount payable (BT-115) when
 * something was prepaid, and the recognizer's gross is meant to be BT-112.
 */
export const CHECKS: Record<string, Check> = {
	number: (r, x) => ({ got: r.number?.value, want: x.number, conf: r.number?.confidence }),
	issueDate: (r, x) => ({
		got: r.issueDate?.value,
		want: x.issueDate,
		conf: r.issueDate?.confidence,
	}),
	gross: (r, x) => ({
		got: r.totals.gross?.value,
		want: x.totals.taxInclusive,
		conf: r.totals.gross?.confidence,
	}),
	dueDate: (r, x) => ({ got: r.dueDate?.value, want: x.dueDate, conf: r.dueDate?.confidence }),
	net: (r, x) => ({
		got: r.totals.net?.value,
		want: x.totals.taxExclusive,
		conf: r.totals.net?.confidence,
	}),
	vat: (r, x) => ({ got: r.totals.vat?.value, want: x.totals.vat, conf: r.totals.vat?.confidence }),
	currency: (r, x) => ({ got: r.currency?.value, want: x.currency, conf: r.currency?.confidence }),
	iban: (r, x) => ({
		got: r.iban?.value,
		want: x.payment?.iban?.replace(/\s/g, ''),
		conf: r.iban?.confidence,
	}),
	sellerName: (r, x) => ({
		got: r.seller.name && norm(r.seller.name.value),
		want: x.seller?.name && norm(x.seller.name),
		conf: r.seller.name?.confidence,
	}),
	sellerVatId: (r, x) => ({
		got: r.seller.vatId?.value,
		want: x.seller?.vatId?.replace(/[\s.]/g, ''),
		conf: r.seller.vatId?.confidence,
	}),
};

/** Per field: right, wrong, missing, and wrong with high confidence, over the files with an answer. */
export function measure(
	pairs: { name: string; recognized?: RecognizedInvoice; answer: InvoiceData; printed: Printed }[],
): Record<string, FieldFigures> {
	const figures: Record<string, FieldFigures> = {};
	for (const [field, check] of Object.entries(CHECKS)) {
		const f: FieldFigures = {
			files: 0,
			right: 0,
			wrong: 0,
			missing: 0,
			wrongSure: 0,
			wrongList: [],
			missingList: [],
			notPrinted: 0,
			wrongSurePrinted: 0,
		};
		for (const { name, recognized, answer, printed } of pairs) {
			const { got, want, conf } = recognized
				? check(recognized, answer)
				: { want: check({ languages: [], totals: {}, seller: {} }, answer).want };
			if (want === undefined || want === null || want === '') continue;
			f.files++;
			if (!printedIn(printed, want)) f.notPrinted++;
			if (got === undefined) {
				f.missing++;
				f.missingList.push(`${name}: ${String(want)}`);
			} else if (typeof want === 'number' ? Math.abs(Number(got) - want) < 0.005 : got === want)
				f.right++;
			else {
				f.wrong++;
				if ((conf ?? 0) >= HIGH_CONFIDENCE) {
					f.wrongSure++;
					if (printedIn(printed, want)) f.wrongSurePrinted++;
				}
				f.wrongList.push(`${name}: ${String(got)} (${conf}) vs ${String(want)}`);
			}
		}
		figures[field] = f;
	}
	return figures;
}

/** The figures as a table for the log and the docs. */
export function figureTable(figures: Record<string, FieldFigures>): string {
	const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');
	const rows = Object.entries(figures).map(
		([field, f]) =>
			`| ${field} | ${f.files} | ${f.right} (${pct(f.right, f.files)}) | ${f.wrong} | ${f.missing} | ${f.wrongSure} (${pct(f.wrongSure, f.files)}) | ${f.notPrinted} | ${f.wrongSurePrinted} (${pct(f.wrongSurePrinted, f.files - f.notPrinted)}) |`,
	);
	return [
		`| field | files with an answer | right | wrong | not found | wrong with confidence ≥ ${HIGH_CONFIDENCE} | answer not printed in the PDF | of the rest, wrong with confidence ≥ ${HIGH_CONFIDENCE} |`,
		'|---|---|---|---|---|---|---|---|',
		...rows,
	].join('\n');
}
