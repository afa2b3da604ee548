import schema from '../../../../../portals/definitions/portal-definition.schema.json';
import {
	CHALLENGE_METHODS,
	CODE_METHODS,
	TWO_FACTOR_METHODS,
	methodFromPrompt,
	methodInWords,
	reasonForMethod,
	type ChallengeMethod,
} from '../../../../../portals/core/contract/two-factor';
import { REASONS } from '../../../../../portals/core/outcomes/reasons';

/** Prompts as portals word them, in English, Dutch, French, German, Spanish and Italian. */
const PROMPTS: Record<
	ChallengeMethod,
	Record<'en' | 'nl' | 'fr' | 'de' | 'es' | 'it', string[]>
> = {
	authenticator_app: {
		en: [
			'Enter the 6-digit code from your authenticator app.',
			'Enter the code from your app',
			'Enter your TOTP code',
		],
		nl: ['Voer de code uit uw authenticator-app in.', 'Voer de code uit je authenticatie-app in'],
		fr: [
			"Saisissez le code de votre application d'authentification",
			'Entrez le code de votre authentificateur',
		],
		de: [
			'Geben Sie den Code aus Ihrer Authenticator-App ein',
			'Geben Sie den Code aus Ihrer Authentifizierungs-App ein',
		],
		es: ['Introduce el código de tu aplicación de autenticación', 'Código del autenticador'],
		it: ['Inserisci il codice della tua app di autenticazione', "Codice dell'autenticatore"],
	},
	sms: {
		en: [
			'We sent a 6-digit code by text message to +31 6 ****1234.',
			'Enter the code we sent by SMS',
		],
		nl: [
			'We hebben een sms-code gestuurd naar ******1234.',
			'We hebben u een code per sms gestuurd',
		],
		fr: ['Nous vous avons envoyé un code par SMS'],
		de: [
			'Wir haben Ihnen einen Code per SMS gesendet',
			'Geben Sie den Bestätigungscode aus der SMS ein',
		],
		es: ['Te hemos enviado un código por SMS'],
		it: ['Ti abbiamo inviato un codice via SMS', 'Codice ricevuto con un messaggio di testo'],
	},
	email: {
		en: ['We sent a 6-digit code by e-mail to a***@example.com.', 'Check your email for a code'],
		nl: ['We hebben een code per e-mail gestuurd.', 'Voer de bevestigingscode uit de e-mail in'],
		fr: ['Un code a été envoyé par courriel', 'Saisissez le code reçu par e-mail'],
		de: ['Wir haben Ihnen einen Code per E-Mail geschickt'],
		es: ['Te hemos enviado un código por correo electrónico'],
		it: ['Ti abbiamo inviato un codice per e-mail', 'Controlla la tua posta elettronica'],
	},
	email_link: {
		en: ['We sent you a sign-in link by e-mail', 'Check your inbox for a magic link'],
		nl: ['We hebben een inloglink naar uw e-mailadres gestuurd'],
		fr: ['Nous vous avons envoyé un lien de connexion par e-mail'],
		de: ['Wir haben Ihnen einen Anmeldelink per E-Mail geschickt'],
		es: ['Te hemos enviado un enlace de acceso por correo electrónico'],
		it: ['Ti abbiamo inviato un link di accesso per e-mail'],
	},
	push: {
		en: [
			'Approve the sign-in request on your phone',
			'We sent a push notification to your device',
			'Confirm the sign-in in the app',
		],
		nl: ['Bevestig de aanmelding in de app op uw telefoon', 'Wacht op goedkeuring in de app'],
		fr: [
			'Approuvez la demande de connexion sur votre téléphone',
			"Confirmez la connexion dans l'application",
		],
		de: [
			'Genehmigen Sie die Anmeldung in der App',
			'Bestätigen Sie die Anmeldung auf Ihrem Smartphone',
		],
		es: ['Aprueba el inicio de sesión en tu teléfono'],
		it: ["Approva l'accesso sul tuo telefono"],
	},
	captcha: {
		en: [
			'Please confirm that you are not a robot.',
			'Type the characters in the image',
			'The CAPTCHA was not solved',
		],
		nl: ['Bevestig dat u geen robot bent', 'Typ de tekens uit de afbeelding over'],
		fr: [
			'Je ne suis pas un robot',
			"Saisissez les caractères de l'image",
			'Recopiez les caractères de l’image',
		],
		de: ['Bitte bestätigen Sie, dass Sie kein Roboter sind', 'Geben Sie die Zeichen im Bild ein'],
		es: ['Confirma que no eres un robot: no soy un robot', 'Escribe los caracteres de la imagen'],
		it: ['Non sono un robot', "Digita i caratteri nell'immagine"],
	},
};

describe.each(CHALLENGE_METHODS)('%s', (method) => {
	test.each(['en', 'nl', 'fr', 'de', 'es', 'it'] as const)(
		'prompts in %s are recognised',
		(language) => {
			const prompts = PROMPTS[method][language];
			expect(prompts.length).toBeGreaterThan(0);
			expect(prompts.map((p) => [p, methodFromPrompt(p)])).toEqual(prompts.map((p) => [p, method]));
		},
	);

	test('its reason is in the reason table, asks for a person, and does not pause the schedule', () => {
		const reason = reasonForMethod(method);
		expect(REASONS[reason]).toBe(TWO_FACTOR_METHODS[method].info);
		expect(REASONS[reason]).toMatchObject({
			status: 'action_required',
			retryable: false,
			pausesSchedule: false,
		});
		expect(methodInWords(method)).not.toBe('');
	});
});

test('a typed code field named "verification code" is not taken for an approval on the phone', () => {
	for (const prompt of ['Voer de bevestigingscode in', 'Geben Sie den Bestätigungscode ein'])
		expect(methodFromPrompt(prompt)).not.toBe('push');
});

test('a page that asks for no second factor is not taken for one', () => {
	for (const prompt of [
		'Welcome back, Anna',
		'Your invoices',
		'Uw facturen',
		'Vos factures',
		'Ihre Rechnungen',
		'Tus facturas',
		'Le tue fatture',
	])
		expect(methodFromPrompt(prompt)).toBeUndefined();
});

test('each method has its own reason', () => {
	const reasons = CHALLENGE_METHODS.map(reasonForMethod);
	expect(new Set(reasons).size).toBe(reasons.length);
});

test("the definition schema's code-prompt methods are exactly the methods with a typed code", () => {
	const method = schema.properties.login.properties.codePrompts.items.properties.method as {
		enum: string[];
	};
	expect([...method.enum].sort()).toEqual([...CODE_METHODS].sort());
	// Push approvals and captchas are not a code typed into a field.
	expect(CODE_METHODS).not.toContain('push');
	expect(CODE_METHODS).not.toContain('captcha');
	// A sign-in link is opened, not typed: definitions describe it with login.signInLink.
	expect(CODE_METHODS).not.toContain('email_link');
});
