import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { runPortal } from '../../portals/core/engine';
import { PortalError, redactUrls } from '../../portals/core/errors';
import { connectionFromCredential } from './connection';

const METHOD_WORDS: Record<string, string> = {
	authenticator_app: 'an authenticator-app code (add the authenticator secret to fill it in automatically)',
	sms: 'an SMS code',
	email: 'an e-mail code',
	push: 'an approval in its app',
	captcha: 'a captcha',
};

/**
 * The credential's Test button: a real login in the browser (a browser login is not an HTTP
 * request, so this is a node-level test method). Only logs in: nothing is downloaded.
 */
export async function invoicePortalLoginTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	try {
		const connection = connectionFromCredential(credential.data ?? {}, credential);
		const result = await runPortal({ portal: connection.portal, baseUrl: connection.baseUrl, credentials: connection.credentials, mode: 'check' });
		if (result.status === 'connected' && !result.reason) return { status: 'OK', message: 'Login works.' };
		if (result.challenge) {
			return {
				status: 'Error',
				message: `Credentials accepted, but this portal asks for ${METHOD_WORDS[result.challenge.method]} at login. Downloads need the two-factor workflow template: Action Required → notify → Wait → Submit Code.`,
			};
		}
		return { status: 'Error', message: `${result.message} — ${result.remedy}` };
	} catch (error) {
		if (error instanceof PortalError) return { status: 'Error', message: `${error.message} — ${error.remedy}` };
		return { status: 'Error', message: redactUrls(String((error as Error)?.message ?? error).split('\n')[0]) };
	}
}
