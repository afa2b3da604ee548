/** What validation adds to a read invoice (`invoice.validation`), and its findings. */

/** As the official EN 16931 artefacts flag a rule: fatal makes the invoice invalid. */
export type RuleFlag = 'fatal' | 'warning';

export interface Finding {
	/** The EN 16931 rule id, e.g. `BR-CO-15`; `XSD` for an error against the XML schema. */
	rule: string;
	flag: RuleFlag;
	/** What the rule asks, in our words, with the figures that broke it when there are any. */
	message: string;
	/** Where in the JSON (e.g. `totals.taxInclusive`, `vatBreakdown[1]`); `xml line 8` for XSD. */
	where: string;
}

export interface Validation {
	/**
	 * `invalid` when a fatal rule failed, `valid` when none did; `not checked` when the syntax is
	 * one the official rules do not cover (ZUGFeRD 1).
	 */
	status: 'valid' | 'invalid' | 'not checked';
	/** The rule ids checked on this invoice; `XSD` when the schema was checked too. */
	rulesChecked: string[];
	/** The schema the XML was checked against (e.g. `UBL 2.1 Invoice`), when it was. */
	schema?: string;
	findings: Finding[];
}
