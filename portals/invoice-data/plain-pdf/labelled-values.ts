import { LABELS, type LabelField } from './label-words';
import type { TextLine } from './text-lines';

/** A label found on a line and the text its value is to be read from. */
export interface LabelHit {
	field: LabelField;
	lang: string;
	weight: number;
	line: TextLine;
	/** The rest of the line after the label. */
	after: string;
	/** The text of the cell under the label, when the label's own line gives no value. */
	below?: TextLine;
	belowText?: string;
}

/** Every label of every field on the lines, with what follows it and what stands under it. */
export function labelHits(lines: TextLine[]): LabelHit[] {
	const hits: LabelHit[] = [];
	for (const line of lines) {
		for (const label of LABELS) {
			label.re.lastIndex = 0;
			for (const m of line.text.matchAll(label.re)) {
				const end = (m.index ?? 0) + m[0].length;
				const hit: LabelHit = {
					field: label.field,
					lang: label.lang,
					weight: label.weight,
					line,
					after: line.text.slice(end),
				};
				const under = cellUnder(lines, line, m.index ?? 0);
				if (under) {
					hit.below = under.line;
					hit.belowText = under.text;
				}
				hits.push(hit);
			}
		}
	}
	return hits;
}

/** The text in the next lines (at most 3, same page) that overlaps the label's cell. */
function cellUnder(
	lines: TextLine[],
	line: TextLine,
	at: number,
): { line: TextLine; text: string } | undefined {
	let offset = 0;
	const cell = line.cells.find((c) => {
		const end = offset + c.text.length;
		const hit = at >= offset && at < end;
		offset = end + 3;
		return hit;
	});
	if (!cell) return undefined;
	for (const next of lines.slice(line.index + 1, line.index + 4)) {
		if (next.page !== line.page) return undefined;
		const under = next.cells.find((c) => c.x < cell.xEnd + 2 && c.xEnd > cell.x - 2);
		if (under) return { line: next, text: under.text };
	}
	return undefined;
}

/** The languages whose labels were found, most hits first. */
export function languagesOf(hits: LabelHit[]): string[] {
	const count = new Map<string, number>();
	for (const h of hits) count.set(h.lang, (count.get(h.lang) ?? 0) + h.weight);
	return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([lang]) => lang);
}
