import type { DefinitionSpec } from './spec';

interface Problem {
	field: string;
	message: string;
}

/**
 * What the schema cannot say about documents.accounts: buttons swap the list with scripts, so
 * they need the browser; a button has no address to read a query parameter or a path part from;
 * a selection page is for links and buttons; the id pattern must compile. The page's address is
 * checked against domains by the caller, like documents.url.
 */
export function accountsProblems(spec: DefinitionSpec): Problem[] {
	const accounts = spec.documents.accounts;
	if (!accounts) return [];
	const problems: Problem[] = [];
	const at = 'documents.accounts';
	if ('select' in accounts && ('page' in accounts || 'id' in accounts))
		problems.push({
			field: `${at}.select`,
			message: 'reads ids from the options: page and id are for links and buttons',
		});
	if ('buttons' in accounts) {
		if (spec.engine === 'http')
			problems.push({
				field: 'engine',
				message:
					'is http, but documents.accounts.buttons needs the browser (buttons swap the list with scripts); use auto or browser',
			});
		const id = accounts.id ?? {};
		for (const key of ['param', 'pathPart'] as const)
			if (id[key] !== undefined)
				problems.push({
					field: `${at}.id.${key}`,
					message: 'reads a link address; a button has none: use attribute or pattern',
				});
	}
	const pattern = 'select' in accounts ? undefined : accounts.id?.pattern;
	if (pattern !== undefined) {
		try {
			new RegExp(pattern);
		} catch (error) {
			problems.push({
				field: `${at}.id.pattern`,
				message: `is not a valid regular expression: ${(error as Error).message}`,
			});
		}
	}
	return problems;
}

/** The accounts' own page (a selection page), when the definition names one. */
export function accountsPage(spec: DefinitionSpec): string | undefined {
	const accounts = spec.documents.accounts;
	return accounts && 'page' in accounts ? accounts.page : undefined;
}
