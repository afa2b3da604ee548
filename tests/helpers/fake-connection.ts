import type { PortalDefinition } from '../../portals/core/contract/adapter';
import type { Connection } from '../../portals/core/run/connection-run';

/**
 * A portal that is never opened and a connection to it: for connection runs whose portal run a
 * test replaces (what runConnection keeps and records, not what a portal shows).
 */
export const fakePortal: PortalDefinition = {
	slug: 'fake',
	name: 'Fake portal',
	defaultUrl: 'http://127.0.0.1:9',
	version: '1',
	codeValiditySeconds: 300,
	sessionMaxAgeSeconds: 3600,
	createAdapter: () => {
		throw new Error('no browser in this test');
	},
};

export const fakeConnection: Connection = {
	portal: fakePortal,
	credentials: { username: 'anna@example.test', password: 'anna-pass' },
	key: 'cred-1:fake:anna',
	label: 'Anna (Fake portal)',
	credentialId: 'cred-1',
};
