import type { LabelHit } from './labelled-values';
import { best, round, type Candidate } from './recognize-head';
import type { RecognizedField, RecognizedInvoice } from './recognized-types';
import { amountsIn } from './text-values';

/** Confidence of totals whose sum holds (net + VAT = gross): three labels agree with the figures. */
const CONFIRMED = 0.95;
/** At most this for a total read alone: a label next to an amount may still be a subtotal. */
const ALONE = 0.75;

/**
 * The gross, net and VAT totals: the last amount on a total label's line (the rightmost column),
 * else the amount under the label. Amounts after an "amount due" label stand for the gross
 * total too, a little less surely. When a net, a VAT and a gross candidate add up, those three
 * are taken, each with high confidence; otherwise each field's best label, capped at ALONE.
 */
export function recognizeTotals(hits: LabelHit[], creditNote = false): RecognizedInvoice['totals'] {
	const totals = totalsOf(hits);
	// A credit note's totals are positive in EN 16931 (its type says it is a credit); many print
	// them with a minus.
	if (creditNote) {
		for (const field of Object.values(totals)) {
			if (!field || field.value >= 0) continue;
			// Some writers keep the minus in the XML too: the sign is not sure.
			field.value = -field.value;
			field.confidence = Math.min(field.confidence, 0.7);
		}
	}
	return totals;
}

function totalsOf(hits: LabelHit[]): RecognizedInvoice['totals'] {
	const gross = candidates(hits, ['gross', 'payable']);
	const net = candidates(hits, ['net']);
	const vat = candidates(hits, ['vat']);
	const sum = addingUp(gross, net, vat);
	if (sum) return sum;
	const alone = (found: Candidate<number>[]) => {
		const top = best(found, 'last');
		return top ? { ...top, confidence: Math.min(ALONE, top.confidence) } : undefined;
	};
	const totals: RecognizedInvoice['totals'] = {};
	const [g, n, v] = [alone(gross), alone(net), alone(vat)];
	if (g) totals.gross = g;
	if (n) totals.net = n;
	if (v) totals.vat = v;
	return totals;
}

function candidates(hits: LabelHit[], fields: string[]): Candidate<number>[] {
	const found: Candidate<number>[] = [];
	for (const hit of hits.filter((h) => fields.includes(h.field))) {
		const own = amountsIn(hit.after);
		const amount = own.length ? own[own.length - 1] : undefined;
		const under = !amount && hit.belowText ? amountsIn(hit.belowText)[0] : undefined;
		const line = amount ? hit.line : hit.below;
		const value = amount ?? under;
		if (!value || !line) continue;
		const weight = hit.weight - (hit.field === 'payable' ? 0.05 : 0) - (under ? 0.05 : 0);
		found.push({ value: value.value, confidence: weight, source: line.text, order: line.index });
	}
	return found;
}

/** The best-labelled net, VAT and gross that add up to the cent, latest in the text on a tie. */
function addingUp(
	gross: Candidate<number>[],
	net: Candidate<number>[],
	vat: Candidate<number>[],
): RecognizedInvoice['totals'] | undefined {
	let top:
		| { score: number; g: Candidate<number>; n: Candidate<number>; v: Candidate<number> }
		| undefined;
	for (const g of gross) {
		if (g.value === 0) continue;
		for (const n of net) {
			for (const v of vat) {
				if (Math.abs(n.value + v.value - g.value) > 0.005) continue;
				if (g.source === n.source && n.source === v.source) continue;
				const score = g.confidence + n.confidence + v.confidence + g.order / 1e6;
				if (!top || score > top.score) top = { score, g, n, v };
			}
		}
	}
	if (!top) return undefined;
	const sure = (c: Candidate<number>): RecognizedField<number> => ({
		value: round(c.value),
		confidence: CONFIRMED,
		source: c.source,
	});
	return { gross: sure(top.g), net: sure(top.n), vat: sure(top.v) };
}
