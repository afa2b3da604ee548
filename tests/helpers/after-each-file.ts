import { closeBrowser } from '../../portals/core/browser';
import { takeStartedPortals } from './demo';

// Every test file: close its browser, then prove no forbidden button (pay, delete, cancel,
// accept) was pressed on any demo portal it started.
afterAll(async () => {
	await closeBrowser();
	const portals = takeStartedPortals();
	const violations = portals.flatMap((p) => p.state.violations);
	await Promise.all(portals.map((p) => p.close()));
	expect(violations).toEqual([]);
});

// n8n-core keeps a clean-up interval running once a trigger ran; stop it so the worker can exit.
afterAll(async () => {
	if ((globalThis as { n8nEngineUsed?: boolean }).n8nEngineUsed) {
		const { shutdownEngine } = await import('../../scripts/n8n-engine');
		shutdownEngine();
	}
});
