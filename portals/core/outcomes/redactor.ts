import { isPortalError } from './errors';
import type { RunResult } from './result';

/** What a secret becomes wherever portal text is shown or kept. */
export const MASK = '••••';

/**
 * The secrets of one run, and their masking in portal text (issue 35, item 3). A portal may
 * repeat what it was sent ("Wrong password <the password> for user …", "The code 493027 is not
 * correct"): its words reach messages, items, status files, logs and the debug page. A run builds
 * one redactor from its credential and adds each code as it is typed or generated; the run's
 * result and errors pass through it on their way out (run/portal-run.ts), and the page is masked
 * before its screenshot (browser/hide-secrets.ts).
 *
 * The rule for short secrets: a secret of 4 characters or more is masked wherever it occurs (a
 * 6-digit code inside a longer number too: losing a few digits of a message is the lesser harm).
 * Shorter ones (a 1-3 character password) only as a whole word, not next to a letter or digit:
 * masked everywhere, "a" would turn "Wrong password" into "Wrong p••••ssword" and every message
 * into noise, while a whole-word match still catches the portal's "Wrong password a for user …".
 *
 * Matching is case-sensitive (as passwords are) and also finds the secret HTML-escaped (`&amp;`,
 * `&lt;`, `&#39;` ... as page HTML holds it) and URL-encoded (`%26`, `+` for a space, as an
 * address holds it), each character in any of its forms.
 */
export class Redactor {
	private readonly secrets = new Set<string>();
	private pattern: RegExp | undefined;

	constructor(secrets: (string | undefined)[] = []) {
		for (const secret of secrets) this.add(secret);
	}

	/** Adds a secret (an empty one is ignored); surrounding spaces are not part of it. */
	add(secret: string | undefined): void {
		const value = secret?.trim();
		if (!value || this.secrets.has(value)) return;
		this.secrets.add(value);
		this.pattern = undefined;
	}

	/** One expression for every secret, longest first (a secret inside another is masked whole). */
	get source(): string | undefined {
		if (!this.secrets.size) return undefined;
		this.pattern ??= new RegExp(
			[...this.secrets]
				.sort((a, b) => b.length - a.length)
				.map(secretPattern)
				.join('|'),
			'gu',
		);
		return this.pattern.source;
	}

	text(text: string): string;
	text(text: string | undefined): string | undefined;
	text(text: string | undefined): string | undefined {
		const source = this.source;
		if (!text || !source) return text;
		return text.replace(new RegExp(source, 'gu'), MASK);
	}

	/** The result with its portal text masked: messages, the debug page and address, what was learned. */
	result(result: RunResult): RunResult {
		if (!this.source) return result;
		const { challenge, debug } = result;
		return {
			...result,
			message: this.text(result.message),
			failures: result.failures.map((f) => ({ ...f, message: this.text(f.message) })),
			challenge: challenge && { ...challenge, portalMessage: this.text(challenge.portalMessage) },
			debug: debug && {
				...debug,
				url: this.text(debug.url),
				missingElement: this.text(debug.missingElement),
				html: this.text(debug.html),
			},
			engineSwitch: this.text(result.engineSwitch),
			discovery: result.discovery?.map((line) => this.text(line)),
			learned: this.json(result.learned),
		};
	}

	/**
	 * The error with its message (and a PortalError's details) masked, in place: its type stays
	 * what callers test for. The stack repeats the message, and a cause may hold the portal's words.
	 */
	error<E>(error: E): E {
		if (!this.source || !(error instanceof Error)) return error;
		try {
			error.message = this.text(error.message);
			if (error.stack) error.stack = this.text(error.stack);
		} catch {
			// A message that cannot be set (a getter of a library's error): its first line, masked.
			return new Error(this.text(String(error.message).split('\n')[0])) as E;
		}
		if (isPortalError(error)) {
			const details = error.details;
			details.portalMessage = this.text(details.portalMessage);
			details.url = this.text(details.url);
			details.missingElement = this.text(details.missingElement);
		}
		if (error.cause instanceof Error) this.error(error.cause);
		return error;
	}

	/** Plain JSON (what an adapter learned) with every string masked. */
	private json<T>(value: T): T {
		if (typeof value === 'string') return this.text(value) as T;
		if (Array.isArray(value)) return value.map((v) => this.json(v)) as T;
		if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.json(v)])) as T;
		return value;
	}
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names HTML gives the characters it escapes, besides the numeric forms every character has. */
const ENTITY: Record<string, string[]> = {
	'&': ['&amp;'],
	'<': ['&lt;'],
	'>': ['&gt;'],
	'"': ['&quot;'],
	"'": ['&apos;'],
	' ': ['&nbsp;', '\u00a0'],
};

/** A character as page text, page HTML or an address may write it. */
function characterForms(char: string): string {
	const code = char.codePointAt(0)!;
	const forms = [escapeRegExp(char)];
	if (/[&<>"' ]/.test(char) || code > 126)
		forms.push(
			...(ENTITY[char] ?? []).map(escapeRegExp),
			`&#0*${code};`,
			`&#[xX]0*${caseless(code.toString(16).toUpperCase())};`,
		);
	const encoded = encodeURIComponent(char);
	if (encoded !== char)
		forms.push(encoded.replace(/%([0-9A-F]{2})/g, (_, hex) => `%${caseless(hex)}`));
	if (char === ' ') forms.push('\\+');
	if (/[!'()*~]/.test(char)) forms.push(`%${caseless(code.toString(16).toUpperCase())}`);
	return forms.length === 1 ? forms[0] : `(?:${forms.join('|')})`;
}

/** Hex digits of a percent escape in either case (%3c and %3C). */
const caseless = (hex: string) =>
	[...hex].map((d) => (/[A-F]/.test(d) ? `[${d}${d.toLowerCase()}]` : d)).join('');

/** The secret in any of its forms; a short one only as a whole word (see the class comment). */
function secretPattern(secret: string): string {
	const body = [...secret].map(characterForms).join('');
	if ([...secret].length >= 4) return body;
	return `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`;
}
