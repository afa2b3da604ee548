import { observedSecondCall } from '../../../../../portals/discovery/api/second-call';
import { call } from './calls';

/**
 * A file the app fetched through a second call (issue 33: "a second call that returns a signed
 * address"): seen after one press of a row's Download button, written as a template of the item
 * with the answer's address field; the address's host, when on another site, is a download host.
 */
const APP = 'https://app.example.com';
const base = new URL(`${APP}/api/invoices`);
const items = [{ id: 'a1b2c3', number: 'INV-1' }];

test('the call built from the item, the address in its answer, and the file host', () => {
	const asked = call(`${APP}/api/invoices/a1b2c3/download`, {
		signedUrl: 'https://files.cdn.example/t/Zx81.pdf?sig=abc',
	});
	expect(observedSecondCall([asked], items, base, ['app.example.com'], 'id')).toEqual({
		download: {
			call: { method: 'GET', url: '/api/invoices/{id}/download', urlField: 'signedUrl' },
		},
		downloadDomains: ['files.cdn.example'],
		how: 'a second call /api/invoices/{id}/download the app made, whose answer holds the file\'s address at "signedUrl" on files.cdn.example (a download host)',
	});
});

test('an answer with an address that names no file, or a call not built from an item, is no file', () => {
	const help = call(`${APP}/api/invoices/a1b2c3/notes`, { next: '/api/help' });
	expect(observedSecondCall([help], items, base, ['app.example.com'], 'id')).toBeUndefined();
	const other = call(`${APP}/api/exports/zz99/download`, {
		signedUrl: 'https://files.cdn.example/t/Zx81.pdf',
	});
	expect(observedSecondCall([other], items, base, ['app.example.com'], 'id')).toBeUndefined();
});

test('a second call that a forbidden word names is never written', () => {
	const cancel = call(`${APP}/api/invoices/a1b2c3/cancel`, {
		signedUrl: 'https://files.cdn.example/t/Zx81.pdf',
	});
	expect(observedSecondCall([cancel], items, base, ['app.example.com'], 'id')).toBeUndefined();
});
