import { PDFDocument, StandardFonts } from 'pdf-lib';

/** A line of a test invoice: its text and where it is drawn (x from the left, y from the top). */
export type DrawnLine = [text: string, x: number, y: number];

/**
 * A plain PDF invoice drawn with pdf-lib (a text layer, no attachment), as an invoicing tool
 * writes one: labels and values at their places on an A4 page.
 */
export async function plainPdf(lines: DrawnLine[]): Promise<Buffer> {
	const doc = await PDFDocument.create();
	const page = doc.addPage([595, 842]);
	const font = await doc.embedFont(StandardFonts.Helvetica);
	for (const [text, x, y] of lines) page.drawText(text, { x, y: 842 - y, size: 10, font });
	return Buffer.from(await doc.save());
}

/** A scan: one page holding only a drawn rectangle, no text at all. */
export async function scannedPdf(): Promise<Buffer> {
	const doc = await PDFDocument.create();
	const page = doc.addPage([595, 842]);
	page.drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
	return Buffer.from(await doc.save());
}

/** The same invoice's lines in one language: labels and the formats of its dates and amounts. */
export function invoiceLines(words: {
	title: string;
	number: string;
	date: string;
	due: string;
	net: string;
	vat: string;
	gross: string;
	seller: string;
}): DrawnLine[] {
	return [
		[`${words.seller} | Rue 1 | 12345 Town`, 50, 60],
		[words.title, 50, 160],
		[words.number, 50, 180],
		[words.date, 50, 195],
		[words.due, 50, 210],
		['VAT ID: DE123456789', 50, 225],
		[words.net, 350, 500],
		[words.vat, 350, 515],
		[words.gross, 350, 530],
		['IBAN DE89 3704 0044 0532 0130 00', 50, 700],
	];
}
