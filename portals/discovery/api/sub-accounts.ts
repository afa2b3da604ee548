import type { ApiAccountsSpec } from '../../definitions/api-spec';
import { replayVerdict } from './hold';
import { arraysOfObjects, valueAt } from './json-paths';
import type { RecordedCall } from './recorded-call';
import { requestSpec } from './request-spec';

/** The app's sub-accounts (contracts, lines) as a definition's `documents.api.accounts` reads them. */
export interface SubAccountsFinding {
	accounts: ApiAccountsSpec;
	/** The list's query parameter that names the account: written as `{account}`. */
	param: string;
	/** Every account's id, in the accounts call's order. */
	ids: string[];
	how: string;
}

// A parameter whose name says it names an account may hold a short id ("1"); others need more.
const ACCOUNT_NAME = /account|contract|customer|line|client|tenant|site|meter|subscription/i;

/** Keys an account's id goes by: id, uuid, key, code, number, or a name ending so (contractId). */
const ID_KEY = /^(id|uuid|key|code|number|no)$|(Id|ID|_id|Number|_number|_no|Code|_code|Key)$/;

const plain = (v: unknown): v is string | number =>
	(typeof v === 'string' && v !== '') || typeof v === 'number';

/**
 * The sub-accounts the app asks the list for: a query parameter of the list's calls whose
 * values are all ids of one array in another call's answer (GET, passed by the read-only hold:
 * `/api/accounts` → `data[].id`). Undefined when no parameter names an account so; the paging
 * parameter never does.
 */
export function findSubAccounts(
	list: RecordedCall,
	calls: RecordedCall[],
	options: { domains: string[]; origin: string; pagingParam?: string },
): SubAccountsFinding | undefined {
	if (list.method !== 'GET') return undefined;
	const address = new URL(list.url);
	const sameList = calls.filter((c) => {
		const u = new URL(c.url);
		return c.method === 'GET' && u.origin === address.origin && u.pathname === address.pathname;
	});
	for (const [param, value] of address.searchParams) {
		if (param === options.pagingParam || !value) continue;
		if (value.length < 3 && !ACCOUNT_NAME.test(param)) continue;
		const values = sameList.map((c) => new URL(c.url).searchParams.get(param));
		if (values.some((v) => v === null)) continue;
		const found = accountsCall(value, values as string[], address.pathname, calls, options);
		if (found)
			return {
				...found,
				param,
				how: `"${param}" names the account: its values are the ids at "${found.accounts.id}" of ${found.accounts.request.url}`,
			};
	}
	return undefined;
}

/** The call whose answer lists accounts with these ids, and the paths of their id and name. */
function accountsCall(
	value: string,
	values: string[],
	listPath: string,
	calls: RecordedCall[],
	options: { domains: string[]; origin: string },
): Omit<SubAccountsFinding, 'param' | 'how'> | undefined {
	for (const call of calls) {
		if (call.method !== 'GET' || call.json === undefined || call.status >= 300) continue;
		if (new URL(call.url).pathname === listPath) continue;
		if (!replayVerdict({ method: 'GET', url: call.url }, options.domains).replay) continue;
		for (const array of arraysOfObjects(call.json)) {
			const keys = Object.keys(array.items[0]).sort(
				(a, b) => Number(b === 'id') - Number(a === 'id'),
			);
			// Only a key that says it is an id: a listing's `type: "directory"` names no account.
			for (const id of keys.filter((k) => ID_KEY.test(k))) {
				const ids = array.items.map((item) => valueAt(item, id));
				if (!ids.every(plain)) continue;
				const texts = ids.map(String);
				if (new Set(texts).size !== texts.length || !texts.includes(value)) continue;
				if (!values.every((v) => texts.includes(v))) continue;
				const name = keys.find(
					(k) => k !== id && array.items.every((item) => typeof valueAt(item, k) === 'string'),
				);
				const own = Object.fromEntries(new URL(call.url).searchParams);
				const request = requestSpec(call, own, options.origin);
				return {
					accounts: { request, items: array.path, id, ...(name ? { name } : {}) },
					ids: texts,
				};
			}
		}
	}
	return undefined;
}
