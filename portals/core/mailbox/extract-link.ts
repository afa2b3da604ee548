import { urlAllowed } from '../contract/origins';
import { mailDocument, type MailContent } from './mail-text';

export interface SignInLinks {
	/**
	 * Links into the portal's domains that may sign in, those that say so first (sign in, login,
	 * connexion, anmelden, inloggen, acceder, accedi, magic, token ...). Links that say
	 * unsubscribe, log out, "this wasn't me", lock, delete or cancel are left out: they never
	 * sign in, and opening one could do harm. So are help, privacy, terms and settings pages,
	 * which are no sign-in either.
	 */
	inside: string[];
	/** Links anywhere else (trackers, the provider's help pages): never to be opened for a sign-in. */
	outside: string[];
	/**
	 * Those of `outside` that say they sign in: a portal's sign-in mail whose link leads
	 * elsewhere is refused by name (NAVIGATION_BLOCKED), not waited out as if no mail had come.
	 */
	outsideSignIn: string[];
}

/**
 * The http(s) links in a mail: the HTML part's hrefs and the addresses written in its text.
 * Nothing is followed or fetched here; the caller decides what to open, and only `inside` is
 * inside the boundary the runs keep (contract/origins.ts: the same domain matching as for pages).
 */
export function signInLinks(mail: MailContent, domains: string[]): SignInLinks {
	const links = new Map<string, string>();
	const add = (address: string, words: string): void => {
		const url = httpUrl(address);
		if (url) links.set(url.href, `${links.get(url.href) ?? ''} ${words}`);
	};
	if (mail.html) {
		const document = mailDocument(mail.html);
		for (const anchor of Array.from(document.querySelectorAll('a[href], area[href]')))
			add(
				anchor.getAttribute('href') ?? '',
				[
					anchor.textContent ?? '',
					anchor.getAttribute('title') ?? '',
					anchor.getAttribute('aria-label') ?? '',
					anchor.querySelector('img[alt]')?.getAttribute('alt') ?? '',
				].join(' '),
			);
	}
	for (const text of [mail.text ?? '', mail.subject ?? '']) {
		const lines = text.split(/\r?\n/).map((line) => line.trim());
		lines.forEach((line, n) => {
			for (const match of line.matchAll(/https?:\/\/[^\s<>"'{}|\\^`[\]]+/gi)) {
				// What a written address says it does: the words before it on its line, or the line
				// before ("Sign in with this link:" above the address on a line of its own).
				const before = line.slice(0, match.index).trim();
				// A sentence's full stop or a closing bracket after an address is not part of it.
				add(match[0].replace(/[.,;:!?'")\]>»]+$/, ''), before || (lines[n - 1] ?? ''));
			}
		});
	}

	const inside: { href: string; signIn: boolean }[] = [];
	const outside: string[] = [];
	const outsideSignIn: string[] = [];
	for (const [href, words] of links) {
		const where = pathAndQuery(href);
		if (!urlAllowed(new URL(href), domains)) {
			outside.push(href);
			if (SIGN_IN.test(words) || SIGN_IN.test(where)) outsideSignIn.push(href);
		} else if (![HARMFUL, ELSEWHERE].some((re) => re.test(words) || re.test(where)))
			inside.push({ href, signIn: SIGN_IN.test(words) || SIGN_IN.test(where) });
	}
	// Stable: links that say they sign in first, each group in the mail's order.
	inside.sort((a, b) => Number(b.signIn) - Number(a.signIn));
	return { inside: inside.map((l) => l.href), outside, outsideSignIn };
}

function httpUrl(address: string): URL | undefined {
	try {
		const url = new URL(address.trim());
		return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
	} catch {
		return undefined;
	}
}

// Whole words only (digits count as part of a word: random tokens in addresses hold any letters): "anmelden" signs in, "abmelden" signs out or unsubscribes.
const SIGN_IN = new RegExp(
	String.raw`(?<![\p{L}\p{N}])(?:sign[- ]?in|log[- ]?in|log[- ]?on|anmelden|anmeldung|einloggen|connexion|connecter|inloggen|aanmelden|acceder|acceda|accede|acceso|iniciar sesi[oó]n|accedi|accesso|acc[eé]der|magic|token|verify|verifizieren|v[eé]rifier|verifi[eë]ren|verificar|verifica)(?![\p{L}\p{N}])`,
	'iu',
);

const HARMFUL = new RegExp(
	String.raw`(?<![\p{L}\p{N}])(?:unsubscribe|abbestellen|abmelden|d[eé]sabonner|d[eé]sinscri\p{L}*|uitschrijven|afmelden|darse de baja|disiscri\p{L}*|log[- ]?out|sign[- ]?out|ausloggen|abmeldung|d[eé]connexion|uitloggen|cerrar sesi[oó]n|not (?:you|me)|wasn'?t (?:you|me)|nicht ich|pas moi|no fui yo|non sono (?:stato )?io|lock|sperren|bloquer|blokkeren|bloquear|bloccare|delete|l[oö]schen|supprimer|verwijderen|eliminar|elimina|cancel|k[uü]ndigen|annuler|opzeggen|cancelar|annulla|report)(?![\p{L}\p{N}])`,
	'iu',
);

// Not harmful, and not a sign-in either.
const ELSEWHERE = new RegExp(
	String.raw`(?<![\p{L}\p{N}])(?:privacy|datenschutz|confidentialit[eé]|privacidad|impressum|imprint|mentions l[eé]gales|help|hilfe|aide|ayuda|aiuto|support|terms|agb|conditions|settings|einstellungen|pr[eé]f[eé]rences|preferences)(?![\p{L}\p{N}])`,
	'iu',
);

/** The part of an address that says what it does, with its separators read as spaces. */
function pathAndQuery(href: string): string {
	const url = new URL(href);
	return decodeSafe(`${url.pathname} ${url.search}`).replace(/[/?&=_.+-]/g, ' ');
}

function decodeSafe(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
