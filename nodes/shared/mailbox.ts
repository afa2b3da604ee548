import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeProperties,
} from 'n8n-workflow';
import { checkMailbox } from '../../portals/core/mailbox/mailbox-watch';
import type { MailboxSettings } from '../../portals/core/mailbox/mailbox-settings';
import { invalidInput } from '../../portals/core/outcomes/errors';

/** The mailbox credential (IMAP; credentials/InvoicePortalMailboxApi.credentials.ts says why ours). */
export const MAILBOX_CREDENTIAL_TYPE = 'invoicePortalMailboxApi';

export const READ_MAILBOX_PARAMETER = 'readCodesFromMailbox';

/** Read Codes From Mailbox's Off; On is `true`, the value the option had as a switch (below). */
export const MAILBOX_OFF = 'off';

/**
 * The mailbox options of both nodes. The IMAP credential shows only when the first is On
 * (`displayOptions` on its entry in each node file), so the panel never shows two unlabelled
 * "Credential to connect with" fields for no reason, as with the captcha solver.
 *
 * A list, not a boolean switch: n8n's editor takes a field that a credential's `displayOptions.show`
 * names for the node's "main auth field" when none of its string option values is missing from
 * those rules; a boolean has no option values, so it always qualified (as would a list of booleans
 * only: the rule skips values that are not strings). The editor then hid the switch and offered
 * only mailbox credentials in the account's dropdown (issue 31; tests/unit/nodes/
 * editor-auth-field.test.ts applies n8n 2.8.4's rule). Off is the string 'off', named by no
 * credential, so the list never qualifies, as Captcha Solver's None. On is the switch's old value,
 * true: workflows saved with the switch on keep reading the mailbox, and show On.
 */
export const mailboxProperties: INodeProperties[] = [
	{
		displayName: 'Read Codes From Mailbox',
		name: READ_MAILBOX_PARAMETER,
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Off',
				value: MAILBOX_OFF,
				description: 'A code or sign-in link sent by e-mail stops the run as Action Required',
			},
			{
				name: 'On',
				value: true,
				description: 'Codes and sign-in links are read from your mailbox (the mailbox credential)',
			},
		],
		default: MAILBOX_OFF,
		description:
			"Whether e-mail codes and sign-in links are read from your mailbox (the mailbox credential), so that such logins need no one. Only the portal's mails that arrive during the login are read; nothing is deleted or moved.",
	},
	{
		displayName: 'Mailbox Timeout (Seconds)',
		name: 'mailboxTimeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 10, maxValue: 900 },
		default: 180,
		displayOptions: { show: { [READ_MAILBOX_PARAMETER]: [true] } },
		description:
			"How long to wait for the portal's e-mail; then the run ends as Action Required, so that a person can answer",
	},
	{
		displayName: 'Mark Code E-Mails As Read',
		name: 'markCodeMailsRead',
		type: 'boolean',
		default: false,
		displayOptions: { show: { [READ_MAILBOX_PARAMETER]: [true] } },
		description:
			'Whether the e-mail whose code or link was used is marked as read. Off, the mailbox is only read: no flag changes.',
	},
];

interface Source {
	getCredentials(type: string, itemIndex?: number): Promise<Record<string, unknown>>;
}

const text = (value: unknown) => (value == null ? '' : String(value)).trim();

/**
 * The mailbox settings, when Read Codes from Mailbox is on (the caller reads the options: action
 * and trigger read parameters differently). The credential is read only then.
 */
export async function mailboxOf(
	ctx: Source,
	options: { on: unknown; timeoutSeconds: unknown; markAsRead: unknown },
	itemIndex?: number,
): Promise<MailboxSettings | undefined> {
	if (options.on !== true) return undefined;
	return {
		...mailboxSettings(await ctx.getCredentials(MAILBOX_CREDENTIAL_TYPE, itemIndex)),
		markAsRead: options.markAsRead === true,
		timeoutSeconds: Number(options.timeoutSeconds) || 180,
	};
}

/** The credential's fields as mailbox settings; a missing host or user is INVALID_INPUT. */
export function mailboxSettings(data: Record<string, unknown>): MailboxSettings {
	const host = text(data.host);
	if (!host) throw invalidInput('mailbox credential Host', 'is empty.');
	if (!text(data.user)) throw invalidInput('mailbox credential User', 'is empty.');
	return {
		host,
		port: Number(data.port) || (data.secure === false ? 143 : 993),
		secure: data.secure !== false,
		user: text(data.user),
		password: String(data.password ?? ''),
		allowUnauthorizedCerts: data.allowUnauthorizedCerts === true,
	};
}

/**
 * The mailbox credential's Test button: signs in and opens INBOX read-only (node-level, like the
 * portal login test: IMAP is not an HTTP request).
 */
export async function invoicePortalMailboxTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		await checkMailbox(mailboxSettings(credential.data ?? {}));
		return { status: 'OK', message: 'The mailbox can be read.' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}
