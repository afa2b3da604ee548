import { METHOD_REASONS } from '../contract/two-factor';
import type { ReasonInfo } from '../contract/reason-info';

/**
 * The closed vocabulary of reasons. Every outcome that is not plain success carries one; each
 * knows its status, whether a later run tries again, whether scheduled runs pause, whether a
 * picture of the page goes with it, and what the user should do. The reasons for second factors
 * (CODE_REQUIRED_*, APPROVAL_REQUIRED_PUSH, CAPTCHA_REQUIRED) live with their methods in
 * contract/two-factor.ts.
 */
export const REASONS = {
	WRONG_CREDENTIALS: {
		status: 'login_failed',
		retryable: false,
		pausesSchedule: true,
		title: 'The portal rejected the user name or password',
		remedy:
			'Log in on the portal website with the same data. When that works, enter exactly the same user name and password in the credential. No new attempt is made until the credential changes, so the account is not locked.',
	},
	ACCOUNT_LOCKED: {
		status: 'login_failed',
		retryable: false,
		pausesSchedule: true,
		title: 'The portal locked the account after too many attempts',
		remedy:
			'Unlock the account on the portal website (often with "forgot password" or the portal\'s support), then update the credential if the password changed.',
	},
	...METHOD_REASONS,
	WRONG_CODE: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		title: 'The portal did not accept the code',
		remedy:
			"Check the code and send it again (only the newest code is valid). For automatic authenticator codes, check that the secret is the one shown when 2FA was set up and that this machine's clock is right.",
	},
	CODE_EXPIRED: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		title: 'The code expired before it was used',
		remedy: 'Start the login again and enter the new code soon after it arrives.',
	},
	// The mailbox that reads codes for the run failed: the run still ends with the portal's code
	// prompt and a resume token (action required), so a person can answer as without a mailbox.
	MAILBOX_UNREACHABLE: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		title: 'The mailbox for codes could not be reached',
		remedy:
			"Check the IMAP credential's host, port and SSL/TLS setting (and Allow Self-Signed Certificates for a server with its own certificate). Meanwhile answer this login by hand: send the code or sign-in link from the portal's e-mail with Submit Code.",
	},
	MAILBOX_LOGIN_FAILED: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		title: 'The mailbox for codes refused the user name or password',
		remedy:
			"Correct the user name and password in the IMAP credential (Gmail, Outlook and other providers want an app password for IMAP). Meanwhile answer this login by hand: send the code or sign-in link from the portal's e-mail with Submit Code.",
	},
	TERMS_ACCEPTANCE_REQUIRED: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		debugPicture: true,
		title: 'The portal wants new terms and conditions accepted',
		remedy:
			'Log in on the portal website and accept the new terms there; this tool never accepts anything on your behalf. Then run the workflow again.',
	},
	PASSWORD_CHANGE_REQUIRED: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: true,
		debugPicture: true,
		title: 'The portal requires a new password',
		remedy:
			'Change the password on the portal website, then enter the new password in the credential.',
	},
	PAYMENT_DETAILS_REQUIRED: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		debugPicture: true,
		title: 'The portal wants payment details updated',
		remedy:
			'Log in on the portal website and update or confirm the payment details there, then run the workflow again.',
	},
	LAYOUT_CHANGED: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		debugPicture: true,
		title: 'The portal page looks different from what this integration expects',
		remedy:
			'The portal probably changed its website. Update this package; if that does not help, report it with the debug screenshot and the name of the missing element.',
	},
	DOWNLOADS_DISABLED: {
		status: 'paused',
		retryable: false,
		pausesSchedule: true,
		title: 'Downloads are switched off for this connection',
		remedy: 'Switch "Downloads Enabled" on in the Invoice Portal Trigger to fetch documents again.',
	},
	NAVIGATION_BLOCKED: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		title: 'The portal tried to lead the run to another website',
		remedy:
			"Nothing was sent there: the browser only visits the portal's own address. If the portal really moved, put its new address in the credential's login URL; if it is the sign-in service the portal uses (single sign-on), put that address in Identity Provider URL; otherwise report it with the address from the message.",
	},
	PORTAL_UNAVAILABLE: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: 'The portal is not reachable or answered with a server error',
		remedy:
			'Nothing to do: the next run tries again. If it lasts for days, check the portal website and the login URL.',
	},
	MAINTENANCE: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: 'The portal is in maintenance',
		remedy: 'Nothing to do: the next run tries again after the maintenance.',
	},
	// Another run holds the connection (its lease), or another execution of the same workflow has
	// just delivered and not saved that yet: nothing was sent, so no second login, nothing twice.
	CONNECTION_BUSY: {
		status: 'download_running',
		retryable: true,
		pausesSchedule: false,
		title: 'Another run is working on this connection',
		remedy:
			'Nothing to do: another execution is signed in to this portal with the same connection, and this one sent nothing. The next run carries on; with Retry On Fail the node tries again after its wait. If it keeps happening, start the workflows that use this connection at different times.',
	},
	STATE_STORE_UNAVAILABLE: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: "n8n's Redis could not be reached (queue mode)",
		remedy:
			"Check that the Redis n8n's queue uses (QUEUE_BULL_REDIS_HOST, _PORT, _PASSWORD …) is running and that this n8n process reaches it: in queue mode the connections' leases, delivery turns and statuses are kept there. Nothing is lost: a document counts as delivered only once it was output, and the next run delivers what this one did not.",
	},
	RATE_LIMITED: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: 'The portal asked to slow down',
		remedy:
			'Nothing to do: the next run waits longer. Run this connection less often if it keeps happening.',
	},
	TIMEOUT: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: 'The portal took too long to answer',
		remedy:
			'Nothing to do: the next run tries again. A slow connection or an overloaded portal usually causes this.',
	},
	SESSION_EXPIRED: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: 'The portal ended the session during the run',
		remedy: 'Nothing to do: the next run logs in again.',
	},
	DOWNLOAD_FAILED: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: 'A document could not be downloaded',
		remedy:
			'Nothing to do: the document was not marked as delivered, so the next run tries it again.',
	},
	INVALID_FILE: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: 'The portal sent a file that is not a valid document',
		remedy:
			'The file was not delivered (for example a web page instead of a PDF, or a file that is too large). The next run tries again; if it keeps happening, download the document on the portal website to check it.',
	},
	PARTIAL_RUN: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		title: 'Some documents could not be fetched',
		remedy:
			'The documents that were fetched are delivered; the others are tried again on the next run. The run counts say how many failed.',
	},
	BROWSER_UNAVAILABLE: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		setup: true,
		title: 'This portal needs a browser, and none can be used here',
		remedy:
			"Where n8n can install system packages, install Chromium (for example apt-get install chromium), or run npx playwright install chromium, or set INVOICE_PORTALS_CHROMIUM_PATH to a Chromium or Chrome executable. On an image without a browser (n8n's stock Docker image), set INVOICE_PORTALS_BROWSER_ENDPOINT to a browser container. Portals that work over plain HTTP need none.",
	},
	INVALID_INPUT: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		setup: true,
		title: 'A setting is missing or not valid',
		remedy: 'Correct the field named in the message and run again.',
	},
	RESUME_TOKEN_INVALID: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		setup: true,
		title: 'The resume token or saved session cannot be used',
		remedy:
			'It was changed, cut off, or belongs to another credential or portal. Start the download again to get a new one.',
	},
	RESUME_TOKEN_EXPIRED: {
		status: 'action_required',
		retryable: false,
		pausesSchedule: false,
		setup: true,
		title: 'The resume token has expired',
		remedy:
			'The portal only accepts a code for a short time. Start the download again and enter the new code soon after it arrives.',
	},
	UNKNOWN_ERROR: {
		status: 'connected',
		retryable: true,
		pausesSchedule: false,
		debugPicture: true,
		title: 'Something unexpected went wrong',
		remedy:
			'Run again. If it keeps happening, report it with the message and the debug screenshot.',
	},
} as const satisfies Record<string, ReasonInfo>;

export type ReasonCode = keyof typeof REASONS;

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export function reasonInfo(code: ReasonCode): ReasonInfo {
	return REASONS[code];
}

/** A reason in two or three words for people: PORTAL_UNAVAILABLE → "Portal unavailable". */
export function reasonName(code: ReasonCode): string {
	const words = code.toLowerCase().replace(/_/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The step an interstitial asks of the user, named like a method in Action Required items. */
export const STEP_FOR_REASON: Partial<Record<ReasonCode, string>> = {
	TERMS_ACCEPTANCE_REQUIRED: 'terms',
	PASSWORD_CHANGE_REQUIRED: 'password_change',
	PAYMENT_DETAILS_REQUIRED: 'payment_details',
};
