import { findCollections } from '../../../../../portals/discovery/api/collection';
import { call } from './calls';

/**
 * The documents collection among an app's JSON answers: the array whose items carry a date, an
 * amount or number and an id, confirmed by what the page shows; menus, notifications and
 * contracts lists lose.
 */
const invoices = [
	{
		id: 'a81f',
		number: 'R-2026-0042',
		issued: '2026-10-01T08:00:00Z',
		due: '2026-10-15',
		total: { amount: 41.3, currency: 'EUR' },
		kind: 'INVOICE',
		contract: { id: 'C-1' },
		links: { pdf: '/api/invoices/a81f/pdf' },
	},
	{
		id: 'b22c',
		number: 'R-2026-0031',
		issued: '2026-09-01T08:00:00Z',
		due: '2026-09-15',
		total: { amount: 39.9, currency: 'EUR' },
		kind: 'CREDIT_NOTE',
		contract: { id: 'C-1' },
		links: { pdf: '/api/invoices/b22c/pdf' },
	},
	{
		id: 'c9d0',
		number: 'R-2026-0020',
		issued: '2026-08-01T08:00:00Z',
		due: '2026-08-15',
		total: { amount: 12, currency: 'EUR' },
		kind: 'INVOICE',
		contract: { id: 'C-2' },
		links: { pdf: '/api/invoices/c9d0/pdf' },
	},
];
const screen =
	'Your invoices R-2026-0042 1 Oct 2026 €41.30 R-2026-0031 1 Sep 2026 €39.90 R-2026-0020 …';

test('the invoices array is chosen, with its fields as dot paths', () => {
	const calls = [
		call('https://app.example.com/api/menu', {
			items: [
				{ id: 'home', label: 'Home' },
				{ id: 'bills', label: 'Bills' },
			],
		}),
		call('https://app.example.com/api/notifications', {
			data: [{ id: 'n1', at: '2026-10-02T10:00:00Z', text: 'New invoice' }],
		}),
		call('https://app.example.com/api/invoices?page=1', { data: { invoices } }),
	];
	const [best, ...rest] = findCollections(calls, screen, 'en');
	expect(best.call.url).toBe('https://app.example.com/api/invoices?page=1');
	expect(best.items).toBe('data.invoices');
	expect(best.fields).toEqual({
		issueDate: { path: 'issued', date: 'yyyy-MM-dd', regex: '^(\\d{4}-\\d{2}-\\d{2})' },
		dueDate: { path: 'due', date: 'yyyy-MM-dd' },
		amount: { path: 'total.amount', amount: true },
		id: 'id',
		number: 'number',
		currency: 'total.currency',
		type: {
			path: 'kind',
			map: expect.objectContaining({ INVOICE: 'invoice', CREDIT_NOTE: 'credit_note' }),
		},
		accountId: 'contract.id',
	});
	expect(best.samples.number).toEqual(['R-2026-0042', 'R-2026-0031', 'R-2026-0020']);
	expect(best.urlPaths).toEqual(['links.pdf']);
	expect(best.onScreen).toBe(1);
	// Notifications have a date and an id but neither amount nor number: no candidate at all.
	expect(rest.map((c) => c.call.url)).toEqual([]);
});

test('what the page shows decides between two lists of the same shape', () => {
	const shape = (prefix: string) =>
		invoices.map((d, i) => ({ ...d, id: `${prefix}${i}`, number: `${prefix}-${1000 + i}` }));
	const calls = [
		call('https://app.example.com/api/orders', shape('ORD')),
		call('https://app.example.com/api/bills', shape('BILL')),
	];
	const ranked = findCollections(calls, 'Bills: BILL-1000 BILL-1001 BILL-1002', 'en');
	expect(ranked.map((c) => [new URL(c.call.url).pathname, c.items, c.onScreen])).toEqual([
		['/api/bills', '', 1],
		['/api/orders', '', 0],
	]);
});

test('formatted strings are read with the page language: dates, amounts, types', () => {
	const items = [
		{
			id: 'd1',
			number: 'F-17',
			date: '01.10.2026',
			total: '1.234,56 €',
			art: 'Rechnung',
			pdf: 'JVBERi0xLjQK'.padEnd(200, 'A'),
		},
		{
			id: 'd2',
			number: 'F-16',
			date: '14.09.2026',
			total: '99,00 €',
			art: 'Gutschrift',
			pdf: 'JVBERi0xLjQK'.padEnd(200, 'B'),
		},
	];
	const [best] = findCollections(
		[call('https://kunde.example.de/api/belege', { belege: items })],
		'',
		'de',
	);
	expect(best.fields.issueDate).toEqual({ path: 'date', date: 'dd.MM.yyyy' });
	expect(best.fields.amount).toEqual({ path: 'total', amount: true, locale: 'de' });
	expect(best.fields.type).toEqual({
		path: 'art',
		map: expect.objectContaining({ Rechnung: 'invoice', Gutschrift: 'credit_note' }),
	});
	expect(best.base64Paths).toEqual(['pdf']);
	expect(best.onScreen).toBe(0);
});

test('an error answer and an array without dates are no collection', () => {
	const calls = [
		call('https://app.example.com/api/invoices', { data: invoices }, { status: 401 }),
		call('https://app.example.com/api/contracts', [{ id: 'C-1', number: 'C-1', fee: 12.5 }]),
	];
	expect(findCollections(calls, screen, 'en')).toEqual([]);
});

test('a file library: the change date is the only date and a title with digits the number, beside a uuid id', () => {
	const files = [5, 4, 3].map((n) => ({
		id: `c7d90ffa-5ce1-4303-9560-a50450098ef${n}`,
		modified_on: `2026-12-0${n}T01:51:04`,
		type: 'application/pdf',
		title: `Invoice 2026 00${n}`,
		filesize: 678 + n,
	}));
	const [found] = findCollections(
		[call('https://app.example.com/files?limit=25', { data: files })],
		'Invoice 2026 005 Invoice 2026 004 Invoice 2026 003',
		'en',
	);
	expect(found.fields).toMatchObject({
		id: 'id',
		number: 'title',
		issueDate: { path: 'modified_on', date: 'yyyy-MM-dd' },
	});
	expect(found.onScreen).toBe(1);
});

test('a change date is not the issue date when the items carry another date', () => {
	const rows = [1, 2].map((n) => ({
		id: `d${n}`,
		number: `R-${n}00`,
		updated: `2026-12-0${n}T01:00:00Z`,
		created: `2026-10-0${n}T01:00:00Z`,
	}));
	const [found] = findCollections(
		[call('https://app.example.com/api/x', { data: rows })],
		'',
		'en',
	);
	expect(found.fields.issueDate).toMatchObject({ path: 'created' });
});
