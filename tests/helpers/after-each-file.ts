import { closeBrowser } from '../../portals/core/browser/launch';
import { takeStartedPortals } from './demo';
import { stopStartedIdps } from './idp';
import { defaultStateDir } from '../../portals/core/store/state-dir';
import {
	auditRun,
	auditStatusFiles,
	auditText,
	captureLogs,
	findSecrets,
	reportScan,
	takeCollected,
	takeExtraSecrets,
} from './secret-scan';

captureLogs();
// The n8n harness (testbeds/n8n-engine.ts) hands every finished execution to this hook.
(globalThis as { invoicePortalsAuditRun?: typeof auditRun }).invoicePortalsAuditRun = auditRun;

// Every engine result and rejection goes into the secret scan, whoever called the engine.
jest.mock('../../portals/core/run/portal-run', () => {
	const actual = jest.requireActual('../../portals/core/run/portal-run');
	return {
		...actual,
		runPortal: async (...args: unknown[]) => {
			try {
				const result = await actual.runPortal(...args);
				auditText('engine result', result);
				return result;
			} catch (error) {
				auditText('engine error', {
					message: (error as Error)?.message,
					details: (error as { details?: unknown })?.details,
				});
				throw error;
			}
		},
	};
});

// Every test file: close its browser, then prove no forbidden button (pay, delete, cancel,
// accept) was pressed on any demo portal it started, and that nothing the package showed or
// logged contains a secret any of those portals issued or received.
afterAll(async () => {
	await closeBrowser();
	stopStartedIdps();
	const portals = takeStartedPortals();
	const violations = portals.flatMap((p) => p.state.violations);
	const secrets = new Set([
		...portals.flatMap((p) => p.state.secrets()),
		...defaultSecrets(),
		...takeExtraSecrets(),
	]);
	await Promise.all(portals.map((p) => p.close()));
	auditStatusFiles(defaultStateDir());
	const material = takeCollected();
	const hits = findSecrets(material, secrets);
	reportScan(expect.getState().testPath ?? '?', material, secrets.size, hits);
	expect(violations).toEqual([]);
	expect(hits).toEqual([]);
});

/** The seeded accounts' passwords and authenticator secrets: searched even in files without a portal. */
function defaultSecrets(): string[] {
	const { defaultSeed } = jest.requireActual('../../testbeds/demo-portal/seed');
	return defaultSeed.accounts.flatMap((a: { password: string; totpSecret?: string }) => [
		a.password,
		a.totpSecret ?? '',
	]);
}

// n8n-core keeps a clean-up interval running once a trigger ran; stop it so the worker can exit.
afterAll(async () => {
	if ((globalThis as { n8nEngineUsed?: boolean }).n8nEngineUsed) {
		const { shutdownEngine } = await import('../../testbeds/n8n-engine');
		shutdownEngine();
	}
});
