import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where statuses and leases are kept outside queue mode; point it at a shared volume when several n8n processes share one. */
export const ENV_STATE_DIR = 'INVOICE_PORTALS_STATE_DIR';

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
	if (env[ENV_STATE_DIR]) return env[ENV_STATE_DIR]!;
	// Beside n8n's own data (N8N_USER_FOLDER/.n8n), so it survives restarts with it.
	return join(env.N8N_USER_FOLDER ?? homedir(), '.n8n', 'invoice-portals', 'status');
}
