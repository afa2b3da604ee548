import type { PortalDefinition } from '../../core/contract/adapter';
import { DemoTelecomFlow } from './flow';

/** Demo Telecom: the bundled demonstration portal (testbeds/demo-portal), started by `npm run demo`. */
export const demoTelecom: PortalDefinition = {
	slug: 'demo-telecom',
	name: 'Demo Telecom (demonstration portal)',
	defaultUrl: 'http://127.0.0.1:8765',
	version: '1.0.0',
	codeValiditySeconds: 300,
	sessionMaxAgeSeconds: 12 * 3600,
	// Its e-mails come from its own domain, not from the address the demo runs at (127.0.0.1).
	mail: { from: 'demo-telecom.example' },
	// No `engine`: the browser. The adapter works through the surface alone and runs over plain
	// HTTP too (tests/integration/engine/demo-telecom-http.test.ts), but the demo stays as users know it:
	// the browser engine in its results, the captcha drawn as a PNG, screenshots with errors.
	createAdapter: () => new DemoTelecomFlow(),
};
