import { requestSpec } from '../../../../../portals/discovery/api/request-spec';
import { call } from './calls';

/** The `request` part discovery writes for the app's list call. */
test('a parameter the app sends more than once stays in the address, in its order; the others go to query', () => {
	const url =
		'https://app.example.com/files?limit=25&fields[]=id&fields[]=title&sort[]=-uploaded_on&page=1';
	const spec = requestSpec(
		call(url, { data: [] }),
		{ limit: '25', 'fields[]': 'title', 'sort[]': '-uploaded_on' },
		'https://app.example.com',
	);
	expect(spec).toEqual({
		method: 'GET',
		url: '/files?fields%5B%5D=id&fields%5B%5D=title',
		query: { limit: '25', 'sort[]': '-uploaded_on' },
	});
});

test('an address without repeated parameters is its path alone; another allowed host is written whole', () => {
	const spec = requestSpec(
		call('https://api.example.com/v1/invoices?size=50', { data: [] }),
		{ size: '50' },
		'https://app.example.com',
	);
	expect(spec).toEqual({
		method: 'GET',
		url: 'https://api.example.com/v1/invoices',
		query: { size: '50' },
	});
});
