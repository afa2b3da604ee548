import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Corpus invoices all follow their schemas, so their verdicts alone would let a check that
 * never fails pass. Each mutant breaks the schema once, in a way a faulty writer does: an
 * element renamed, a date or an amount in a local format, a mandatory element left out, an
 * element where it does not belong. Written to a temp folder; both checkers must refuse them.
 */
type Mutation = (xml: string) => string | undefined;

const replaced =
	(pattern: RegExp, by: string): Mutation =>
	(xml) => {
		const out = xml.replace(pattern, by);
		return out === xml ? undefined : out;
	};

export const SCHEMA_MUTATIONS: Record<'CII' | 'UBL', Mutation[]> = {
	CII: [
		// An element renamed (every occurrence, as a writer with a typo does).
		replaced(/(<\/?(?:\w+:)?)LineID>/g, '$1LineNo>'),
		// An amount in a local format.
		replaced(/(<(\w+:)?LineTotalAmount>)\s*(\d+)\.(\d+)\s*</, '$1$3,$4<'),
		// The mandatory document id left out.
		replaced(/(<(?:\w+:)?ExchangedDocument>\s*)<(\w+:)?ID>[^<]*<\/\2?ID>/, '$1'),
		// An element that does not exist in CII.
		replaced(/(<(\w+:)?ExchangedDocument>)/, '$1<$2Colour>blue</$2Colour>'),
	],
	UBL: [
		replaced(/<(\/?)cbc:IssueDate>/g, '<$1cbc:IssuedDate>'),
		// A date in a local format.
		replaced(/<cbc:IssueDate>(\d{4})-(\d{2})-(\d{2})</, '<cbc:IssueDate>$3.$2.$1<'),
		replaced(/(<cbc:PayableAmount[^>]*>)\s*(\d+)\.(\d+)\s*</, '$1$2,$3<'),
		// The mandatory document id left out (the one after ProfileID or CustomizationID).
		replaced(/(<\/cbc:(?:ProfileID|CustomizationID)>\s*)<cbc:ID>[^<]*<\/cbc:ID>/, '$1'),
		// Two elements swapped out of their order.
		replaced(
			/(<cbc:IssueDate>[^<]*<\/cbc:IssueDate>)(\s*)(<cbc:InvoiceTypeCode>[^<]*<\/cbc:InvoiceTypeCode>)/,
			'$3$2$1',
		),
		replaced(/(<cbc:DocumentCurrencyCode)/, '<cbc:Colour>blue</cbc:Colour>$1'),
	],
};

/** Every mutant of the files, written to the folder; returns their paths. */
export function writeSchemaMutants(
	syntax: 'CII' | 'UBL',
	files: string[],
	read: (file: string) => string,
	folder: string,
): string[] {
	return files.flatMap((path) =>
		SCHEMA_MUTATIONS[syntax].flatMap((mutation, i) => {
			const mutant = mutation(read(path));
			if (mutant === undefined) return [];
			const out = join(folder, `${basename(path, '.xml')}.x${i}.xml`);
			writeFileSync(out, mutant);
			return [out];
		}),
	);
}
