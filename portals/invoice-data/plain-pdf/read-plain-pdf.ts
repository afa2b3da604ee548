import { labelHits, languagesOf } from './labelled-values';
import { PdfTextError, readPdfText, type PdfText } from './pdf-text';
import { recognizeDates, recognizeNumber } from './recognize-head';
import {
	recognizeCurrency,
	recognizeIban,
	recognizeSellerName,
	recognizeVatId,
} from './recognize-parties';
import { recognizeTotals } from './recognize-totals';
import type { PlainPdfText, RecognizedInvoice } from './recognized-types';
import { MIN_TEXT_CHARS } from './text-limits';
import { textLines, type TextLine } from './text-lines';

/** A plain PDF's text layer and what was recognised in it; `recognized` absent when no text. */
export interface PlainPdfReading {
	text: PlainPdfText;
	recognized?: RecognizedInvoice;
}

/**
 * Reads a PDF with no e-invoice inside as a plain invoice: its text layer (capped, in a thread
 * that cannot hang the caller), then the fields recognised in it. A scan (no text layer) says
 * so and recognises nothing: there is no OCR. Never throws.
 */
export async function readPlainPdf(body: Buffer): Promise<PlainPdfReading> {
	let text: PdfText;
	try {
		text = await readPdfText(body);
	} catch (e) {
		const code = e instanceof PdfTextError ? e.code : 'unreadable';
		return { text: { status: code, message: (e as Error).message } };
	}
	const characters = text.pages.reduce(
		(n, p) => n + p.items.reduce((m, i) => m + i.s.replace(/[^\p{L}\p{N}]/gu, '').length, 0),
		0,
	);
	if (characters < MIN_TEXT_CHARS) {
		return {
			text: {
				status: 'no-text-layer',
				pages: text.pageCount,
				message:
					'The PDF has no text layer (a scan or an image): nothing can be recognised without OCR.',
			},
		};
	}
	return {
		text: {
			status: 'read',
			pages: text.pageCount,
			pagesRead: text.pages.length,
			characters,
			truncated: text.truncated,
		},
		recognized: recognizeInvoice(text),
	};
}

/** The fields of a plain invoice, from its text items. */
export function recognizeInvoice(text: PdfText): RecognizedInvoice {
	const lines = textLines(text);
	const hits = labelHits(lines);
	const languages = languagesOf(hits);
	const currency = recognizeCurrency(lines);
	// Numeric dates are read day first, as in the six languages; an invoice in dollars
	// month first, unless the day cannot come first.
	const monthFirst = currency?.value === 'USD' && languages[0] === 'en';
	const recognized: RecognizedInvoice = {
		languages,
		totals: recognizeTotals(hits, isCreditNote(lines)),
		seller: {},
	};
	const number = recognizeNumber(hits);
	const { issueDate, dueDate } = recognizeDates(hits, lines, monthFirst, languages[0] === 'en');
	if (number) recognized.number = number;
	if (issueDate) recognized.issueDate = issueDate;
	if (dueDate) recognized.dueDate = dueDate;
	if (currency) recognized.currency = currency;
	const iban = recognizeIban(lines);
	if (iban) recognized.iban = iban;
	const name = recognizeSellerName(lines);
	const vatId = recognizeVatId(lines);
	if (name) recognized.seller.name = name;
	if (vatId) recognized.seller.vatId = vatId;
	return recognized;
}

/** A credit note says so in its title, one of the first lines: Credit note, Gutschrift, Avoir … */
const CREDIT_NOTE =
	/^(?:credit\s*note|gutschrift|avoir|creditnota|nota\s*de\s*cr[ée]dito|factura\s*rectificativa|nota\s*di\s*credito)(?![\p{L}])/iu;

function isCreditNote(lines: TextLine[]): boolean {
	return lines.slice(0, 25).some((l) => CREDIT_NOTE.test(l.cells[0]?.text ?? ''));
}
