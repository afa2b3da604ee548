/**
 * Why the mailbox could not be read. Kept apart from PortalError: the portal is fine, the user's
 * own mailbox is not, and the lead maps these onto the reasons MAILBOX_UNREACHABLE and
 * MAILBOX_LOGIN_FAILED. A mail that does not arrive in time is no error at all but a result
 * (`{ timedOut: true }`), since the portal then simply asks for the code like any other.
 *
 * Messages say what happened and what to do; they never hold the password, a code, a link or
 * anything from a mail's body.
 */
export type MailboxErrorCode = 'unreachable' | 'login_failed';

export class MailboxError extends Error {
	readonly code: MailboxErrorCode;

	constructor(code: MailboxErrorCode, message: string) {
		super(message);
		this.name = 'MailboxError';
		this.code = code;
	}
}

export function isMailboxError(error: unknown): error is MailboxError {
	return error instanceof MailboxError;
}
