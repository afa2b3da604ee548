import { closeBrowser } from '../../portals/core/browser/launch';
import { ENV_BROWSER } from '../../portals/core/browser/finder';

/**
 * For the tests of the calling describe block: every browser hidden (INVOICE_PORTALS_BROWSER=none,
 * as on n8n's stock image), so a run that reaches for one fails instead of quietly using it. The
 * shared browser a test before may have started is closed first: once running, it would serve new
 * contexts whatever the setting says.
 */
export function hideBrowsers(): void {
	let before: string | undefined;
	beforeAll(async () => {
		await closeBrowser();
		before = process.env[ENV_BROWSER];
		process.env[ENV_BROWSER] = 'none';
	});
	afterAll(() => {
		if (before === undefined) delete process.env[ENV_BROWSER];
		else process.env[ENV_BROWSER] = before;
	});
}
