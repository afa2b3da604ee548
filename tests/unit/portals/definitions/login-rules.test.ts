import energie from '../../../../portals/definitions/demo/demo-energie.json';
import { LoginRules } from '../../../../portals/definitions/login-rules';
import type { DefinitionSpec } from '../../../../portals/definitions/spec';
import { domPage } from '../../../helpers/dom-page';

/** What a sign-in page means by a definition's login rules, read from a jsdom page (no browser). */
const spec = energie as unknown as DefinitionSpec;
const rules = new LoginRules('The portal', `the definition ${spec.name}`, spec.login, 'login');
const LOGIN_URL = 'https://demo-energie.example/eu/login';
const page = (body: string) =>
	domPage(`<!DOCTYPE html><html><body>${body}</body></html>`, LOGIN_URL);
const codePage = (uitleg: string, fout = '') =>
	page(
		`${fout ? `<p class="melding fout">${fout}</p>` : ''}<p class="uitleg">${uitleg}</p><input id="code"><button id="bevestig">Bevestig</button>`,
	);

test('a code prompt is a challenge for its method, with what the page says and which prompt of the definition recognised it', async () => {
	expect(
		await rules.outcome(
			codePage('We hebben een code per SMS gestuurd naar ******12.'),
			'login.loggedIn',
		),
	).toEqual({
		kind: 'challenge',
		challenge: {
			method: 'sms',
			portalMessage: 'We hebben een code per SMS gestuurd naar ******12.',
			rejected: undefined,
			matchedBy: "login.codePrompts[1], detect p.uitleg 'sms'",
		},
	});
	expect(
		await rules.outcome(codePage('Voer de code uit uw authenticator-app in.'), 'login.loggedIn'),
	).toMatchObject({
		challenge: {
			method: 'authenticator_app',
			matchedBy: "login.codePrompts[0], detect p.uitleg 'authenticator'",
		},
	});
	expect(await rules.known(codePage('We hebben een code per e-mail gestuurd.'))).toBe(true);
});

test('the same prompt again after a code was sent, with the wrong-code words, is WRONG_CODE', async () => {
	const sms = rules.prompt('sms')!;
	const again = await rules.outcome(
		codePage('We hebben een code per sms gestuurd.', 'De code is onjuist.'),
		'login.loggedIn',
		sms,
	);
	expect(again).toMatchObject({
		challenge: {
			method: 'sms',
			rejected: 'WRONG_CODE',
			portalMessage: 'De code is onjuist. We hebben een code per sms gestuurd.',
		},
	});
	// After the SMS code was accepted the portal asks for an e-mail code: a new challenge, not a rejection.
	const next = await rules.outcome(
		codePage('We hebben een code per e-mail gestuurd.'),
		'login.loggedIn',
		sms,
	);
	expect(next).toMatchObject({ challenge: { method: 'email', rejected: undefined } });
});

test('error texts: wrong credentials and a locked account are their own reasons; anything else is LAYOUT_CHANGED', async () => {
	await expect(
		rules.outcome(
			page('<p class="melding fout">E-mailadres of wachtwoord onjuist.</p>'),
			'login.loggedIn',
		),
	).rejects.toMatchObject({
		code: 'WRONG_CREDENTIALS',
		message: 'The portal says: E-mailadres of wachtwoord onjuist.',
	});
	await expect(
		rules.outcome(page('<p class="melding fout">Uw account is GEBLOKKEERD.</p>'), 'login.loggedIn'),
	).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
	await expect(
		rules.outcome(page('<h1>Welkom</h1>'), 'login.loggedIn (a.uitloggen)'),
	).rejects.toMatchObject({
		code: 'LAYOUT_CHANGED',
		details: expect.objectContaining({ missingElement: 'login.loggedIn (a.uitloggen)' }),
	});
	expect(await rules.known(page('<h1>Welkom</h1>'))).toBe(false);
});
