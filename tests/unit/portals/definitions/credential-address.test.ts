import { credentialAddress } from '../../../../portals/definitions/credential-address';

/**
 * A definition's addresses on the base URL the credential gives: a portal that signs in on one
 * host and lists on another (issue 33) moves as a whole to where the credential points.
 */
const LOGIN = 'https://login.portal.example/sign-in';

test.each([
	['the login host', '/api/list?page=1', 'http://login.test.localhost:3300/api/list?page=1'],
	[
		'another host of its site, on the same first labels',
		'https://app.portal.example/api/list',
		'http://app.test.localhost:3300/api/list',
	],
	[
		'a host on another site (an identity provider, a CDN) stays',
		'https://files.cdn.example/x.pdf',
		'https://files.cdn.example/x.pdf',
	],
])('a credential on another site: %s', (_, target, moved) => {
	expect(credentialAddress(target, LOGIN, 'http://login.test.localhost:3300/sign-in')).toBe(moved);
});

test('a credential on an address without a site holds the whole site on that one origin', () => {
	const base = 'http://127.0.0.1:3300/sign-in';
	expect(credentialAddress('https://app.portal.example/api', LOGIN, base)).toBe(
		'http://127.0.0.1:3300/api',
	);
	expect(credentialAddress('https://files.cdn.example/x.pdf', LOGIN, base)).toBe(
		'https://files.cdn.example/x.pdf',
	);
});

test("a credential on the definition's own login address changes nothing", () => {
	expect(credentialAddress('https://app.portal.example/api', LOGIN, LOGIN)).toBe(
		'https://app.portal.example/api',
	);
});
