import { originGuard } from '../../../../../portals/core/contract/origins';
import { refuseOffsiteSignIn } from '../../../../../portals/core/run/offsite-sign-in';

/**
 * Issue 35, item 1: a sign-in that ends on a page outside the allowed sites is never "logged
 * in", whatever that page shows (the run asks this whenever a login says logged in).
 */
const inside = originGuard(['http://127.0.0.1:4100']);

test('a page on another site is refused with NAVIGATION_BLOCKED, its address without the query', () => {
	const at = (url: string) => () => refuseOffsiteSignIn({ url: () => url }, inside);
	expect(at('http://127.0.0.2:4100/x?sid=secret')).toThrow(
		expect.objectContaining({
			code: 'NAVIGATION_BLOCKED',
			message: expect.stringContaining('http://127.0.0.2:4100/x,'),
		}),
	);
	expect(at('http://127.0.0.2:4100/x?sid=secret')).not.toThrow(/secret/);
	expect(at('http://127.0.0.1:4101/documents')).toThrow(/not taken as signed in/);
	expect(at('not an address')).toThrow(/not taken as signed in/);
});

test("a page on the portal's own address passes", () => {
	expect(() =>
		refuseOffsiteSignIn({ url: () => 'http://127.0.0.1:4100/documents' }, inside),
	).not.toThrow();
});
