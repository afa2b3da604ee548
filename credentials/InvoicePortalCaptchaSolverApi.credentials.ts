import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * A captcha-solving service with the 2Captcha HTTP API (in.php / res.php). Optional on the
 * Invoice Portal nodes: when set, "I'm not a robot" token captchas are answered through it.
 */
export class InvoicePortalCaptchaSolverApi implements ICredentialType {
	name = 'invoicePortalCaptchaSolverApi';

	displayName = 'Invoice Portal Captcha Solver API';

	icon = { light: 'file:invoicePortal.svg', dark: 'file:invoicePortal.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-invoice-portals/n8n-nodes-invoice-portals/blob/main/docs/two-factor.md#captchas';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://2captcha.com',
			required: true,
			description: 'Any service that speaks the 2Captcha API (in.php and res.php)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 10 },
			default: 180,
			description: 'How long one captcha may take before the run reports action required instead',
		},
	];

	// 2Captcha answers HTTP 200 with status 0 for a wrong key: the body decides.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/res.php',
			qs: { key: '={{$credentials.apiKey}}', action: 'getbalance', json: 1 },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 0, message: 'The solver refused the API key' },
			},
		],
	};
}
