import type { DocumentType } from '../../core/contract/documents';
import { TYPE_WORDS, typeOfWord, USUAL_TYPE_LABELS, labelSays } from '../words/document-words';

/**
 * Whether a column names document types, and the map for it: each value seen on the page,
 * then the usual labels of the page's language (a later page may show a kind the first did not).
 * A type column has few distinct values, most of them known words; a description column
 * ("Invoice October 2026") mentions the same words but differs in every row.
 */
export function typeMapOf(
	values: string[],
	label: string,
	pageLang: string,
): Record<string, DocumentType> | undefined {
	const present = values.filter(Boolean);
	if (!present.length) return undefined;
	const distinct = [...new Set(present)];
	// A label, not a sentence: no digits ("Invoice October 2026" is a description), few words.
	const known = distinct.filter((v) => typeOfWord(v) && !/\d/.test(v) && v.split(' ').length <= 3);
	const labelled = labelSays(label, TYPE_WORDS);
	const few = distinct.length <= Math.max(2, Math.ceil(present.length / 2)) || distinct.length <= 4;
	if (!known.length || known.length < distinct.length * 0.6 || (!few && !labelled))
		return undefined;
	if (distinct.some((v) => v.length > 40)) return undefined;
	const map: Record<string, DocumentType> = {};
	for (const value of known) map[value] = typeOfWord(value)!;
	const usual = USUAL_TYPE_LABELS[pageLang.split('-')[0]] ?? USUAL_TYPE_LABELS.en;
	for (const [word, type] of Object.entries(usual))
		if (!Object.keys(map).some((k) => k.toLowerCase() === word.toLowerCase())) map[word] = type;
	return map;
}
