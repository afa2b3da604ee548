import type { PortalCredentials } from '../../../portals/core/contract/adapter';
import { ask } from './prompts';

/**
 * The login the checker (and npm run try) uses: from INVOICE_PORTALS_CHECK_USERNAME, _PASSWORD
 * and _TOTP_SECRET, else asked in the terminal. The secret is never asked: without it,
 * authenticator codes are asked like SMS codes.
 */
export async function credentialsFromEnvironment(
	identityProviderUrl?: string,
	who = 'The checker',
	/** A passwordless portal (a sign-in link by e-mail): no password is asked for. */
	passwordless = false,
): Promise<PortalCredentials> {
	const username =
		process.env.INVOICE_PORTALS_CHECK_USERNAME ||
		(await ask({
			prompt: 'User name: ',
			need: `${who} needs the user name`,
			instead: 'set INVOICE_PORTALS_CHECK_USERNAME',
		}));
	const password = passwordless
		? ''
		: process.env.INVOICE_PORTALS_CHECK_PASSWORD ||
			(await ask({
				prompt: 'Password: ',
				need: `${who} needs the password`,
				instead: 'set INVOICE_PORTALS_CHECK_PASSWORD',
				secret: true,
			}));
	return {
		username,
		password,
		authenticatorSecret: process.env.INVOICE_PORTALS_CHECK_TOTP_SECRET || undefined,
		identityProviderUrl,
	};
}
