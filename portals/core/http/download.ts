import { PortalError } from '../outcomes/errors';

/**
 * Turns a download's HTTP answer into a reason before its body is read: 429 RATE_LIMITED (with
 * the Retry-After seconds), 401/403 SESSION_EXPIRED, 5xx PORTAL_UNAVAILABLE, other errors
 * DOWNLOAD_FAILED, and a declared length above the cap INVALID_FILE. `header` reads a response
 * header by its lower-case name. Shared by both engines' downloads.
 */
export function throwForDownloadStatus(
	status: number,
	header: (name: string) => string | null | undefined,
	maxBytes: number,
): void {
	if (status === 429) {
		const retryAfter = Number(header('retry-after') ?? undefined);
		throw new PortalError(
			'RATE_LIMITED',
			'The portal answered "too many requests" to a download.',
			{
				retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined,
			},
		);
	}
	if (status === 401 || status === 403)
		throw new PortalError('SESSION_EXPIRED', `The portal refused the download (HTTP ${status}).`);
	if (status >= 500)
		throw new PortalError(
			'PORTAL_UNAVAILABLE',
			`The portal answered HTTP ${status} to a download.`,
		);
	if (status >= 400)
		throw new PortalError('DOWNLOAD_FAILED', `The portal answered HTTP ${status} to a download.`);
	const declaredLength = Number(header('content-length') ?? undefined);
	if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
		throw new PortalError(
			'INVALID_FILE',
			`The file is ${declaredLength} bytes, above the limit of ${maxBytes} bytes.`,
		);
	}
}

/** The file name a Content-Disposition header suggests ("attachment; filename=..."), if any. */
export function filenameFrom(disposition: string | null | undefined): string | undefined {
	const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
	if (!match) return undefined;
	try {
		return decodeURIComponent(match[1]);
	} catch {
		// A stray "%" in a plain file name ("50%_off.pdf") is not an escape.
		return match[1];
	}
}
