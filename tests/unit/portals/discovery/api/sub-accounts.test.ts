import { findSubAccounts } from '../../../../../portals/discovery/api/sub-accounts';
import { call } from './calls';

/**
 * API sub-accounts (issue 33): when the app asks the same list with a parameter whose values are
 * the ids another call of the app listed (`/api/accounts` → `data[].id`), discovery writes
 * `documents.api.accounts` and `{account}`; a paging parameter, or values no call lists, never.
 */
const APP = 'https://app.example.com';
const options = { domains: ['app.example.com'], origin: APP, pagingParam: 'page' };
const accounts = call(`${APP}/api/accounts`, {
	data: [
		{ id: 'C-1', name: 'Home' },
		{ id: 'C-2', name: 'Office' },
	],
});
const list = (query: string) => call(`${APP}/api/invoices?${query}`, { data: [] });

test('a list parameter whose values are an accounts call ids names the account', () => {
	const first = list('contract=C-1&page=1');
	const found = findSubAccounts(first, [accounts, first, list('contract=C-2&page=1')], options);
	expect(found).toEqual({
		accounts: {
			request: { method: 'GET', url: '/api/accounts' },
			items: 'data',
			id: 'id',
			name: 'name',
		},
		param: 'contract',
		ids: ['C-1', 'C-2'],
		how: '"contract" names the account: its values are the ids at "id" of /api/accounts',
	});
});

test('no accounts call, a value it does not list, or the paging parameter: no sub-accounts', () => {
	const first = list('contract=C-1&page=1');
	expect(findSubAccounts(first, [first], options)).toBeUndefined();
	const unknown = list('contract=C-9&page=1');
	expect(findSubAccounts(unknown, [accounts, unknown], options)).toBeUndefined();
	// Pages numbered like the ids of another list are paging, not accounts.
	const numbered = call(`${APP}/api/years`, { data: [{ id: 1 }, { id: 2 }] });
	const paged = list('page=1');
	expect(findSubAccounts(paged, [numbered, paged], options)).toBeUndefined();
});

test('a value another answer holds under a key that is no id names no account (a folder listing)', () => {
	const root = call(`${APP}/api/contents`, {
		content: [{ name: 'invoices', path: 'invoices', type: 'directory' }],
	});
	const folder = call(`${APP}/api/contents/invoices?type=directory`, { content: [] });
	expect(findSubAccounts(folder, [root, folder], options)).toBeUndefined();
});

test('an accounts call on another site is never written', () => {
	const elsewhere = call('https://other.example.net/api/accounts', { data: [{ id: 'C-1' }] });
	const first = list('contract=C-1');
	expect(findSubAccounts(first, [elsewhere, first], options)).toBeUndefined();
});
