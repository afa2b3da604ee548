import { PortalError } from '../outcomes/errors';

/**
 * Runs one command against n8n's Redis (queue mode) and turns its failure into the reason
 * STATE_STORE_UNAVAILABLE: without Redis no process can know whether another one is signed in
 * or what it delivered, so the run stops before it sends anything to the portal. The client's
 * messages name the address or the refusal (ECONNREFUSED, WRONGPASS), never the password.
 */
export async function inRedis<T>(doing: string, command: () => Promise<T>): Promise<T> {
	try {
		return await command();
	} catch (error) {
		const said = (error instanceof Error ? error.message : String(error)).split('\n')[0];
		throw new PortalError(
			'STATE_STORE_UNAVAILABLE',
			`n8n's Redis did not answer while ${doing} (${said.slice(0, 160)}).`,
		);
	}
}
