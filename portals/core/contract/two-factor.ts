import type { ReasonInfo } from './reason-info';

/**
 * Every second factor a portal may ask for, in one place. Adding a method means an entry here
 * (how prompts name it, the reason reported when a person must answer, how the credential test
 * describes it) and, when definitions may declare it, its name in the definition schema's
 * `codePrompts[].method` enum (a unit test keeps the two in step).
 */
export const TWO_FACTOR_METHODS = {
	authenticator_app: {
		/** Prompt wording in English, Dutch, French, German, Spanish and Italian (tested in each language). */
		// Dutch "authenticatie-app" and German "Authentifizierungs-App" were missing (found by the
		// unit test): such prompts were unrecognised and reported as LAYOUT_CHANGED. Only the app
		// forms, so that "Zwei-Faktor-Authentifizierung: Code per SMS" is not taken for an app.
		prompt:
			/authenticator|authentificat|authenticatie-?app|authentifizierungs-?app|authentifikator|autenticador|autenticatore|app di autenticazione|(aplicaci[oó]n|app) de autenticaci[oó]n|app code|code (from|in) (your|the) app|totp/,
		/** Definitions may declare a code prompt of this kind (a code typed into a field). */
		typedCode: true,
		inWords: 'an authenticator-app code (add the authenticator secret to fill it in automatically)',
		reason: 'CODE_REQUIRED_APP',
		info: {
			status: 'action_required',
			retryable: false,
			pausesSchedule: false,
			title: 'The portal asks for a code from an authenticator app',
			remedy:
				'Enter the current code from your authenticator app, or put the authenticator secret (Base32 or otpauth:// link) in the credential so that codes are filled in automatically.',
		},
	},
	sms: {
		prompt: /\bsms\b|text message|sms-code|par sms|per sms|mensaje de texto|messaggio di testo/,
		typedCode: true,
		inWords: 'an SMS code',
		reason: 'CODE_REQUIRED_SMS',
		info: {
			status: 'action_required',
			retryable: false,
			pausesSchedule: false,
			title: 'The portal sent a code by SMS',
			remedy:
				'Enter the code from the SMS before it expires. Scheduled runs cannot answer SMS codes; use the code workflow template so that you are notified.',
		},
	},
	email: {
		prompt: /e-?mail|courriel|mail|correo|posta elettronica/,
		typedCode: true,
		inWords: 'an e-mail code',
		reason: 'CODE_REQUIRED_EMAIL',
		info: {
			status: 'action_required',
			retryable: false,
			pausesSchedule: false,
			title: 'The portal sent a code by e-mail',
			remedy:
				'Enter the code from the e-mail before it expires. If an authenticator code was already filled in automatically, this is an extra check the portal added.',
		},
	},
	email_link: {
		// Passwordless portals ("we sent you a sign-in link"): asked before the e-mail code
		// method, whose words ("e-mail") these prompts contain too.
		prompt:
			/(sign-?in|log-?in|magic|access) link|link to (sign|log) in|anmelde-?link|login-?link|lien de connexion|lien magique|inloglink|aanmeldlink|enlace (de acceso|para iniciar sesi[oó]n|m[aá]gico)|link di accesso|link magico/,
		typedCode: false,
		inWords: 'a sign-in link sent by e-mail',
		reason: 'SIGN_IN_LINK_REQUIRED',
		info: {
			status: 'action_required',
			retryable: false,
			pausesSchedule: false,
			title: 'The portal sent a sign-in link by e-mail',
			remedy:
				"Copy the sign-in link from the portal's e-mail (right-click the button, copy the link address) and send it with Submit Code as the code, before it expires. To have it opened for you, set Read Codes From Mailbox to On with the mailbox that receives the portal's e-mails.",
		},
	},
	push: {
		// French "approuvez"/"confirmez la connexion", German "bestätigen" and Dutch "goedkeuren"
		// were missing; a code field labelled "Bevestigingscode"/"Bestätigungscode" is a typed
		// code, not an approval (it was taken for one).
		prompt:
			/approve|approuv|push|confirm (the )?sign-?in|confirmez la connexion|bevestig(?!ingscode)|goedkeur|bestätig(?!ungscode)|genehmig|aprueba|aprobar|confirma el inicio|approva|conferma l['’]accesso/,
		typedCode: false,
		inWords: 'an approval in its app',
		reason: 'APPROVAL_REQUIRED_PUSH',
		info: {
			status: 'action_required',
			retryable: false,
			pausesSchedule: false,
			title: 'The portal waits for an approval on your phone',
			remedy: "Approve the sign-in in the portal's app, then run the workflow again.",
		},
	},
	captcha: {
		// Dutch, French and German wording was missing: only the word "captcha" was recognised.
		prompt:
			/captcha|not a robot|geen robot|pas un robot|kein roboter|no soy un robot|non sono un robot|characters in the image|tekens (in|uit|op) de afbeelding|caractères (de|dans) l['’]image|zeichen (im|aus dem) bild|caracteres de la imagen|caratteri (nell|dell)['’]immagine/,
		typedCode: false,
		inWords: 'a captcha',
		reason: 'CAPTCHA_REQUIRED',
		info: {
			status: 'action_required',
			retryable: false,
			pausesSchedule: false,
			debugPicture: true,
			title: 'The portal shows a captcha',
			remedy:
				'Type the characters shown in the image. For an "I\'m not a robot" check, set Captcha Solver to Solver Service on the node, with a captcha solver credential (2Captcha or a service with the same API), or log in once on the portal website from a browser so it trusts the login again.',
		},
	},
} as const satisfies Record<
	string,
	{ prompt: RegExp; typedCode: boolean; inWords: string; reason: string; info: ReasonInfo }
>;

type Methods = typeof TWO_FACTOR_METHODS;
export type ChallengeMethod = keyof Methods;
export const CHALLENGE_METHODS = Object.keys(TWO_FACTOR_METHODS) as ChallengeMethod[];

/** The methods a definition's code prompt may name: a code typed into a field. */
export type CodeMethod = {
	[M in ChallengeMethod]: Methods[M]['typedCode'] extends true ? M : never;
}[ChallengeMethod];
export const CODE_METHODS = CHALLENGE_METHODS.filter(
	(m) => TWO_FACTOR_METHODS[m].typedCode,
) as CodeMethod[];

/** The reason reported when a person must answer the method. */
export type MethodReason = Methods[ChallengeMethod]['reason'];

/** The reasons of all methods, for the one reason table (outcomes/reasons.ts). */
export const METHOD_REASONS = Object.fromEntries(
	CHALLENGE_METHODS.map((m) => [TWO_FACTOR_METHODS[m].reason, TWO_FACTOR_METHODS[m].info]),
) as {
	[M in ChallengeMethod as Methods[M]['reason']]: ReasonInfo;
};

export function reasonForMethod(method: ChallengeMethod): MethodReason {
	return TWO_FACTOR_METHODS[method].reason;
}

/** How the credential test and messages name the method. */
export function methodInWords(method: ChallengeMethod): string {
	return TWO_FACTOR_METHODS[method].inWords;
}

/**
 * The order prompts are matched in: captcha words ("not a robot", "characters in the image")
 * are the most specific, so they go first, then sign-in links (their prompts say "e-mail" too); "Bevestig dat u geen robot bent" / "Bestätigen Sie,
 * dass Sie kein Roboter sind" otherwise read as a push approval (found by the unit test).
 */
const PROMPT_ORDER: ChallengeMethod[] = [
	'captcha',
	'email_link',
	...CHALLENGE_METHODS.filter((m) => m !== 'captcha' && m !== 'email_link'),
];

/** Which second factor a prompt asks for, from its wording (the first method whose words match). */
export function methodFromPrompt(text: string): ChallengeMethod | undefined {
	const t = text.toLowerCase();
	return PROMPT_ORDER.find((m) => TWO_FACTOR_METHODS[m].prompt.test(t));
}
