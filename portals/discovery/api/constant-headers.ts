import type { AuthSources } from './auth';
import type { RecordedCall } from './recorded-call';
import { secretName } from './redact';

/**
 * Whether a header the app sends is a constant the definition may keep (`x-client: web-2.1`, an
 * API version): the app sent it with this one value on every call to that origin that carried it
 * (at least two: one call proves no constancy), and neither its name nor its value looks like a
 * secret. Unchanged within one discovery is not constant across sessions: a value the session
 * handed out (in a cookie, the storage or an earlier answer: a user's or instance's id, a short
 * code) is no constant, nor is one shaped like an e-mail address or a long id. Anything else is
 * left out; a credential-like one makes the calls go inside the page.
 */
export function isConstantHeader(
	name: string,
	value: string,
	target: RecordedCall,
	sources: Pick<AuthSources, 'cookies' | 'localStorage' | 'sessionStorage' | 'earlier'>,
): boolean {
	if (secretName(name) || looksSecret(value) || idShaped(value)) return false;
	if (givenBySession(value, sources)) return false;
	const calls = sources.earlier;
	const origin = new URL(target.url).origin;
	const carrying = calls.filter(
		(c) => new URL(c.url).origin === origin && c.requestHeaders[name] !== undefined,
	);
	return carrying.length >= 2 && carrying.every((c) => c.requestHeaders[name] === value);
}

/**
 * A value that may be a token, key or signature even under an ordinary name: long, a long run of
 * base64/hex-like characters, or letters and digits mixed with nothing a person would type
 * between them. A version ("web-2.1", "2024-06-01") or a word ("de-DE") is not.
 */
export function looksSecret(value: string): boolean {
	if (value.length > 64) return true;
	if (/[A-Za-z0-9_+/=-]{20,}/.test(value)) return true;
	return /^[A-Za-z0-9]{12,}$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
}

/** An e-mail address, a run of 6 digits or more (an account number), 8 hex characters or more. */
function idShaped(value: string): boolean {
	if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(value)) return true;
	if (/\d{6,}/.test(value)) return true;
	return (value.match(/[0-9a-f]{8,}/gi) ?? []).some((run) => /\d/.test(run));
}

/** Whether the value stands, as a whole token, in a cookie, the storage or an earlier answer. */
function givenBySession(
	value: string,
	sources: Pick<AuthSources, 'cookies' | 'localStorage' | 'sessionStorage' | 'earlier'>,
): boolean {
	const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const token = new RegExp(`(^|[^A-Za-z0-9])${escaped}($|[^A-Za-z0-9])`);
	const holds = (text: string | undefined) =>
		text !== undefined && (token.test(text) || token.test(decoded(text)));
	return (
		sources.cookies.some((c) => holds(c.value)) ||
		Object.values(sources.localStorage).some(holds) ||
		Object.values(sources.sessionStorage).some(holds) ||
		sources.earlier.some(
			(c) => Object.values(c.responseHeaders).some(holds) || holds(c.responseBody),
		)
	);
}

function decoded(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
