import type { ICredentialType, INodeProperties } from 'n8n-workflow';
import { CUSTOM_PORTAL, knownPortals, portalOptions } from '../portals/registry';
import { AUTOMATIC_PORTAL } from '../portals/discovery/automatic-portal';
import { ADDING_A_PORTAL_URL } from '../portals/docs-links';
import { savedBeforeAutomaticProperties } from './saved-before-automatic';

/** A login on one portal. Tested with a real login (see the node's credential test). */
export class InvoicePortalApi implements ICredentialType {
	name = 'invoicePortalApi';

	// n8n names a new credential and its dialog "<display name without API> account":
	// "Invoice Portal account" (n8n's lint wants credential names to end in API).
	displayName = 'Invoice Portal API';

	icon = { light: 'file:invoicePortal.svg', dark: 'file:invoicePortal.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-invoice-portals/n8n-nodes-invoice-portals#readme';

	// Built when n8n loads the credential, from what this installation knows: the demo portals only
	// in demo mode, a definitions folder's files (an unreadable one is listed as such; it never
	// stops the package from loading). Automatic is the default, where most users start. It was
	// Custom: n8n stores no field left at its default, so credentials saved with Custom hold no
	// portal and now read as Automatic; savedBeforeAutomaticProperties keeps them working.
	properties: INodeProperties[] = [
		{
			displayName: 'Portal',
			name: 'portal',
			type: 'options',
			options: portalOptions(),
			default: AUTOMATIC_PORTAL,
			required: true,
		},
		...savedBeforeAutomaticProperties,
		{
			displayName: 'Definition',
			name: 'definition',
			type: 'string',
			typeOptions: { rows: 12 },
			default: '',
			required: true,
			displayOptions: { show: { portal: [CUSTOM_PORTAL] } },
			description: `The portal definition as JSON. How to write one and check it: ${ADDING_A_PORTAL_URL}`,
		},
		{
			displayName: 'Login URL',
			name: 'automaticLoginUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://portal.example.com/login',
			displayOptions: { show: { portal: [AUTOMATIC_PORTAL] } },
			description:
				'The page where you type your user name and password. The first run finds the login and the documents list by itself and keeps what it found for this connection.',
		},
		{
			displayName: 'Documents URL',
			name: 'documentsUrl',
			type: 'string',
			default: '',
			placeholder: 'https://portal.example.com/invoices',
			displayOptions: { show: { portal: [AUTOMATIC_PORTAL] } },
			description:
				'Optional. Where the portal lists your invoices, if you know: it is tried first.',
		},
		{
			displayName: 'Login URL',
			name: 'loginUrl',
			type: 'string',
			default: '',
			placeholder: 'https://portal.example.com',
			displayOptions: { hide: { portal: [AUTOMATIC_PORTAL] } },
			description:
				"Only when you log in at another address than the portal's usual one (a regional site, or the demo portal's address)",
		},
		{
			displayName: 'Identity Provider URL',
			name: 'identityProviderUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sso.example.com',
			displayOptions: {
				show: {
					portal: [
						CUSTOM_PORTAL,
						...knownPortals()
							.filter((p) => p.signsInWithIdentityProvider)
							.map((p) => p.slug),
					],
				},
			},
			description:
				"Only for portals you sign in to with single sign-on (SSO), when the identity provider is at another address than its definition names (your company's own server). Username and password are then those of the identity provider.",
		},
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			// Not required by the form: passwordless portals (a sign-in link by e-mail) have none.
			// Every other portal's run says "password is empty" when it is missing.
			description: 'Leave empty only for portals that sign in with a link sent by e-mail',
		},
		{
			displayName: 'Authenticator Secret',
			name: 'authenticatorSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The secret shown when two-factor authentication was set up (Base32, or the otpauth:// link of the QR code): authenticator-app codes are then filled in automatically.',
		},
		...knownPortals().flatMap((portal) =>
			(portal.fields ?? []).map(
				(field): INodeProperties => ({
					displayName: field.displayName,
					name: field.name,
					type: 'string',
					default: '',
					required: field.required,
					displayOptions: { show: { portal: [portal.slug] } },
				}),
			),
		),
	];
}
