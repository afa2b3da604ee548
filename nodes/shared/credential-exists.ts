import type { IExecuteFunctions, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import type { CredentialCheck } from '../../portals/core/status/overview/retention';
import { CREDENTIAL_TYPE } from './connection';

/**
 * Whether an Invoice Portal API credential still exists, asked of n8n's own credentials
 * helper (the one every node's getCredentials goes through; n8n-core's execution context
 * carries it as `additionalData`). Only existence is asked: nothing is decrypted. n8n answers
 * a deleted one with CredentialNotFoundError; any other answer, or an n8n without the helper,
 * counts as "cannot tell" and the connection is kept.
 */
export function credentialCheck(ctx: IExecuteFunctions): CredentialCheck | undefined {
	const helper = (ctx as unknown as { additionalData?: IWorkflowExecuteAdditionalData })
		.additionalData?.credentialsHelper;
	if (typeof helper?.getCredentials !== 'function') return undefined;
	return async (id) => {
		try {
			await helper.getCredentials({ id, name: '' }, CREDENTIAL_TYPE);
			return true;
		} catch (error) {
			// n8n's own error for exactly this credential; anything else (a database error that
			// also "does not exist", say) must never delete statuses.
			const { name, message } = (error ?? {}) as Error;
			const notFound =
				name === 'CredentialNotFoundError' ||
				error?.constructor?.name === 'CredentialNotFoundError' ||
				String(message).startsWith(`Credential with ID "${id}" does not exist`);
			return notFound ? false : undefined;
		}
	};
}
