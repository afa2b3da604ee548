import { ensureN8n } from '../../testbeds/n8n/n8n-install';

/**
 * Before the tier: the n8n server is installed (or a broken cached install repaired) here, outside
 * any test's timeout; a first install takes minutes.
 */
export default function globalSetup(): void {
	ensureN8n((line) => process.stderr.write(`${line}\n`));
}
