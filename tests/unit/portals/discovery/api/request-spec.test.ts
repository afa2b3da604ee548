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

test("a token, signature or CSRF value in the app's call is never written into the definition; filters stay", () => {
	const url =
		'https://app.example.com/api/list?access_token=s3cr3t&X-Amz-Signature=abc&fields[]=id&fields[]=no&typeCode=380';
	const spec = requestSpec(
		call(
			url,
			{ data: [] },
			{
				method: 'POST',
				requestBody: JSON.stringify({
					filter: { typeCode: '380', csrfToken: 'csrf-value' },
					sessionId: 'sess-value',
				}),
			},
		),
		{ access_token: 's3cr3t', typeCode: '380' },
		'https://app.example.com',
	);
	expect(spec).toEqual({
		method: 'POST',
		url: '/api/list?fields%5B%5D=id&fields%5B%5D=no',
		query: { typeCode: '380' },
		body: { filter: { typeCode: '380' } },
	});
	expect(JSON.stringify(spec)).not.toMatch(/s3cr3t|abc|csrf-value|sess-value/);
});
