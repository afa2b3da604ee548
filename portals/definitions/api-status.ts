import type { ApiAnswer } from '../core/contract/api-call';
import { PortalError, safeUrl } from '../core/outcomes/errors';

/**
 * An API call's status as a reason, for every call a definition makes (the list, the accounts, an
 * auth source): a refused session signs in again, too many requests waits, a request the portal
 * no longer knows (4xx) is a changed portal that retrying cannot mend, a broken portal (5xx) is
 * tried again next run.
 */
export function throwForApiStatus(answer: ApiAnswer): void {
	const { status } = answer;
	if (status >= 200 && status < 300) return;
	const where = safeUrl(answer.url);
	if (status === 401 || status === 403)
		throw new PortalError(
			'SESSION_EXPIRED',
			`The portal's API refused the session (HTTP ${status}).`,
			{
				url: where,
			},
		);
	if (status === 429) {
		const retryAfter = Number(answer.headers['retry-after']);
		throw new PortalError('RATE_LIMITED', 'The portal answered "too many requests".', {
			retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
			url: where,
		});
	}
	if (status >= 400 && status < 500 && status !== 408)
		throw new PortalError(
			'LAYOUT_CHANGED',
			`The portal's API no longer answers the definition's request: HTTP ${status} at ${where}. Check documents.api with npm run portal:check, or let Automatic discover the portal again.`,
			{ url: where, missingElement: 'documents.api.request' },
		);
	throw new PortalError(
		'PORTAL_UNAVAILABLE',
		`The portal's API answered HTTP ${status} at ${where}.`,
		{
			url: where,
		},
	);
}
