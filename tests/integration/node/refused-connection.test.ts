import { REASONS } from '../../../portals/core/outcomes/reasons';
import { runWorkflow } from '../../../testbeds/n8n-engine';
import { loadWorkflow } from '../../helpers/workflows';
import { PASSWORD, USERNAME, startHostile } from '../../../testbeds/hostile';

/**
 * Issue 35, a low one: a portal that refuses the connection (ECONNREFUSED) reached the node as
 * n8n's own "The service refused the connection - perhaps it is offline": n8n's NodeError swaps
 * any message that names a Node error code for its stock sentence. The node's error keeps what
 * happened, where, the reason and its remedy.
 */
test.each(['http', 'auto'])(
	'a refused connection keeps its reason and remedy in the node error (%s engine)',
	async (engine) => {
		const hostile = await startHostile();
		const definition = JSON.stringify({ ...hostile.definition(), engine });
		const port = Number(new URL(hostile.url).port);
		await hostile.stop();
		// Nothing listens on the portal's port any more: the connection is refused.
		const run = await runWorkflow(loadWorkflow('download.json'), {
			credentials: {
				'cred-1': {
					portal: 'custom',
					definition,
					username: USERNAME,
					password: PASSWORD,
					authenticatorSecret: '',
				},
			},
		});
		const error = run.error('Invoice Portal') as (Error & { description?: string }) | undefined;
		expect(error?.message).not.toMatch(/service refused the connection/);
		expect(error?.message).toContain(
			`The portal cannot be reached at http://127.0.0.1:${port}/login`,
		);
		expect(error?.message).toMatch(/\[PORTAL_UNAVAILABLE\]$/);
		expect(error?.description).toBe(REASONS.PORTAL_UNAVAILABLE.remedy);
	},
);
