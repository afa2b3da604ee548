import { NUMBER_MARK } from './label-words';
import type { LabelHit } from './labelled-values';
import type { RecognizedField } from './recognized-types';
import type { TextLine } from './text-lines';
import { datesIn } from './text-values';

interface Candidate<T> extends RecognizedField<T> {
	order: number;
}

const LEAD = new RegExp(String.raw`^[\s|:#.\-–]*(?:${NUMBER_MARK}(?![\p{L}])[\s|:#.]*)?`, 'iu');
const TOKEN = /^([A-Z0-9][A-Z0-9\-/_.]{0,29})/i;
/** What a bare label such as "Invoice" or "Rechnung" must have before its number. */
const MARKED = new RegExp(String.raw`^[\s|:]*(?:${NUMBER_MARK}(?![\p{L}])|[:#])`, 'iu');

/**
 * The invoice number: the token after a number label ("Invoice No.", "Rechnungsnummer",
 * "Facture n°") on its line or under it. It must hold a digit and not be a date or an amount.
 * A bare "Invoice"/"Rechnung" counts only with a number mark or colon after it, or a token
 * that is plainly an id (digits with letters or dashes).
 */
export function recognizeNumber(hits: LabelHit[]): RecognizedField<string> | undefined {
	const found: Candidate<string>[] = [];
	for (const hit of hits.filter((h) => h.field === 'number')) {
		const strong = hit.weight >= 0.8;
		for (const [text, line, below] of sources(hit)) {
			const marked = MARKED.test(text);
			const rest = text.replace(LEAD, '');
			const token = rest.match(TOKEN)?.[1]?.replace(/[.\-/]+$/, '');
			if (!token || !/\d/.test(token) || datesIn(token).length) continue;
			if (/^\d{1,3}([.,]\d{3})*[.,]\d{2}$/.test(token)) continue;
			if (!strong && !marked && !/^(?=.*\d)(?=.*[A-Z\-/])/i.test(token)) continue;
			const weight = (strong ? hit.weight : marked ? 0.75 : 0.6) - (below ? 0.1 : 0);
			found.push({ value: token, confidence: weight, source: line.text, order: line.index });
		}
	}
	return best(found, 'first');
}

/**
 * The issue date: after a date label ("Invoice date", "Rechnungsdatum", "Date de facture"),
 * or after the number on the number's line ("Rechnung Nr. 42 vom 31.01.2014"); a bare "Date"
 * scores lower. The due date: after a due-date label ("Due date", "fällig am", "Échéance").
 */
export function recognizeDates(
	hits: LabelHit[],
	lines: TextLine[],
	monthFirst: boolean,
	english = false,
): { issueDate?: RecognizedField<string>; dueDate?: RecognizedField<string> } {
	const dated = (field: 'issueDate' | 'dueDate') => {
		const found: Candidate<string>[] = [];
		for (const hit of hits.filter((h) => h.field === field)) {
			for (const [text, line, below] of sources(hit)) {
				const date = datesIn(text, monthFirst).find((d) => d.at < 40);
				if (!date) continue;
				// "11/03/2017" in English may be either order: not sure unless the day is over 12.
				const ambiguous =
					english &&
					/^\d{1,2}[./-]\d{1,2}[./-]/.test(date.text) &&
					!/^(1[3-9]|2\d|3[01])/.test(date.text);
				const weight = Math.min(hit.weight - (below ? 0.05 : 0), ambiguous ? 0.6 : 1);
				found.push({ value: date.value, confidence: weight, source: line.text, order: line.index });
			}
		}
		return found;
	};
	const issue = dated('issueDate');
	for (const hit of hits.filter((h) => h.field === 'number' && h.weight >= 0.6)) {
		// "Nr. 42 vom 31.01.2014", the date sometimes wrapped onto the next line; only right
		// after the number ("Rechnung gemäß Bestellung vom …" is the order's date).
		const token = hit.after.replace(LEAD, '').match(TOKEN)?.[1];
		const afterToken = token ? hit.after.replace(LEAD, '').slice(token.length) : '';
		const m = afterToken.match(
			/^[\s|]*(?:vom|von|du|of|dated|del|van|issued(?:\s+(?:at|on))?|émise\s+le)(?:\s+(.{6,20})|\s*$)/i,
		);
		const next = lines[hit.line.index + 1];
		const text = m ? (m[1] ?? (next?.page === hit.line.page ? next.text.slice(0, 20) : '')) : '';
		const date = text ? datesIn(text, monthFirst)[0] : undefined;
		if (date) {
			issue.push({
				value: date.value,
				confidence: 0.8,
				source: hit.line.text,
				order: hit.line.index,
			});
		}
	}
	if (!issue.length) {
		const first = lines.flatMap((l) => datesIn(l.text, monthFirst).map((d) => ({ d, l })))[0];
		if (first) {
			issue.push({ value: first.d.value, confidence: 0.4, source: first.l.text, order: 0 });
		}
	}
	return { issueDate: best(issue, 'first'), dueDate: best(dated('dueDate'), 'first') };
}

/** The line's own text after the label, then the cell under it. */
function sources(hit: LabelHit): [string, TextLine, boolean][] {
	const list: [string, TextLine, boolean][] = [[hit.after, hit.line, false]];
	if (hit.below && hit.belowText) list.push([hit.belowText, hit.below, true]);
	return list;
}

/**
 * The best candidate: the highest confidence, then the first (or last) in the text. When
 * candidates as good as the best disagree, the confidence drops: the reader is not sure.
 */
export function best<T>(
	found: Candidate<T>[],
	prefer: 'first' | 'last',
): RecognizedField<T> | undefined {
	if (!found.length) return undefined;
	const sorted = [...found].sort(
		(a, b) =>
			b.confidence - a.confidence || (prefer === 'first' ? a.order - b.order : b.order - a.order),
	);
	const top = sorted[0];
	const rivals = sorted.filter(
		(c) => c.confidence >= top.confidence - 0.05 && String(c.value) !== String(top.value),
	);
	const confidence = rivals.length ? Math.max(0.3, top.confidence - 0.25) : top.confidence;
	return { value: top.value, confidence: round(confidence), source: top.source };
}

export const round = (n: number) => Math.round(n * 100) / 100;
export type { Candidate };
