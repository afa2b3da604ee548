import type { INodeProperties } from 'n8n-workflow';
import { CAPTCHA_SOLVER_PARAMETER } from './connection';

/**
 * The editor labels every credential dropdown "Credential to connect with": the portal account and
 * the optional captcha solver side by side could not be told apart. So both nodes show the solver
 * credential only when this option asks for it (`displayOptions` on its entry in the node file,
 * written out there because n8n's lint rules read the credentials list literally), as n8n's own
 * nodes do with their Authentication option. First in the panel, next to the credentials it switches.
 */
export const captchaSolverProperty: INodeProperties = {
	displayName: 'Captcha Solver',
	name: CAPTCHA_SOLVER_PARAMETER,
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'None',
			value: 'none',
			description: 'An "I\'m not a robot" check at login stops the run as Action Required',
		},
		{
			name: 'Solver Service',
			value: 'solverService',
			description: 'A service with the 2Captcha API answers "I\'m not a robot" checks at login',
		},
	],
	default: 'none',
	description:
		'Whether a captcha solving service answers "I\'m not a robot" checks (image captchas always go to you)',
};
