import { PortalError } from '../../../../../portals/core/outcomes/errors';
import { MASK, Redactor } from '../../../../../portals/core/outcomes/redactor';
import { reasonResult, type RunBase } from '../../../../../portals/core/outcomes/result';

/**
 * Issue 35, item 3: what a portal repeats of the password or a code is masked in every form page
 * text, page HTML or an address writes it, and the message stays readable.
 */
const PASSWORD = 'Pw-h&st<le"5f 1c';

describe('the redactor', () => {
	const redactor = new Redactor([PASSWORD, undefined, '']);

	test('masks the password and keeps the rest of the message: whose login it was', () => {
		expect(redactor.text(`Wrong password ${PASSWORD} for user hostile-user`)).toBe(
			`Wrong password ${MASK} for user hostile-user`,
		);
	});

	test.each([
		['HTML text', 'Pw-h&amp;st&lt;le"5f 1c'],
		['an HTML attribute', 'Pw-h&amp;st&lt;le&quot;5f&nbsp;1c'],
		['numeric entities', 'Pw-h&#38;st&#x3C;le&#34;5f&#32;1c'],
		['an address', 'Pw-h%26st%3Cle%225f%201c'],
		['a form body, lower-case hex', 'Pw-h%26st%3cle%225f+1c'],
	])('finds it written as %s', (_form, written) => {
		expect(redactor.text(`<p title="${written}">x</p>`)).toBe(`<p title="${MASK}">x</p>`);
	});

	test('is case-sensitive, as passwords are', () => {
		expect(new Redactor(['Secret-9']).text('secret-9 Secret-9')).toBe(`secret-9 ${MASK}`);
	});

	test('masks a code of 4 characters or more wherever it is; a longer secret holding it, whole', () => {
		const r = new Redactor(['493027', 'abc493027']);
		expect(r.text('The code 493027 is not correct (INV493027-1, abc493027).')).toBe(
			`The code ${MASK} is not correct (INV${MASK}-1, ${MASK}).`,
		);
	});

	test('masks a password under 4 characters as a whole word only, so messages stay readable', () => {
		const r = new Redactor(['a']);
		expect(r.text('Wrong password a for user anna: a is not a password.')).toBe(
			`Wrong password ${MASK} for user anna: ${MASK} is not ${MASK} password.`,
		);
		expect(new Redactor(['pw1']).text('pw1 pw12 xpw1 (pw1)')).toBe(`${MASK} pw12 xpw1 (${MASK})`);
	});

	test('learns codes as the run types them', () => {
		const r = new Redactor();
		expect(r.text('code 112233')).toBe('code 112233');
		r.add(' 112233 ');
		expect(r.text('code 112233')).toBe(`code ${MASK}`);
	});

	test("masks an error in place: a PortalError stays one, with its message, stack and the portal's words", () => {
		const error = new PortalError(
			'WRONG_CREDENTIALS',
			`The portal says: Wrong password ${PASSWORD}`,
			{
				portalMessage: `Wrong password ${PASSWORD}`,
				url: `http://portal/denied/${encodeURIComponent(PASSWORD)}`,
			},
		);
		expect(redactor.error(error)).toBe(error);
		expect(error).toBeInstanceOf(PortalError);
		expect(error.message).toBe(`The portal says: Wrong password ${MASK}`);
		expect(error.stack).not.toContain(PASSWORD);
		expect(error.details).toMatchObject({
			portalMessage: `Wrong password ${MASK}`,
			url: `http://portal/denied/${MASK}`,
		});
	});

	test('masks a result: message, portal message, debug page and address; leaves the session token', () => {
		const base: RunBase = {
			portal: 'hostile',
			loginPerformed: true,
			sessionReused: false,
			startedAt: new Date().toISOString(),
		};
		const result = reasonResult(base, 'WRONG_CODE', `Code ${PASSWORD}`, {
			challenge: {
				method: 'sms',
				portalMessage: `Code ${PASSWORD}`,
				resumeToken: 'sealed-token',
				expiresAt: new Date().toISOString(),
			},
			debug: { url: 'http://portal/x', html: `<input value="${PASSWORD.replace(/&/g, '&amp;')}">` },
		});
		const masked = redactor.result(result);
		expect(JSON.stringify(masked)).not.toContain('Pw-h');
		expect(masked.message).toBe(`Code ${MASK}`);
		expect(masked.challenge).toMatchObject({
			portalMessage: `Code ${MASK}`,
			resumeToken: 'sealed-token',
		});
		expect(masked.debug?.html).toBe(`<input value="${MASK}">`);
	});
});
