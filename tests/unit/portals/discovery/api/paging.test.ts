import { findPaging } from '../../../../../portals/discovery/api/paging';
import { call } from './calls';

/** How a list's pages are asked for, from the app's own calls (scrolling, paging). */
const page = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `d${i}` }));

test('an offset that grew by a page of items', () => {
	const found = findPaging(
		[
			call('https://a.example/app/api/documents?offset=0&sort=date', {
				items: page(5),
				more: true,
			}),
			call('https://a.example/app/api/documents?offset=5&sort=date', {
				items: page(5),
				more: true,
			}),
		],
		'items',
	);
	expect(found.paging).toEqual({ offset: { param: 'offset', size: 5 } });
	expect(found.query).toEqual({ sort: 'date' });
	expect(found.how).toBe('the offset parameter "offset" went 0 → 5');
});

test('a page number that grew by one, the first call without it', () => {
	const found = findPaging(
		[
			call('https://a.example/api/invoices?size=20', { data: page(20) }),
			call('https://a.example/api/invoices?size=20&pg=2', { data: page(20) }),
		],
		'data',
	);
	expect(found.paging).toEqual({ page: { param: 'pg', start: 1 } });
	expect(found.query).toEqual({ size: '20' });
});

test('a cursor taken from the previous answer', () => {
	const found = findPaging(
		[
			call('https://a.example/api/invoices', { data: page(3), meta: { next: 'eyJrIjo5fQ' } }),
			call('https://a.example/api/invoices?after=eyJrIjo5fQ', {
				data: page(3),
				meta: { next: null },
			}),
		],
		'data',
	);
	expect(found.paging).toEqual({ cursor: { param: 'after', path: 'meta.next' } });
});

test("the next page's address in the answer, seen with one call or two", () => {
	const first = call('https://a.example/api/invoices?page=1', {
		data: page(2),
		links: {
			self: 'https://a.example/api/invoices?page=1',
			next: 'https://a.example/api/invoices?page=2',
		},
	});
	expect(findPaging([first], 'data').paging).toEqual({ next: { path: 'links.next' } });
	const second = call('https://a.example/api/invoices?page=2', { data: page(2), links: {} });
	expect(findPaging([first, second], 'data').paging).toEqual({ next: { path: 'links.next' } });
});

test('one call: the parameter name tells, or nothing is claimed', () => {
	expect(
		findPaging([call('https://a.example/app/api/documents?offset=0', { items: page(5) })], 'items')
			.paging,
	).toEqual({
		offset: { param: 'offset', size: 5 },
	});
	expect(findPaging([call('https://a.example/api/bills?page=1', page(4))], '').paging).toEqual({
		page: { param: 'page', start: 1 },
	});
	const unknown = findPaging(
		[call('https://a.example/api/bills', { data: page(4), hasMore: true })],
		'data',
	);
	expect(unknown.paging).toBeUndefined();
	expect(unknown.how).toMatch(/says there is more \("hasMore"\)/);
});

test('a GraphQL list paged by a cursor in its variables (a POST): the variable that changed', () => {
	const query =
		'query Invoices($after: String) { invoices(after: $after) { nodes { id } pageInfo { endCursor } } }';
	const post = (after: string | null, end: string) =>
		call(
			'https://a.example/graphql',
			{ data: { invoices: { nodes: page(2), pageInfo: { endCursor: end } } } },
			{ method: 'POST', requestBody: JSON.stringify({ query, variables: { after, first: 2 } }) },
		);
	const found = findPaging(
		[post(null, 'Y3Vyc29yOjI'), post('Y3Vyc29yOjI', 'Y3Vyc29yOjQ')],
		'data.invoices.nodes',
	);
	expect(found.paging).toEqual({
		cursor: { param: 'after', path: 'data.invoices.pageInfo.endCursor' },
	});
	expect(found.query).toEqual({});
});

test('a JSON search paged by a page number in its body (a POST)', () => {
	const post = (body: Record<string, unknown>) =>
		call(
			'https://a.example/api/search',
			{ hits: page(10) },
			{ method: 'POST', requestBody: JSON.stringify(body) },
		);
	expect(
		findPaging([post({ page: 0, size: 10 }), post({ page: 1, size: 10 })], 'hits').paging,
	).toEqual({
		page: { param: 'page', start: 0 },
	});
});

test("a cache-busting time (jQuery's `_`) is left out of the request; other numbers are kept", () => {
	const now = Date.now();
	const found = findPaging(
		[
			call(
				`https://a.example/api/contents/invoices?type=directory&_=${now}&t=${Math.floor(now / 1000)}&year=2026&id=1234567890123`,
				{
					content: page(5),
				},
			),
		],
		'content',
	);
	expect(found.query).toEqual({ type: 'directory', year: '2026', id: '1234567890123' });
});
