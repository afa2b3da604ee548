import type { INodeProperties } from 'n8n-workflow';
import { AUTOMATIC_PORTAL } from '../portals/discovery/automatic-portal';

/**
 * Credentials saved while Custom (Definition) was the Portal's default. n8n's editor stores no
 * field left at its default, and n8n fills a missing field with today's default when a node reads
 * the credential, dropping every field its `displayOptions` then hide. So such a credential holds
 * no portal, reads as Automatic, and would lose its definition, Login URL and identity provider.
 *
 * These hidden twins of those fields (same names, n8n keeps a field's value while any property of
 * that name is shown) are shown to n8n under Automatic, so the values reach the node, which runs
 * the credential with its definition (nodes/shared/connection.ts, portalOf). The editor never shows
 * hidden fields; the notice tells the user why the dialog says Automatic.
 */
const underAutomatic = { show: { portal: [AUTOMATIC_PORTAL] } };

const hiddenTwin = (name: string): INodeProperties => ({
	displayName: name,
	name,
	type: 'hidden',
	default: '',
	displayOptions: underAutomatic,
});

export const savedBeforeAutomaticProperties: INodeProperties[] = [
	{
		displayName:
			'This credential was saved with Custom (Definition) before Automatic became the default, and it still runs with its definition. Choose Custom (Definition) above to see or change it.',
		name: 'savedWithDefinitionNotice',
		type: 'notice',
		default: '',
		displayOptions: {
			show: { portal: [AUTOMATIC_PORTAL], definition: [{ _cnd: { exists: true } }] },
		},
	},
	hiddenTwin('definition'),
	hiddenTwin('loginUrl'),
	hiddenTwin('identityProviderUrl'),
];
