/**
 * Words that say a link changes something on the portal or ends the session, in English,
 * German, French, Dutch, Spanish and Italian. Discovery reads; it never follows such a link,
 * even when it is a plain GET: many portals log out, delete or pay through a link, and following
 * /logout alone ends the session that discovery depends on.
 *
 * Not on the list: words that also name read-only pages where documents live ("Order history",
 * "Payment history"): the action words beside them ("Pay now", "Buy") are.
 *
 * Single words are matched as whole words (of the link text, or of the address split at / - _ ?
 * = & .), so "pay" does not stop "/payslips" but does stop "/invoices/7/pay".
 */
const WORDS = [
	// log out
	'logout',
	'log out',
	'log off',
	'logoff',
	'signout',
	'sign out',
	'sign off',
	'abmelden',
	'ausloggen',
	'logout',
	'déconnexion',
	'deconnexion',
	'se déconnecter',
	'déconnecter',
	'uitloggen',
	'afmelden',
	'cerrar sesión',
	'cerrar sesion',
	'salir',
	'esci',
	'disconnetti',
	'disconnect',
	'exit',
	// delete
	'delete',
	'remove',
	'löschen',
	'loeschen',
	'entfernen',
	'supprimer',
	'effacer',
	'verwijderen',
	'eliminar',
	'borrar',
	'elimina',
	'cancella',
	'rimuovi',
	// cancel
	'cancel',
	'terminate',
	'kündigen',
	'kuendigen',
	'stornieren',
	'résilier',
	'resilier',
	'annuler',
	'opzeggen',
	'annuleren',
	'cancelar',
	'dar de baja',
	'annulla',
	'disdici',
	'disdetta',
	// pay
	'pay',
	'pay now',
	'checkout',
	'bezahlen',
	'zahlen',
	'payer',
	'betalen',
	'pagar',
	'paga',
	'pagare',
	// unsubscribe
	'unsubscribe',
	'opt out',
	'optout',
	'abbestellen',
	'désabonner',
	'desabonner',
	'se désabonner',
	'uitschrijven',
	'afmelden',
	'darse de baja',
	'baja',
	'disiscriviti',
	// changes of settings or agreements
	'accept',
	'agree',
	'confirm',
	'akzeptieren',
	'zustimmen',
	'bestätigen',
	'accepter',
	'confirmer',
	'accepteren',
	'akkoord',
	'bevestigen',
	'aceptar',
	'confirmar',
	'accetta',
	'conferma',
	'edit',
	'bearbeiten',
	'ändern',
	'modifier',
	'wijzigen',
	'bewerken',
	'editar',
	'modificar',
	'modifica',
	'update',
	'change',
	'reset',
	'revoke',
	'deactivate',
	'disable',
	'close account',
	'buy',
	'upgrade',
	'downgrade',
	'bestellen',
	'kaufen',
	'commander',
	'acheter',
	'kopen',
	'comprar',
	'acquista',
	// signing in again would end or replace the session
	'login',
	'log in',
	'signin',
	'sign in',
	'anmelden',
	'einloggen',
	'connexion',
	'se connecter',
	'inloggen',
	'aanmelden',
	'iniciar sesión',
	'iniciar sesion',
	'accedi',
	'switch user',
	'another account',
	'andere account',
	'ander account',
];

const normalise = (text: string) =>
	` ${text
		.toLowerCase()
		.normalize('NFC')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()} `;

const PHRASES = [...new Set(WORDS)].map((w) => normalise(w));

/** Which forbidden word a link text or address contains (as whole words), if any. */
export function forbiddenWord(text: string): string | undefined {
	const haystack = normalise(text);
	return PHRASES.find((p) => haystack.includes(p))?.trim();
}

/** Whether a link (its visible text, title and address) must never be followed. */
export function isForbiddenLink(text: string, href: string): boolean {
	let path = href;
	try {
		const url = new URL(href);
		path = `${url.pathname} ${[...url.searchParams].flat().join(' ')}`;
	} catch {
		// a relative or broken address: its text is all there is
	}
	return forbiddenWord(text) !== undefined || forbiddenWord(path) !== undefined;
}
