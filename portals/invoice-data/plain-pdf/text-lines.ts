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
			const cells = cellsOf(row.items.sort((a, b) => a.x - b.x));
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
	for (const item of items) {
		const s = item.s.replace(/\s+/g, ' ').trim();
		const last = cells[cells.length - 1];
		const h = item.h > 0 ? item.h : 10;
		const gap = last ? item.x - last.xEnd : Infinity;
		if (last && gap < h * 1.1) {
			last.text += gap > h * 0.22 || /\s$/.test(item.s) ? ` ${s}` : s;
			last.xEnd = Math.max(last.xEnd, item.x + item.w);
		} else {
			cells.push({ text: s, x: item.x, xEnd: item.x + item.w });
		}
	}
	return cells;
}
