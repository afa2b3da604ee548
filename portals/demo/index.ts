import type { PortalDefinition } from '../core/adapter';
import { DemoTelecomFlow } from './adapter/flow';

/** Demo Telecom: the bundled demonstration portal (portals/demo/server), started by `npm run demo`. */
export const demoTelecom: PortalDefinition = {
	slug: 'demo-telecom',
	name: 'Demo Telecom (demonstration portal)',
	defaultUrl: 'http://127.0.0.1:8765',
	version: '1.0.0',
	codeValiditySeconds: 300,
	sessionMaxAgeSeconds: 12 * 3600,
	createAdapter: () => new DemoTelecomFlow(),
};
