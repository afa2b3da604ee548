import { invalidInput, PortalError } from '../outcomes/errors';

/**
 * A sign-in link, pasted into Submit Code or read from the user's mailbox, is opened only when
 * it points to one of the portal's own addresses (the same rule that keeps every run inside
 * them): a link to anywhere else is refused with NAVIGATION_BLOCKED before anything is sent.
 */
export function signInLinkToOpen(text: string, allowed: (url: URL) => boolean): string {
	const value = text.trim();
	let url: URL;
	try {
		url = new URL(value);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
	} catch {
		throw invalidInput(
			'code',
			"is not a sign-in link: paste the whole link from the portal's e-mail (it starts with https://).",
		);
	}
	if (!allowed(url))
		throw new PortalError(
			'NAVIGATION_BLOCKED',
			`The sign-in link leads to ${url.host}, which is not one of the portal's addresses; it was not opened.`,
			{ url: url.origin },
		);
	return url.toString();
}
