import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { invalidInput } from '../../../../portals/core/outcomes/errors';
import { showFor } from '../../../shared/show-for';
import type { PortalRequest } from '../operation-contract';

export const description: INodeProperties[] = showFor(
	{ resource: ['connection'], operation: ['submitCode'] },
	[
		{
			displayName: 'Resume Token',
			name: 'resumeToken',
			type: 'string',
			typeOptions: { password: true },
			default: '={{ $json.resumeToken }}',
			required: true,
			// eslint-disable-next-line n8n-nodes-base/node-param-description-miscased-json -- an n8n expression, which must say "json"
			description:
				"The resume token of the Action Required item, e.g. {{ $('Invoice Portal').item.json.resumeToken }} after a Wait node",
		},
		{
			displayName: 'Code',
			name: 'code',
			type: 'string',
			default: '={{ $json.code ?? $json.Code }}',
			required: true,
			description:
				"The code the portal sent (SMS, e-mail, app), the characters of the captcha image, or the whole sign-in link from the portal's e-mail",
		},
	],
);

/**
 * Continues a login that waits for a code, then carries out the operation it interrupted: the
 * token recorded it, and the router finishes with that operation's items. No finish of its own.
 */
export async function request(this: IExecuteFunctions, itemIndex: number): Promise<PortalRequest> {
	const token = String(this.getNodeParameter('resumeToken', itemIndex, '') ?? '').trim();
	const code = String(this.getNodeParameter('code', itemIndex, '') ?? '').trim();
	if (!token)
		throw invalidInput(
			'resumeToken',
			'is empty: pass the resumeToken of the Action Required item.',
		);
	if (!code) throw invalidInput('code', 'is empty: pass the code the portal sent.');
	// A token from before operations were recorded in it continues as a Download.
	return { run: { mode: 'download', filters: {}, onlyNew: true }, resume: { token, code } };
}
