import { PortalError, safeUrl } from './errors';
import { networkWords } from './network-words';

/**
 * Turns an HTTP error answer to a page (status 429 or above) into a reason: 429 RATE_LIMITED with
 * the Retry-After seconds, 5xx with a maintenance notice in `text` (the page's text or HTML)
 * MAINTENANCE, anything else PORTAL_UNAVAILABLE. Shared by both engines, so a portal's answer
 * means the same whichever one showed it.
 */
export function throwForStatus(
	status: number,
	url: string,
	retryAfterHeader: string | undefined,
	text: string,
): never {
	if (status === 429) {
		const retryAfter = Number(retryAfterHeader);
		throw new PortalError('RATE_LIMITED', 'The portal answered "too many requests".', {
			retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
			url: safeUrl(url),
		});
	}
	if (status >= 500 && /maintenance|onderhoud|maintenance programm|wartung/i.test(text)) {
		throw new PortalError('MAINTENANCE', `The portal is in maintenance (HTTP ${status}).`, {
			url: safeUrl(url),
			portalMessage: text
				.split('\n')
				.find((l) => /maintenance/i.test(l))
				?.replace(/<[^>]+>/g, '')
				.trim(),
		});
	}
	// The browser's proxy could not reach the portal (browser/forward-proxy.ts): say why.
	const proxied = status === 502 ? /could not be reached \((E[A-Z_]+)\)/.exec(text) : null;
	const words = proxied ? networkWords(proxied[1]) : undefined;
	if (words)
		throw new PortalError(
			'PORTAL_UNAVAILABLE',
			`The portal cannot be reached at ${safeUrl(url)}: ${words}.`,
			{
				url: safeUrl(url),
			},
		);
	throw new PortalError('PORTAL_UNAVAILABLE', `The portal answered HTTP ${status}.`, {
		url: safeUrl(url),
	});
}
