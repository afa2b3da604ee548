import { simpleParser } from 'mailparser';
import { extractCode } from '../../../../../portals/core/mailbox/extract-code';
import { isPortalError } from '../../../../../portals/core/outcomes/errors';
import { candidate, composeMail, type TestMail } from '../../../../helpers/mail-messages';

const codeOf = async (mail: TestMail, codePattern?: string) =>
	extractCode(await candidate(mail), codePattern);

describe('the transfer encodings a mailer uses are read through', () => {
	test('quoted-printable plain text', async () => {
		const mail: TestMail = {
			text: 'Hello Anna,\r\n\r\nYour verification code is 731904.\r\nIt is valid for 10 minutes.\r\n\r\nYour Example team — with a long line that quoted-printable has to wrap because it goes on and on past seventy-six characters',
			transferEncoding: 'quoted-printable',
		};
		const raw = (await composeMail(mail)).toString();
		expect(raw).toMatch(/Content-Transfer-Encoding: quoted-printable/i);
		expect(await codeOf(mail)).toBe('731904');
	});

	test('base64 plain text (the code is not readable in the raw message)', async () => {
		const mail: TestMail = { text: 'Your one-time code: 584120', transferEncoding: 'base64' };
		const raw = (await composeMail(mail)).toString();
		expect(raw).toMatch(/Content-Transfer-Encoding: base64/i);
		expect(raw).not.toContain('584120');
		expect(await codeOf(mail)).toBe('584120');
	});

	test('base64 HTML only, the code in its own table cell', async () => {
		const mail: TestMail = {
			html: '<html><head><style>td{font:14px Arial}</style></head><body><table><tr><td>Your security code</td></tr><tr><td style="font-size:28px"><strong>902731</strong></td></tr></table></body></html>',
			transferEncoding: 'base64',
		};
		expect(await codeOf(mail)).toBe('902731');
	});

	test('an HTML-only message with an attachment: mailparser gives no text, the HTML is read', async () => {
		const mail: TestMail = {
			html: '<div>Ihr Bestätigungscode lautet:</div><div><b>482913</b></div>',
			attachment: { filename: 'hinweise.txt', content: 'Bitte nicht antworten.' },
		};
		const parsed = await simpleParser(await composeMail(mail));
		// The case this test is about: the HTML is not the root part, so there is no plain text.
		expect(parsed.text ?? '').not.toContain('482913');
		expect(await codeOf(mail)).toBe('482913');
	});
});

describe('the code next to a word for "code", in six languages', () => {
	test.each([
		['en', 'Your verification code is 731904.', '731904'],
		['en', 'Use code 4417 to sign in.', '4417'],
		['en', 'Your sign-in code: X7K9Q2', 'X7K9Q2'],
		['en', 'Enter this one-time password: 55120987', '55120987'],
		['en', 'Your code:\n\n123 456\n\nDo not share it.', '123456'],
		['de', 'Ihr Bestätigungscode: 482913\nEr ist 15 Minuten gültig.', '482913'],
		['de', 'Code: 3Q8ZT1', '3Q8ZT1'],
		['fr', 'Votre code de vérification est : 552211', '552211'],
		['fr', 'Voici votre code de sécurité\n\n918273', '918273'],
		['nl', 'Uw verificatiecode is 640112. Deze code is 10 minuten geldig.', '640112'],
		['nl', 'Je beveiligingscode: 771203', '771203'],
		['es', 'Tu código de verificación es 839201', '839201'],
		['it', 'Il tuo codice di verifica è 129384', '129384'],
		['en, code first', '731904 is your Example verification code', '731904'],
		['en, code first', 'Use 918273 as your Microsoft account security code.', '918273'],
		['en, code first', 'G-482913 is your Google verification code.', '482913'],
		[
			'en, a number after the code word',
			'Verification code\n\n884412\n\nThis code expires in 10 minutes. Account 55667788',
			'884412',
		],
	])('%s: %s', async (_lang, text, code) => {
		expect(await codeOf({ text })).toBe(code);
	});

	test('French, quoted-printable with accents, HTML and plain alternatives', async () => {
		const mail: TestMail = {
			subject: 'Votre code de connexion',
			text: 'Bonjour,\n\nvotre code à usage unique est 314159.\n\nÀ bientôt !',
			html: '<p>Bonjour,</p><p>votre code à usage unique est <b>314159</b>.</p><p>À bientôt !</p>',
			transferEncoding: 'quoted-printable',
		};
		expect((await composeMail(mail)).toString()).toMatch(/=C3=A0/);
		expect(await codeOf(mail)).toBe('314159');
	});

	test('German HTML mail in base64', async () => {
		const mail: TestMail = {
			html: '<p>Hallo Anna,</p><p>zur Anmeldung bei Beispiel Energie geben Sie bitte diesen Sicherheitscode ein:</p><p style="letter-spacing:4px">705318</p><p>Der Code ist 10 Minuten gültig.</p>',
			transferEncoding: 'base64',
		};
		expect(await codeOf(mail)).toBe('705318');
	});

	test('the subject is read when the body holds no code', async () => {
		expect(
			await codeOf({ subject: '731904 is your verification code', text: 'See the subject.' }),
		).toBe('731904');
	});
});

