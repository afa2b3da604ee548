import { PortalError, safeUrl } from '../outcomes/errors';
import { MAX_PAGE_BYTES } from './guarded-fetch';

/**
 * The one reason for a page over MAX_PAGE_BYTES, fetched (HTTP engine) or to be rendered (the
 * browser engine's proxy, browser/forward-proxy.ts): it was not read, nor shown.
 */
export function pageTooLarge(url: string): PortalError {
	const where = safeUrl(url);
	return new PortalError(
		'PORTAL_UNAVAILABLE',
		`The portal sent a page larger than ${MAX_PAGE_BYTES / 1024 / 1024} MB at ${where}; it was not read.`,
		{ url: where },
	);
}
