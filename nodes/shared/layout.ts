import type { INodeProperties } from 'n8n-workflow';

/**
 * Where n8n's editor shows the credential dropdowns. Without this, it puts them beside the last
 * field that a credential's `displayOptions.show` names (ParameterInputList's indexToShowSlotAt):
 * with Captcha Solver and Read Codes From Mailbox at the end of the panel, as n8n's layout wants
 * options, the account would sit at the bottom. A field of type `credentials` places them itself
 * (n8n's Notion v2 and Evaluation Trigger do the same). It holds no value.
 */
export const credentialsHere: INodeProperties = {
	displayName: 'Credentials',
	name: 'credentials',
	type: 'credentials',
	default: '',
};
