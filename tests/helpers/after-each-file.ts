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
