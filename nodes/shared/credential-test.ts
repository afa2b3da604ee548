import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { runPortal } from '../../portals/core/run/portal-run';
import { PortalError, redactUrls } from '../../portals/core/outcomes/errors';
import { methodInWords } from '../../portals/core/contract/two-factor';
import { withoutLibraryWording } from '../../portals/core/outcomes/network-words';
import { connectionFromCredential } from './connection';

/**
 * What to do, for the Test button: a portal that cannot be reached or does not answer is, here,
 * most likely a wrong address, not an outage that the next run outlives (the runs' remedy).
 */
const NETWORK_REMEDY =
	"Check the credential's Login URL (open it in a browser) and that the machine running n8n reaches it over the network (proxy, firewall, DNS).";

function remedyInTest(reason: string | undefined, remedy: string): string {
	return reason === 'PORTAL_UNAVAILABLE' || reason === 'TIMEOUT' ? NETWORK_REMEDY : remedy;
}

/**
 * The credential's Test button: a real login, on the portal's engine (a login of several pages,
 * possibly in a browser, is not one HTTP request, so this is a node-level test method). Only logs
 * in: nothing is downloaded.
 */
export async function invoicePortalLoginTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	try {
		const connection = connectionFromCredential(credential.data ?? {}, credential);
		const result = await runPortal({
			portal: connection.portal,
			baseUrl: connection.baseUrl,
			credentials: connection.credentials,
			mode: 'check',
		});
		if (result.status === 'connected' && !result.reason)
			return { status: 'OK', message: 'Login works.' };
		if (result.challenge) {
			return {
				status: 'Error',
				message: `Credentials accepted, but this portal asks for ${methodInWords(result.challenge.method)} at login. Downloads need the two-factor workflow template: Needs You → notify → Wait → Submit Code.`,
			};
		}
		return {
			status: 'Error',
			message: `${result.message} — ${remedyInTest(result.reason, result.remedy)}`,
		};
	} catch (error) {
		if (error instanceof PortalError)
			return {
				status: 'Error',
				message: `${error.message} — ${remedyInTest(error.code, error.remedy)}`,
			};
		return {
			status: 'Error',
			message: withoutLibraryWording(redactUrls(String((error as Error)?.message ?? error))),
		};
	}
}
