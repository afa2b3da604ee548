/**
 * What the official rules look at that the JSON does not keep: whether an element is there at
 * all (an empty address is no address in the JSON, but is one to BR-08), how many VAT totals a
 * currency has, and each element the rules iterate over. Read from the XML by cii-facts.ts and
 * ubl-facts.ts, so that the rules can follow the official artefacts exactly.
 */
export interface RuleFacts {
	syntax: 'CII' | 'UBL';
	/** The mandatory-element rules (BR-01 … BR-16) that fail, as the official artefacts test them. */
	missing: string[];
	/** The document totals element (CII monetary summation, UBL LegalMonetaryTotal) is there. */
	hasTotals: boolean;
	/** Every VAT total (CII TaxTotalAmount; UBL TaxTotal), with its currencyID. */
	vatTotals: VatTotalFact[];
	/** UBL: every line's net amount, nested sub-lines included, as the official BR-CO-10 sums them. */
	lineNets?: (string | undefined)[];
	/**
	 * How many of the JSON's allowancesCharges are document-level allowances and charges to the
	 * rules: CII's logistics charges, which the JSON lists after them, are not.
	 */
	documentAllowanceCharges: number;
	/** For each JSON vatBreakdown entry: its tax type is VAT (CII TypeCode, UBL TaxScheme/ID). */
	breakdownIsVat: boolean[];
}

export interface VatTotalFact {
	amount?: string;
	currency?: string;
	/** UBL: the TaxAmount of each of this TaxTotal's subtotals. */
	subtotalTaxes: (string | undefined)[];
}

/** XPath's normalize-space(x) != '': there, with more than white space in it. */
export function hasText(text: string | undefined): boolean {
	return text !== undefined && text.replace(/[ \t\r\n]+/g, '') !== '';
}
