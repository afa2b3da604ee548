import type { RunResult } from '../../../portals/core/outcomes/result';

/**
 * In a definition that is in use, a page that no longer matches it means the portal changed
 * (LAYOUT_CHANGED: "update this package"). In the checker the definition is being written: the
 * same finding, naming a field of the definition, is most likely the author's mistake. The
 * checker says which field to change and how, instead of adding a reason to the engine's closed
 * vocabulary for what is the same event seen by another person.
 */
export interface DefinitionMistake {
	/** The definition's field: documents.fields.issueDate, login.steps[0].submit, ... */
	field: string;
	what: string;
	change: string;
}

// "documents.fields.number (td.nummer)", "identity provider demo-sso: login.steps[0].fields[0] (#user)"
const FIELD = /^((?:identity provider [a-z0-9-]+: )?(?:login|documents)\b\S*)(?: \((.*)\))?$/;

export function definitionMistake(result: RunResult): DefinitionMistake | undefined {
	const missing = result.debug?.missingElement;
	if (result.reason !== 'LAYOUT_CHANGED' || !missing) return undefined;
	const found = FIELD.exec(missing);
	if (!found) return undefined;
	const [, field, selector] = found;
	const what = result.message;
	if (/is not a date in the format/.test(what))
		return {
			field,
			what,
			change: `write in ${field}.date the format the page shows, in Luxon tokens (dd-MM-yyyy, d MMM yyyy; month names also need "locale": "en", "nl" ...), or add a "regex" that keeps only the date`,
		};
	if (/is not an amount/.test(what))
		return {
			field,
			what,
			change: `set ${field}.locale to the notation the page uses (nl reads € 1.234,56, en reads $1,234.56), or add a "regex" that keeps only the amount`,
		};
	if (/(^|\.)loggedIn$/.test(field))
		return {
			field,
			what,
			change:
				'the page after signing in matched none of login.loggedIn, login.codePrompts, login.errors, login.interstitials or login.confirmations: describe that page in the definition (see the saved screenshot and page)',
		};
	if (selector)
		return {
			field,
			what,
			change: `the selector ${selector} finds nothing here: change ${field} in the definition (the saved page shows what is there)`,
		};
	return { field, what, change: `change ${field} in the definition so that it matches the page` };
}