describe('other numbers are not taken for the code', () => {
	test('an order number before the code', async () => {
		expect(
			await codeOf({
				text: 'Order number 48213377 has shipped.\n\nTo see it, sign in: your code is 731904',
			}),
		).toBe('731904');
	});

	test('an order number after the code word, before the code', async () => {
		expect(await codeOf({ text: 'Your security code for order 48213377 is 731904.' })).toBe(
			'731904',
		);
	});

	test('an order number and the code in an HTML table', async () => {
		expect(
			await codeOf({
				html: '<table><tr><td>Bestellnummer</td><td>48213377</td></tr><tr><td>Ihr Code</td><td>731904</td></tr></table>',
			}),
		).toBe('731904');
	});

	test('a customer number before the code word', async () => {
		expect(
			await codeOf({
				text: 'Kundennummer: 12345678\nIhr Sicherheitscode: 663301',
			}),
		).toBe('663301');
		expect(
			await codeOf({
				text: 'Your customer number 12345678 — the code follows in a separate mail.',
			}),
		).toBeUndefined();
		expect(
			await codeOf({ text: 'Kundennummer 12345678\nSicherheitscode folgt per SMS.' }),
		).toBeUndefined();
	});

	test.each([
		['a date', 'Your code expires on 28.11.2026 at 15:30.'],
		['a written date', 'Your verification code is valid until November 2026.'],
		['a year in a footer', 'Did not request a code? Ignore this mail.\n© 2026 Example GmbH'],
		['a compact date', 'Code issued 20261128 by our system.'],
		['a phone number', 'Questions about your code? Call +49 30 1234 5678.'],
		['a phone number with an area code', 'Questions about your code? Call (030) 1234567.'],
		['an amount', 'Your discount code saves € 1500 today.'],
		[
			'an amount in a sentence with a code word',
			'Code of conduct: payments above 2500 EUR need approval.',
		],
		['a post code', 'Postal code 10115, Berlin'],
		['a French post code', 'Code postal : 75001'],
		['an address', 'Your code was sent to max1234@example.com.'],
		['a link', 'Your code: see https://portal.example.com/c/ab12cd34'],
		['a unit', 'The code expires in 15min, resend after 600s.'],
	])('%s', async (_what, text) => {
		expect(await codeOf({ text })).toBeUndefined();
	});

	test('a year-like code right after the code word is still a code', async () => {
		expect(await codeOf({ text: 'Your code: 2031' })).toBe('2031');
	});
});

describe("a definition's codePattern", () => {
	test('its first group is the code', async () => {
		expect(
			await codeOf(
				{ text: 'Reference ABCD-1234-EF (enter it on the portal)' },
				String.raw`Reference (\w{4}-\d{4}-\w{2})`,
			),
		).toBe('ABCD-1234-EF');
	});

	test('without a group, its whole match', async () => {
		expect(await codeOf({ text: 'Token: QWERTY' }, '[A-Z]{6}')).toBe('QWERTY');
	});

	test('it alone decides: no guess when it does not match', async () => {
		const mail = { text: 'Your verification code is 731904.' };
		expect(await codeOf(mail)).toBe('731904');
		expect(await codeOf(mail, String.raw`PIN (\d{4})`)).toBeUndefined();
	});

	test('an invalid pattern names the field', async () => {
		const mail = await candidate({ text: 'Your code is 731904' });
		let thrown: unknown;
		try {
			extractCode(mail, '(unclosed');
		} catch (error) {
			thrown = error;
		}
		expect(isPortalError(thrown) && thrown.code).toBe('INVALID_INPUT');
		expect((thrown as Error).message).toMatch(/^mail\.codePattern: /);
	});
});
