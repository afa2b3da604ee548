import { invalidInput } from '../outcomes/errors';
import { mailTexts, type MailContent } from './mail-text';

/**
 * The code a portal mailed, or undefined. With the definition's `codePattern` only that pattern
 * counts (its first group, else its whole match). Without one, a code is 4 to 8 letters and
 * digits (at least one digit) standing next to a word for "code" in English, German, French,
 * Dutch, Spanish or Italian: right after it ("Your code is 731904", "Ihr Bestätigungscode lautet:
 * 482913"), or, when nothing follows any such word, right before it on the same line ("731904 is
 * your verification code"). Numbers that are something else are passed over: what follows a
 * label (order, customer, invoice, account, phone numbers ...), parts of dates, times, amounts
 * and phone numbers, and years unless they stand directly after the code word.
 *
 * The plain part is read first, then the HTML part's text, then the subject (mail-text.ts).
 */
export function extractCode(mail: MailContent, codePattern?: string): string | undefined {
	const texts = mailTexts(mail);
	if (codePattern !== undefined && codePattern !== '') {
		const pattern = compile(codePattern);
		for (const text of texts) {
			const match = pattern.exec(text);
			const code = (match?.[1] ?? match?.[0])?.trim();
			if (code) return code;
		}
		return undefined;
	}
	for (const text of texts) {
		const code = codeInText(text);
		if (code) return code;
	}
	return undefined;
}

function compile(codePattern: string): RegExp {
	try {
		// As definitions' other regexes (fields.ts): written without flags.
		return new RegExp(codePattern);
	} catch (error) {
		throw invalidInput(
			'mail.codePattern',
			`is not a valid regular expression (${(error as Error).message})`,
		);
	}
}

/**
 * Words for the code itself. "code" also ends the compounds of German and Dutch
 * (Bestätigungscode, Sicherheits-Code, verificatiecode, beveiligingscode, inlogcode) and stands
 * in the French phrases (code de vérification, code de sécurité); código and codice carry the
 * Spanish and Italian ones. One-time passwords are named so in every language.
 */
const CODE_WORD = new RegExp(
	String.raw`(?<![\p{L}\p{N}])(?:[\p{L}-]*code|c[oó]digo|codice|otp|one[- ]time[- ]password|einmal-?(?:passwort|kennwort)|mot de passe (?:à usage unique|temporaire)|contraseña (?:de un solo uso|temporal)|password (?:monouso|temporanea)|eenmalig wachtwoord)(?![\p{L}\p{N}])`,
	'giu',
);

/** Codes of other kinds: post codes, bar and QR codes, discount and voucher codes, source code. */
const OTHER_CODE =
	/^(?:post|postal|zip|bar|qr|promo|promotion|discount|voucher|coupon|gift|gutschein|rabatt|aktions|korting|kortings|actie|source|html|colou?r|country|area|sort|bank|swift|bic|iban|tracking|sendungs)-?code$/iu;
const OTHER_CODE_BEFORE =
	/(?:postal|zip|bar|qr|promo|promotional|discount|voucher|coupon|gift|source|html|colou?r|country|area|sort|bank|swift|tracking)\s*$/iu;
const OTHER_CODE_AFTER =
	/^\s*(?:postale?|promo|fiscale|iban|swift|bic|de r[eé]duction|de descuento|sconto)\b/iu;

/** A code: two groups of digits ("123 456"), or one run of letters and digits. */
const CANDIDATE = /(?<![\p{L}\p{N}])(\d{3,4}[ -]\d{3,4}|[A-Za-z0-9]{4,8})(?![\p{L}\p{N}])/gu;

/** A number that follows one of these words is that thing's number, not a code. */
const LABEL_BEFORE = new RegExp(
	String.raw`(?:(?<!\p{L})(?:no|n[°º]|id|tel|fax|ref|plz|iban)|#|` +
		// These also end compounds: Kundennummer, Bestellnr, Rechnungsnummer, klantnummer.
		String.raw`(?:number|nummer|nr|num[eé]ro|n[uú]mero|account|konto|compte|cuenta|conto|order|bestellung|auftrag|commande|pedido|ordine|bestelling|customer|client|cliente|klant|kunde|kunden|invoice|rechnung|facture|factura|fattura|factuur|reference|referenz|r[eé]f[eé]rence|referencia|riferimento|referentie|ticket|vorgang|phone|telefon|t[eé]l[eé]phone|tel[eé]fono|telefono|telefoon|mobile|handy|portable|m[oó]vil|cellulare|mobiel))` +
		String.raw`\.?\s?[:#]?\s?$`,
	'iu',
);

