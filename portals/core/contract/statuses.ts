/**
 * The six connection statuses users of invoice-fetch services already know.
 * Each has a short label and a remedy written for the person who owns the connection.
 */
export const CONNECTION_STATUSES = [
	'connected',
	'verifying_credentials',
	'download_running',
	'paused',
	'login_failed',
	'action_required',
] as const;

export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

export interface StatusInfo {
	label: string;
	meaning: string;
	remedy: string;
}

export const STATUS_INFO: Record<ConnectionStatus, StatusInfo> = {
	connected: {
		label: 'Connected',
		meaning: 'The login works and documents are fetched on schedule.',
		remedy:
			'Nothing to do. If a document is missing, compare its issue date with the start date, check the type, ' +
			'sub-account and amount filters (the run counts show what each filter removed), make sure this login may ' +
			'see invoices on the portal, and that it was not archived or deleted there. Then run the workflow manually.',
	},
	verifying_credentials: {
		label: 'Verifying credentials',
		meaning: 'The login data is being tried on the portal.',
		remedy: 'Wait a moment; the status changes by itself when the check is over.',
	},
	download_running: {
		label: 'Download running',
		meaning: 'Logged in; documents are being listed, downloaded and checked.',
		remedy: 'Wait until the run has finished; large accounts can take a few minutes.',
	},
	paused: {
		label: 'Paused',
		meaning: 'Downloads are switched off for this connection, or stopped until something is fixed.',
		remedy:
			'Fix what the reason names (usually the login data), then switch downloads on again or run the workflow manually.',
	},
	login_failed: {
		label: 'Login failed',
		meaning: 'The portal rejected the login data.',
		remedy:
			'Log in on the portal website yourself with the same user name and password. When that works, enter exactly ' +
			'the same data in the credential and save it. No further attempts are made until then, so the account is not locked.',
	},
	action_required: {
		label: 'Action required',
		meaning: 'The portal needs a step from you before documents can be fetched.',
		remedy:
			'Read the reason: usually the portal asks for a code (authenticator app, SMS or e-mail), or for new terms, a ' +
			'password change or payment details to be confirmed on its website. Complete that step, then run the workflow again.',
	},
};
