import type { DocumentFilters } from '../core/contract/filters';
import { PortalError } from '../core/outcomes/errors';
import type { ApiAccountsSpec } from './api-spec';
import { fieldText, jsonAt } from './json-path';

/** A sub-account the accounts call listed: its id fills {account}; its name is for people. */
export interface ApiAccount {
	id: string;
	name?: string;
}

/**
 * The sub-accounts in the accounts call's answer (documents.api.accounts), in its order, each id
 * once; only those the run's account filter names where it names any (the others' lists are
 * never requested). An answer without the list, or a list without ids, is a changed layout.
 */
export function accountsIn(
	json: unknown,
	spec: ApiAccountsSpec,
	filters: DocumentFilters,
	where: string,
): ApiAccount[] {
	const items = jsonAt(json, spec.items);
	const changed = (what: string) =>
		new PortalError('LAYOUT_CHANGED', `The portal's accounts call at ${where} ${what}.`, {
			missingElement: `documents.api.accounts.${what.includes('id') ? 'id' : 'items'}`,
			url: where,
		});
	if (!Array.isArray(items)) throw changed(`has no list at items ("${spec.items}")`);
	const accounts = new Map<string, ApiAccount>();
	for (const item of items) {
		const id = fieldText(jsonAt(item, spec.id));
		if (!id) throw changed(`lists an account without an id at "${spec.id}"`);
		const name = spec.name ? fieldText(jsonAt(item, spec.name)) : undefined;
		if (!accounts.has(id)) accounts.set(id, { id, ...(name ? { name } : {}) });
	}
	const wanted = filters.accountIds?.length ? new Set(filters.accountIds) : undefined;
	return [...accounts.values()].filter((a) => !wanted || wanted.has(a.id));
}
