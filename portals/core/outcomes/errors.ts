import { REASONS, type ReasonCode } from './reasons';
import { type ChallengeMethod } from '../contract/two-factor';
import type { ConnectionStatus } from '../contract/statuses';

export interface PortalErrorDetails {
	/** For LAYOUT_CHANGED: a plain description of the element that was expected. */
	missingElement?: string;
	/** For INVALID_INPUT: the field that is wrong. */
	field?: string;
	/** What the portal itself said, when it said something. */
	portalMessage?: string;
	method?: ChallengeMethod;
	/** The page the browser was on (never carries query strings, which may hold tokens). */
	url?: string;
	/** Seconds the portal asked us to wait (RATE_LIMITED). */
	retryAfterSeconds?: number;
	documentId?: string;
}

/**
 * The one error type of the engine. `code` is from the closed vocabulary in reasons.ts;
 * the message says what happened, the remedy (from the vocabulary) what to do.
 */
export class PortalError extends Error {
	readonly code: ReasonCode;
	readonly details: PortalErrorDetails;

	constructor(
		code: ReasonCode,
		message?: string,
		details: PortalErrorDetails = {},
		options?: { cause?: unknown },
	) {
		super(message ?? REASONS[code].title, options);
		this.name = 'PortalError';
		this.code = code;
		this.details = details;
	}

	get status(): ConnectionStatus {
		return REASONS[this.code].status;
	}

	get remedy(): string {
		return REASONS[this.code].remedy;
	}

	get retryable(): boolean {
		return REASONS[this.code].retryable;
	}
}

export function isPortalError(error: unknown): error is PortalError {
	return error instanceof PortalError;
}

const WEB_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
const CONTENT_SCHEMES = new Set(['data:', 'blob:', 'javascript:']);

/** Strips query and fragment: portal URLs sometimes carry session ids or one-time tokens. */
export function safeUrl(url: string): string {
	try {
		const u = new URL(url);
		if (WEB_SCHEMES.has(u.protocol)) return `${u.origin}${u.pathname}`;
		// The others have no origin (it reads "null"): `about:blank` (a new tab, a page with no
		// address yet), `chrome-error://chromewebdata/` (the browser's error page), `file:` paths
		// are shown without query; data:, blob:, javascript: carry content, so only their scheme is.
		if (CONTENT_SCHEMES.has(u.protocol)) return `${u.protocol}…`;
		const slashes = u.href.startsWith(`${u.protocol}//`) ? '//' : '';
		return `${u.protocol}${slashes}${u.host}${u.pathname}`;
	} catch {
		return '';
	}
}

/**
 * Removes query strings and fragments from every URL in a text. Browser errors quote the URL they
 * failed on; portals put session ids into query strings, browser services their access token.
 */
export function redactUrls(text: string): string {
	return text.replace(/((?:https?|wss?):\/\/[^\s?#"'<>]+)[?#][^\s"'<>]*/g, '$1');
}

export function invalidInput(field: string, message: string): PortalError {
	return new PortalError('INVALID_INPUT', `${field}: ${message}`, { field });
}