/** Words that may stand between the code word and a year-like code ("Code: 2031", "code is 2031"). */
const TIGHT_GAP = /^[\s:=\-–—]*(?:(?:is|ist|est|es|è|lautet|luidt|vaut)\s*:?\s*)?$/iu;

const MONTH =
	/(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus|oktober)\.?\s*$/iu;

const FOLLOW_WINDOW = 80;
const LEAD_WINDOW = 60;

function codeInText(original: string): string | undefined {
	// Addresses are masked first: a token inside a link or an e-mail address ("?code=…",
	// "max123@example.com") is part of that, not a code standing in the text.
	const text = original.replace(/https?:\/\/\S+|\S+@\S+/giu, (m) => ' '.repeat(m.length));
	const words = codeWords(text);
	// After a code word first: that is how nearly every code mail words it, and it keeps a
	// customer or order number that comes earlier in the mail out of reach.
	for (const word of words) {
		const end = word.index + word.text.length;
		const candidates = new RegExp(CANDIDATE.source, 'gu');
		candidates.lastIndex = end;
		for (let match = candidates.exec(text); match; match = candidates.exec(text)) {
			if (match.index >= end + FOLLOW_WINDOW) break;
			const gap = text.slice(end, match.index);
			if (acceptable(text, match[1], match.index, { tight: TIGHT_GAP.test(gap) }))
				return clean(match[1]);
		}
	}
	// Then right before one, on the same line and with no sentence in between.
	for (const word of words) {
		// Read in the whole text from a little before: CANDIDATE's lookbehind then never takes
		// the tail of a longer token for one.
		const candidates = new RegExp(CANDIDATE.source, 'gu');
		candidates.lastIndex = Math.max(0, word.index - LEAD_WINDOW);
		let last: RegExpExecArray | undefined;
		for (let match = candidates.exec(text); match; match = candidates.exec(text)) {
			if (match.index + match[1].length > word.index) break;
			// Words match CANDIDATE too; the nearest token with a digit is the one next to the word.
			if (/\d/.test(match[1])) last = match;
		}
		if (!last) continue;
		const gap = text.slice(last.index + last[1].length, word.index);
		if (/[\n!?;]|\.(?!\p{L})|\d/u.test(gap)) continue;
		if (acceptable(text, last[1], last.index, { tight: false })) return clean(last[1]);
	}
	return undefined;
}

function codeWords(text: string): { index: number; text: string }[] {
	const found: { index: number; text: string }[] = [];
	for (const match of text.matchAll(CODE_WORD)) {
		const before = text.slice(Math.max(0, match.index - 20), match.index);
		const after = text.slice(match.index + match[0].length, match.index + match[0].length + 20);
		if (OTHER_CODE.test(match[0]) || OTHER_CODE_BEFORE.test(before) || OTHER_CODE_AFTER.test(after))
			continue;
		found.push({ index: match.index, text: match[0] });
	}
	return found;
}

/** Whether a candidate at this place in the text is a code rather than some other number. */
function acceptable(
	text: string,
	token: string,
	at: number,
	{ tight }: { tight: boolean },
): boolean {
	const value = clean(token);
	if (!/\d/.test(value) || value.length < 4 || value.length > 8) return false;
	const before = text.slice(Math.max(0, at - 30), at);
	const after = text.slice(at + token.length, at + token.length + 6);
	// Only a whole word (the lead window may have cut one) and not part of a name or address.
	if (/[\p{L}\p{N}@_/\\]$/u.test(before) || /^(?:[\p{L}\p{N}@_]|\.\p{L})/u.test(after))
		return false;
	// Part of a date, time, amount, version or phone number: digits joined by separators, or
	// one of several groups of digits ("+49 30 1234 5678", "(030) 1234567").
	if (/\d[ .,:/-]$|[+(]$|\)\s?$/.test(before) || /^[ .,:/-]\d/.test(after)) return false;
	// An amount.
	if (/[€$£¥]\s?$/.test(before) || /^\s?(?:€|\$|£|eur\b|usd\b|chf\b|gbp\b)/iu.test(after))
		return false;
	// Something's number: order 48213377, Kundennummer 12345678, tel. 0301234567.
	if (LABEL_BEFORE.test(before)) return false;
	// A number with a unit: 10min, 600px, 24h, 1st.
	if (/^\d+(?:px|pt|em|s|sec|secs|min|mins|h|hrs|kb|mb|gb|st|nd|rd|th)$/i.test(value)) return false;
	// A year: only taken where nothing but "is" or a colon separates it from the code word.
	if (/^(?:19|20)\d\d$/.test(value) && (!tight || MONTH.test(before) || /©\s?$/.test(before)))
		return false;
	// A compact date (20261128).
	if (/^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(value)) return false;
	return true;
}

function clean(token: string): string {
	return token.replace(/[ -]/g, '');
}
