import type { ConnectionStatus } from './statuses';

/**
 * The closed vocabulary of reasons. Every outcome that is not plain success carries one.
 * For each code: the status the user sees, whether a later run may simply try again,
 * whether scheduled runs must stop until the user changes something (never retry a
 * rejected login: it locks accounts), and what the user should do.
 *
 * `setup` reasons describe this installation or the input, not the portal: they are thrown
 * to the caller instead of being reported as a connection status.
 */
export interface ReasonInfo {
	status: ConnectionStatus;
	retryable: boolean;
	pausesSchedule: boolean;
	setup?: boolean;
	title: string;
	remedy: string;
}

const reason = (
	status: ConnectionStatus,
	retryable: boolean,
	pausesSchedule: boolean,
	title: string,
	remedy: string,
	setup = false,
): ReasonInfo => ({ status, retryable, pausesSchedule, title, remedy, ...(setup ? { setup } : {}) });

export const REASONS = {
	WRONG_CREDENTIALS: reason('login_failed', false, true, 'The portal rejected the user name or password',
		'Log in on the portal website with the same data. When that works, enter exactly the same user name and password in the credential. No new attempt is made until the credential changes, so the account is not locked.'),
	ACCOUNT_LOCKED: reason('login_failed', false, true, 'The portal locked the account after too many attempts',
		'Unlock the account on the portal website (often with "forgot password" or the portal\'s support), then update the credential if the password changed.'),
	CODE_REQUIRED_APP: reason('action_required', false, false, 'The portal asks for a code from an authenticator app',
		'Enter the current code from your authenticator app, or put the authenticator secret (Base32 or otpauth:// link) in the credential so that codes are filled in automatically.'),
	CODE_REQUIRED_SMS: reason('action_required', false, false, 'The portal sent a code by SMS',
		'Enter the code from the SMS before it expires. Scheduled runs cannot answer SMS codes; use the code workflow template so that you are notified.'),
	CODE_REQUIRED_EMAIL: reason('action_required', false, false, 'The portal sent a code by e-mail',
		'Enter the code from the e-mail before it expires. If an authenticator code was already filled in automatically, this is an extra check the portal added.'),
	APPROVAL_REQUIRED_PUSH: reason('action_required', false, false, 'The portal waits for an approval on your phone',
		'Approve the sign-in in the portal\'s app, then run the workflow again.'),
	WRONG_CODE: reason('action_required', false, false, 'The portal did not accept the code',
		'Check the code and send it again (only the newest code is valid). For automatic authenticator codes, check that the secret is the one shown when 2FA was set up and that this machine\'s clock is right.'),
	CODE_EXPIRED: reason('action_required', false, false, 'The code expired before it was used',
		'Start the login again and enter the new code soon after it arrives.'),
	CAPTCHA_REQUIRED: reason('action_required', false, false, 'The portal shows a captcha',
		'Type the characters shown in the image. For an "I\'m not a robot" check, add a captcha solver credential to the node (2Captcha or a service with the same API), or log in once on the portal website from a browser so it trusts the login again.'),
	TERMS_ACCEPTANCE_REQUIRED: reason('action_required', false, false, 'The portal wants new terms and conditions accepted',
		'Log in on the portal website and accept the new terms there; this tool never accepts anything on your behalf. Then run the workflow again.'),
	PASSWORD_CHANGE_REQUIRED: reason('action_required', false, true, 'The portal requires a new password',
		'Change the password on the portal website, then enter the new password in the credential.'),
	PAYMENT_DETAILS_REQUIRED: reason('action_required', false, false, 'The portal wants payment details updated',
		'Log in on the portal website and update or confirm the payment details there, then run the workflow again.'),
	LAYOUT_CHANGED: reason('action_required', false, false, 'The portal page looks different from what this integration expects',
		'The portal probably changed its website. Update this package; if that does not help, report it with the debug screenshot and the name of the missing element.'),
	DOWNLOADS_DISABLED: reason('paused', false, true, 'Downloads are switched off for this connection',
		'Switch "Downloads Enabled" on in the Invoice Portal Trigger to fetch documents again.'),
	NAVIGATION_BLOCKED: reason('action_required', false, false, 'The portal tried to lead the browser to another website',
		'Nothing was sent there: the browser only visits the portal\'s own address. If the portal really moved, put its new address in the credential\'s login URL; if it is the sign-in service the portal uses (single sign-on), put that address in Identity Provider URL; otherwise report it with the address from the message.'),
	PORTAL_UNAVAILABLE: reason('connected', true, false, 'The portal is not reachable or answered with a server error',
		'Nothing to do: the next run tries again. If it lasts for days, check the portal website and the login URL.'),
	MAINTENANCE: reason('connected', true, false, 'The portal is in maintenance',
		'Nothing to do: the next run tries again after the maintenance.'),
	RATE_LIMITED: reason('connected', true, false, 'The portal asked to slow down',
		'Nothing to do: the next run waits longer. Run this connection less often if it keeps happening.'),
	TIMEOUT: reason('connected', true, false, 'The portal took too long to answer',
		'Nothing to do: the next run tries again. A slow connection or an overloaded portal usually causes this.'),
	SESSION_EXPIRED: reason('connected', true, false, 'The portal ended the session during the run',
		'Nothing to do: the next run logs in again.'),
	DOWNLOAD_FAILED: reason('connected', true, false, 'A document could not be downloaded',
		'Nothing to do: the document was not marked as delivered, so the next run tries it again.'),
	INVALID_FILE: reason('connected', true, false, 'The portal sent a file that is not a valid document',
		'The file was not delivered (for example a web page instead of a PDF, or a file that is too large). The next run tries again; if it keeps happening, download the document on the portal website to check it.'),
	PARTIAL_RUN: reason('connected', true, false, 'Some documents could not be fetched',
		'The documents that were fetched are delivered; the others are tried again on the next run. The run counts say how many failed.'),
	BROWSER_UNAVAILABLE: reason('action_required', false, false, 'No Chromium browser was found',
		'Install Chromium with the system package manager (for example apt-get install chromium), or run npx playwright install chromium, or set INVOICE_PORTALS_CHROMIUM_PATH to a Chromium or Chrome executable, or INVOICE_PORTALS_BROWSER_ENDPOINT to a remote browser.', true),
	INVALID_INPUT: reason('action_required', false, false, 'A setting is missing or not valid',
		'Correct the field named in the message and run again.', true),
	RESUME_TOKEN_INVALID: reason('action_required', false, false, 'The resume token or saved session cannot be used',
		'It was changed, cut off, or belongs to another credential or portal. Start the download again to get a new one.', true),
	RESUME_TOKEN_EXPIRED: reason('action_required', false, false, 'The resume token has expired',
		'The portal only accepts a code for a short time. Start the download again and enter the new code soon after it arrives.', true),
	UNKNOWN_ERROR: reason('connected', true, false, 'Something unexpected went wrong',
		'Run again. If it keeps happening, report it with the message and the debug screenshot.'),
} satisfies Record<string, ReasonInfo>;

export type ReasonCode = keyof typeof REASONS;

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export function reasonInfo(code: ReasonCode): ReasonInfo {
	return REASONS[code];
}

/** How a portal wants the second factor; also used to say which step an interstitial needs. */
export const CHALLENGE_METHODS = ['authenticator_app', 'sms', 'email', 'push', 'captcha'] as const;
export type ChallengeMethod = (typeof CHALLENGE_METHODS)[number];

export const REASON_FOR_METHOD: Record<ChallengeMethod, ReasonCode> = {
	authenticator_app: 'CODE_REQUIRED_APP',
	sms: 'CODE_REQUIRED_SMS',
	email: 'CODE_REQUIRED_EMAIL',
	push: 'APPROVAL_REQUIRED_PUSH',
	captcha: 'CAPTCHA_REQUIRED',
};

/** The step an interstitial asks of the user, named like a method in Action Required items. */
export const STEP_FOR_REASON: Partial<Record<ReasonCode, string>> = {
	TERMS_ACCEPTANCE_REQUIRED: 'terms',
	PASSWORD_CHANGE_REQUIRED: 'password_change',
	PAYMENT_DETAILS_REQUIRED: 'payment_details',
};
