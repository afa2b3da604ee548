import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The user's mailbox, over IMAP, from which e-mailed codes and sign-in links are read (Read Codes
 * from Mailbox on the Invoice Portal nodes). The same fields as n8n's own IMAP credential, so that
 * the values of an existing one can be copied over. Ours rather than n8n's: n8n's rules for
 * community nodes forbid using another package's credential (the lint rule
 * @n8n/community-nodes/no-credential-reuse calls it a security risk), so a package that did would
 * not pass n8n's review.
 */
export class InvoicePortalMailboxApi implements ICredentialType {
	name = 'invoicePortalMailboxApi';

	displayName = 'Invoice Portal Mailbox (IMAP) API';

	icon = { light: 'file:invoicePortal.svg', dark: 'file:invoicePortal.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-invoice-portals/n8n-nodes-invoice-portals/blob/main/docs/two-factor.md#codes-by-e-mail-read-for-you';

	properties: INodeProperties[] = [
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			required: true,
			description: 'The mailbox login, usually its e-mail address',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Gmail, Outlook and most providers want an app password for IMAP',
		},
		{
			displayName: 'Host',
			name: 'host',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'imap.example.com',
		},
		{ displayName: 'Port', name: 'port', type: 'number', default: 993 },
		{
			displayName: 'SSL/TLS',
			name: 'secure',
			type: 'boolean',
			default: true,
			description:
				'Whether to use TLS from the start (port 993). Off, the connection is upgraded with STARTTLS where the server offers it.',
		},
		{
			displayName: 'Allow Self-Signed Certificates',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the certificate cannot be verified',
			typeOptions: { password: true },
		},
	];
}
