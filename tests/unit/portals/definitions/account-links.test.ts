import { parsePage, readablePage } from '../../../../portals/core/http/html-page';
import { pageAccounts } from '../../../../portals/definitions/account-switch';
import { definitionProblems } from '../../../../portals/definitions/validate';
import { readDefinition as read } from './shipped-definitions';

/**
 * Sub-accounts given as links or buttons (documents.accounts.links / buttons, issue 33): each
 * account's id read as the definition says, over the parsed HTML the HTTP engine reads; and the
 * definitions that cannot work refused, one message per problem.
 */
const PAGE = `<!doctype html><html><body><ul>
<li><a class="c" href="/contracts/CUST-1%2F01/invoices?contract=A1">Contract CUST-1/01 – Home</a></li>
<li><a class="c" href="/contracts/CUST-2/invoices?contract=B2"> Contract  CUST-2 – Shop </a></li>
<li><a class="c" href="/contracts/CUST-2/invoices?contract=B2">Contract CUST-2 – Shop (again)</a></li>
</ul><button class="b" data-id="X9">Line X9</button><button class="b">Line without id</button></body></html>`;
const page = readablePage(parsePage(PAGE, 'https://portal.example/contracts/'));

test.each([
	[{ pathPart: 2 }, ['CUST-1/01', 'CUST-2']],
	[{ pathPart: -2 }, ['CUST-1/01', 'CUST-2']],
	[{ param: 'contract' }, ['A1', 'B2']],
	[{ pattern: 'Contract (\\S+)' }, ['CUST-1/01', 'CUST-2']],
	[
		undefined,
		['Contract CUST-1/01 – Home', 'Contract CUST-2 – Shop', 'Contract CUST-2 – Shop (again)'],
	],
])('links with id %j: ids %j, each once, with the link and its text', async (id, ids) => {
	const accounts = await pageAccounts(page, { links: 'a.c', ...(id ? { id } : {}) });
	expect(accounts.map((a) => a.id)).toEqual(ids);
	expect(accounts[0]).toMatchObject({
		label: 'Contract CUST-1/01 – Home',
		href: 'https://portal.example/contracts/CUST-1%2F01/invoices?contract=A1',
		index: 0,
	});
});

test('the Account IDs filter keeps only the accounts it names', async () => {
	const accounts = await pageAccounts(
		page,
		{ links: 'a.c', id: { pathPart: 2 } },
		{ accountIds: ['CUST-2'] },
	);
	expect(accounts.map((a) => [a.id, a.index])).toEqual([['CUST-2', 1]]);
});

test('an account whose id cannot be read is a changed layout, not one to skip', async () => {
	await expect(
		pageAccounts(page, { buttons: 'button.b', id: { attribute: 'data-id' } }),
	).rejects.toMatchObject({
		code: 'LAYOUT_CHANGED',
		details: { missingElement: 'documents.accounts.id' },
	});
	await expect(pageAccounts(page, { links: 'a.c', id: { param: 'other' } })).rejects.toThrow(
		/Sub-account 1 \("Contract CUST-1\/01 – Home"\) has no id/,
	);
});

type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const links = read('demo/demo-contracts.json');
const buttons = read('demo/demo-contracts-buttons.json');

describe.each<[string, Record<string, unknown>, Edit, string, RegExp]>([
	[
		'buttons with engine http',
		buttons,
		(d) => (d.engine = 'http'),
		'engine',
		/documents.accounts.buttons needs the browser/,
	],
	[
		'buttons whose id is a query parameter',
		buttons,
		(d) => (d.documents.accounts.id = { param: 'contract' }),
		'documents.accounts.id.param',
		/a button has none/,
	],
	[
		'an id pattern that is no regular expression',
		links,
		(d) => (d.documents.accounts.id = { pattern: '(CUST' }),
		'documents.accounts.id.pattern',
		/is not a valid regular expression/,
	],
	[
		'a selection page on another site',
		links,
		(d) => (d.documents.accounts.page = 'https://evil.example/contracts/'),
		'documents.accounts.page',
		/evil\.example, which is not in domains/,
	],
	[
		'a select with a selection page',
		links,
		(d) => (d.documents.accounts = { select: 'select#c', page: '/contracts/' }),
		'documents.accounts.select',
		/page and id are for links and buttons/,
	],
	[
		'two ways to read an id',
		links,
		(d) => (d.documents.accounts.id = { pathPart: 2, param: 'contract' }),
		'documents.accounts.id',
		/^may have only one of param, pathPart, attribute, pattern \(has pathPart, param\)$/,
	],
	[
		'path part 0',
		links,
		(d) => (d.documents.accounts.id = { pathPart: 0 }),
		'documents.accounts.id.pathPart',
		/./,
	],
])('%s', (_, base, edit, field, message) => {
	test(`is refused at ${field}`, () => {
		const definition = structuredClone(base);
		edit(definition);
		const problems = definitionProblems(definition);
		expect(problems).toContainEqual({ field, message: expect.stringMatching(message) });
		expect(problems.filter((p) => p.field !== field)).toEqual([]);
	});
});

test('links and buttons together are refused', () => {
	const definition = structuredClone(links);
	definition.documents.accounts.buttons = 'button.contract';
	expect(definitionProblems(definition).map((p) => p.field)).toEqual(['documents.accounts']);
});
