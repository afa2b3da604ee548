import type { PdfText, TextItem } from './pdf-text';

/** A line of a page: its text with wide gaps kept as cell breaks, and where it sits. */
export interface TextLine {
	page: number;
	/** Index over all lines of the pages read, top of the first page first. */
	index: number;
	y: number;
	/** The line's cells left to right: runs of text with no wide gap inside. */
	cells: { text: string; x: number; xEnd: number }[];
	/** The cells joined by " | ". */
	text: string;
}

/**
 * The pages' text as lines, top to bottom, left to right. Items whose baselines are within
 * half a character's height are one line; inside a line, a gap wider than about one character
 * starts a new cell (a table column, a value set apart from its label).
 */
export function textLines(text: PdfText): TextLine[] {
	const lines: TextLine[] = [];
	for (const page of text.pages) {
		const rows: { y: number; h: number; items: TextItem[] }[] = [];
		const items = [...page.items].sort((a, b) => b.y - a.y || a.x - b.x);
		for (const item of items) {
			const h = item.h > 0 ? item.h : 10;
			const row = rows.find((r) => Math.abs(r.y - item.y) <= Math.min(r.h, h) / 2);
			if (row) row.items.push(item);
			else rows.push({ y: item.y, h, items: [item] });
		}
		rows.sort((a, b) => b.y - a.y);
		for (const row of rows) {
			const cells = cellsOf(row.items.sort((a, b) => a.x - b.x)).map((c) => ({
				...c,
				text: joinSplitWords(c.text),
			}));
			lines.push({
				page: page.number,
				index: lines.length,
				y: row.y,
				cells,
				text: cells.map((c) => c.text).join(' | '),
			});
		}
	}
	return lines;
}

function cellsOf(items: TextItem[]): TextLine['cells'] {
	const cells: TextLine['cells'] = [];
	let spaced = false;
	for (const item of items) {
		const s = item.s.replace(/\s+/g, ' ').trim();
		const last = cells[cells.length - 1];
		// A space item between two runs is a word break; runs with no space item between them
		// and a small gap are one word, letter-spaced ("Br uttosumme").
		if (!s) {
			spaced = true;
			continue;
		}
		const h = item.h > 0 ? item.h : 10;
		const gap = last ? item.x - last.xEnd : Infinity;
		if (last && gap < h * 1.1) {
			const space = spaced || gap > h * 0.3 || /\s$/.test(last.text) || /^\s/.test(item.s);
			last.text += space ? ` ${s}` : s;
			last.xEnd = Math.max(last.xEnd, item.x + item.w);
		} else {
			cells.push({ text: s, x: item.x, xEnd: item.x + item.w });
		}
		spaced = /\s$/.test(item.s);
	}
	return cells.filter((c) => c.text);
}

/** Short words of the six languages, which stand alone and are never the split end of a word. */
const SHORT_WORDS = new Set(
	(
		'in an am im um zu ab da du es er so wo ob je of to on at by as is it or we us de la le ' +
		'au en et un ou il op te el al di da e a y à'
	).split(' '),
);

/**
 * Words that PDF.js splits with a space where the writer kerned them wide ("Br uttosumme",
 * "Zahlbetr ag", "Rappor t-Nr."): a one- or two-letter piece at a word's start or end, that is
 * not a short word of its own, is joined to its neighbour.
 */
export function joinSplitWords(text: string): string {
	return text
		.replace(/(?<=^|[\s|])(\p{Lu}\p{Ll}?) (\p{Ll}{3,})/gu, (m, a: string, b: string) =>
			SHORT_WORDS.has(a.toLowerCase()) ? m : a + b,
		)
		.replace(/(\p{L}{3,}) (\p{Ll}{1,2})(?![\p{L}])/gu, (m, a: string, b: string) =>
			SHORT_WORDS.has(b) ? m : a + b,
		);
}
