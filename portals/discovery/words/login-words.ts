/**
 * Words that sign-in pages use, in English, German, French, Dutch, Spanish and Italian, lower
 * case. Discovery matches them against labels, names, placeholders and messages; they also go
 * into the definitions it writes (errors.wrongCredentials, errors.locked), so that a later run
 * reads a portal's message the same way.
 */
export const USERNAME_WORDS = [
	'user',
	'username',
	'login',
	'email',
	'e-mail',
	'mail',
	'account',
	'benutzer',
	'benutzername',
	'anmeldename',
	'kennung',
	'identifiant',
	'utilisateur',
	'courriel',
	'gebruiker',
	'gebruikersnaam',
	'e-mailadres',
	'usuario',
	'correo',
	'utente',
	'nome utente',
];

/** A sign-in that went wrong because of the user name or password. */
export const WRONG_CREDENTIALS_WORDS = [
	'wrong',
	'incorrect',
	'invalid',
	'not valid',
	'does not match',
	"don't match",
	'unknown user',
	'falsch',
	'ungültig',
	'nicht korrekt',
	'fehlerhaft',
	'invalide',
	'erroné',
	'onjuist',
	'ongeldig',
	'verkeerd',
	'incorrecto',
	'incorrecta',
	'inválid',
	'no válid',
	'errat',
	'non valid',
	'non corrett',
];

/** An account the portal locked or suspended: a person must act. */
export const LOCKED_WORDS = [
	'locked',
	'blocked',
	'suspended',
	'disabled',
	'gesperrt',
	'blockiert',
	'bloqué',
	'verrouillé',
	'suspendu',
	'geblokkeerd',
	'vergrendeld',
	'bloqueado',
	'bloqueada',
	'bloccat',
	'sospes',
];

/** Links and buttons that end the session: their presence means logged in; never clicked. */
export const LOGOUT_PATTERN =
	/log ?out|log-out|sign ?out|sign-out|logoff|abmelden|ausloggen|déconnexion|deconnexion|se déconnecter|uitloggen|afmelden|cerrar sesi[oó]n|\bsalir\b|\besci\b|disconnetti|do=logout|userlogout/i;

/** Names and labels of a one-time-code input. */
export const CODE_INPUT_PATTERN =
	/otp|one-time|token|twofa|2fa|totp|mfa|verif|(?<!post|zip|promo|coupon|voucher|discount|area|country|gift)code|\bpin\b|c[oó]digo|codice|bestätigungscode|sicherheitscode/i;

/** Names that say the field is a sign-in code for sure (a lone short field alone is no proof). */
export const STRONG_CODE_PATTERN =
	/otp|oath|one-time|twofa|2fa|totp|mfa|verif|bestätigungscode|sicherheitscode/i;

/** Buttons that submit a sign-in step (preferred over others in the same form). */
export const SUBMIT_PATTERN =
	/log ?in|sign ?in|anmelden|einloggen|connexion|se connecter|connecter|inloggen|aanmelden|iniciar sesi[oó]n|entrar|acceder|accedi|\bentra\b|next|weiter|continue|suivant|continuer|volgende|doorgaan|siguiente|continuar|avanti|continua|verify|bestätigen|vérifier|valider|bevestig|verifi|submit|\bok\b/i;

/** Buttons in a sign-in form that lead elsewhere: single sign-on, forgotten passwords. */
export const NOT_SUBMIT_PATTERN =
	/google|microsoft|apple|facebook|sso|forgot|vergessen|oubli|vergeten|olvid|dimenticat|register|registr|sign ?up|create|cookie|consent|accept|akzeptier|accepter|accepteer|aceptar|accetta|search|suche|recherche|zoek|buscar|cerca/i;
