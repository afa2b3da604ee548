import { signInLinks } from '../../../../../portals/core/mailbox/extract-link';
import { candidate, composeMail } from '../../../../helpers/mail-messages';

const portal = ['portal.example.com'];

test('the sign-in link into the portal; a tracker elsewhere is outside; unsubscribe and help are not sign-ins', async () => {
	const mail = await candidate({
		html: `<p>Hello Anna,</p>
			<p><a href="https://portal.example.com/account/invoices">Your invoices</a></p>
			<p><a href="https://portal.example.com/auth/magic?token=Zk9x-31a&amp;next=%2Finvoices">Sign in to Example</a></p>
			<p><a href="https://click.mailer.example.net/t/8f3a">Sign in (tracked)</a></p>
			<p><a href="https://portal.example.com/newsletter/unsubscribe?u=17">Unsubscribe</a> ·
			<a href="https://portal.example.com/help">Help</a> ·
			<a href="https://portal.example.com/security/not-me?u=17">This wasn't me</a> ·
			<a href="mailto:support@portal.example.com">Write to us</a></p>`,
		transferEncoding: 'base64',
	});
	const links = signInLinks(mail, portal);
	expect(links.inside).toEqual([
		// The entity in the href is decoded, as a browser would.
		'https://portal.example.com/auth/magic?token=Zk9x-31a&next=%2Finvoices',
		'https://portal.example.com/account/invoices',
	]);
	expect(links.outside).toEqual(['https://click.mailer.example.net/t/8f3a']);
});

test('a plain-text mail: the address on its own line, the full stop after it left off', async () => {
	const mail = await candidate({
		text: 'Hallo Anna,\n\nmit diesem Link anmelden:\nhttps://portal.example.com/l/Q2hR7vX0.\n\nDer Link gilt 15 Minuten. Rechnungen: https://portal.example.com/rechnungen',
		transferEncoding: 'quoted-printable',
	});
	expect(signInLinks(mail, portal).inside).toEqual([
		'https://portal.example.com/l/Q2hR7vX0',
		'https://portal.example.com/rechnungen',
	]);
});

test.each([
	[
		'fr',
		'<a href="https://portal.example.com/x/1">Voir</a> <a href="https://portal.example.com/x/2">Connexion</a>',
	],
	[
		'nl',
		'<a href="https://portal.example.com/x/1">Bekijk</a> <a href="https://portal.example.com/x/2">Inloggen</a>',
	],
	[
		'es',
		'<a href="https://portal.example.com/x/1">Ver</a> <a href="https://portal.example.com/x/2">Acceder</a>',
	],
	[
		'it',
		'<a href="https://portal.example.com/x/1">Vedi</a> <a href="https://portal.example.com/x/2">Accedi</a>',
	],
	[
		'de',
		'<a href="https://portal.example.com/x/1">Ansehen</a> <a href="https://portal.example.com/x/2">Jetzt anmelden</a>',
	],
])('%s: the link that says it signs in comes first', async (_lang, html) => {
	const { inside } = signInLinks(await candidate({ html }), portal);
	expect(inside).toEqual(['https://portal.example.com/x/2', 'https://portal.example.com/x/1']);
});

test('"abmelden" (sign out, unsubscribe) is no "anmelden"', async () => {
	const { inside } = signInLinks(
		await candidate({
			html: '<a href="https://portal.example.com/n/7">Vom Newsletter abmelden</a>',
		}),
		portal,
	);
	expect(inside).toEqual([]);
});

test("domains are matched as definitions match them (browser/boundary's urlAllowed)", async () => {
	const html = [
		'https://portal.example.com/login?t=1',
		'https://login.portal.example.com/login?t=2',
		'https://portal.example.com.evil.test/login?t=3',
		'http://127.0.0.1:3300/login?t=4',
		'http://127.0.0.1:3301/login?t=5',
	]
		.map((href) => `<a href="${href}">Sign in</a>`)
		.join('\n');
	const mail = await candidate({ html });
	// An exact host is that host only.
	expect(signInLinks(mail, ['portal.example.com']).inside).toEqual([
		'https://portal.example.com/login?t=1',
	]);
	// "*.host" is the host and its subdomains.
	expect(signInLinks(mail, ['*.portal.example.com']).inside).toEqual([
		'https://portal.example.com/login?t=1',
		'https://login.portal.example.com/login?t=2',
	]);
	// A port, when the definition names one.
	expect(signInLinks(mail, ['127.0.0.1:3300']).inside).toEqual(['http://127.0.0.1:3300/login?t=4']);
	expect(signInLinks(mail, ['127.0.0.1:3300']).outside).toHaveLength(4);
});

test('the raw message really carries the link encoded (the test reads through base64)', async () => {
	const raw = (
		await composeMail({
			html: '<a href="https://portal.example.com/auth/magic?token=Zk9x">Sign in</a>',
			transferEncoding: 'base64',
		})
	).toString();
	expect(raw).not.toContain('magic?token=Zk9x');
	expect(
		signInLinks(
			await candidate({
				html: '<a href="https://portal.example.com/auth/magic?token=Zk9x">Sign in</a>',
				transferEncoding: 'base64',
			}),
			portal,
		).inside,
	).toEqual(['https://portal.example.com/auth/magic?token=Zk9x']);
});
