import { chromium } from 'playwright';
import { findBrowser } from '../../../portals/core/browser/finder';
import { needsNoSandbox } from '../../../portals/core/browser/launch';
import { codeAt, parseTotpSecret } from '../../../portals/core/login/totp';

/**
 * What a user writes first: a Playwright script that starts its own browser, logs in, and
 * clicks each download in turn, page after page, customer number after customer number.
 * It has no memory, so it does the same work every time.
 */
export async function naiveRun(
	base: string,
	login: string,
	password: string,
	secret: string,
): Promise<{ files: number; bytes: number }> {
	const location = findBrowser();
	if (location.kind !== 'executable')
		throw new Error('the naive script starts its own browser; set a local Chromium');
	const browser = await chromium.launch({
		executablePath: location.path,
		args: needsNoSandbox() ? ['--no-sandbox'] : [],
	});
	try {
		const page = await browser.newPage({ acceptDownloads: true });
		// Twenty of these browsers starting at once on a small machine can take longer than
		// Playwright's 30-second default to load a page: the script is slow then, not broken.
		page.setDefaultTimeout(180_000);
		await page.goto(`${base}/login`);
		await page.fill('#username', login);
		await page.fill('#password', password);
		await Promise.all([page.waitForURL('**/login/verify'), page.click('button[type=submit]')]);
		// A code typed just before its 30-second window ends can arrive too late: try the next one.
		// With twenty browsers on two cores, typing and sending can take seconds: up to four tries
		// (the demo portal ends the login at the fifth wrong code).
		const signedIn = () => new URL(page.url()).pathname === '/dashboard';
		for (let attempt = 0; attempt < 4 && !signedIn(); attempt++) {
			await page.fill('#code', codeAt(parseTotpSecret(secret), Date.now()));
			await Promise.all([page.waitForEvent('framenavigated'), page.click('button[type=submit]')]);
			await page.waitForLoadState('domcontentloaded');
		}
		// Not signed in, it would find no documents and look fast: fail instead.
		if (!signedIn()) throw new Error(`naive login of ${login} failed at ${page.url()}`);
		await page.goto(`${base}/invoices`);
		const accounts = await page
			.locator('#account option')
			.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
		let files = 0;
		let bytes = 0;
		for (const account of accounts) {
			if ((await page.locator('#account').inputValue()) !== account) {
				// The switcher submits itself; the reloaded page marks the new customer number as selected.
				await page.selectOption('#account', account);
				await page.waitForSelector(`#account option[value="${account}"][selected]`, {
					state: 'attached',
				});
			}
			for (;;) {
				for (const button of await page.locator('#documents .download').all()) {
					const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
					const stream = await download.createReadStream();
					for await (const chunk of stream) bytes += (chunk as Buffer).length;
					files += 1;
				}
				const next = page.locator('.pager a[rel=next]');
				if ((await next.count()) === 0) break;
				const target = new URL((await next.getAttribute('href'))!, page.url()).toString();
				await Promise.all([page.waitForURL(target), next.click()]);
			}
		}
		return { files, bytes };
	} finally {
		await browser.close();
	}
}
