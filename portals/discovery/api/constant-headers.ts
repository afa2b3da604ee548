import type { RecordedCall } from './recorded-call';
import { secretName } from './redact';

/**
 * Whether a header the app sends is a constant the definition may keep (`x-client: web-2.1`, an
 * API version): the app sent it with this one value on every call to that origin that carried it
 * (at least two: one call proves no constancy), and neither its name nor its value looks like a
 * secret. Anything else is left out; a credential-like one makes the calls go inside the page.
 */
export function isConstantHeader(
	name: string,
	value: string,
	target: RecordedCall,
	calls: RecordedCall[],
): boolean {
	if (secretName(name) || looksSecret(value)) return false;
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
