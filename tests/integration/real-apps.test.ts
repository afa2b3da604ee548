import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { withContext } from '../../portals/core/browser/launch';
import { ensureRealAppsInstalled, sha256 } from '../testbeds/real-apps';
import { fetchFileLinks, REAL_APPS, startRealApp, stopRealApps } from '../helpers/real-apps';

// Real open-source web applications from Debian's packages (tests/testbeds/real-apps), driven
// by a real Chromium. These tests prove the test bed itself: the Automatic portal's own
// assertions are to be added here. A missing package fails the file (never a skip).
beforeAll(() => ensureRealAppsInstalled());
afterAll(() => stopRealApps());

// The apps' state must live in their temporary folders only: the places where Debian's
// packages keep theirs are listed (path and modification time) before and after.
const SYSTEM_STATE = ['/etc/dokuwiki', '/var/lib/dokuwiki', '/etc/mediawiki', '/var/lib/mediawiki'];
const snapshot = () =>
	SYSTEM_STATE.flatMap((dir) =>
		readdirSync(dir, { recursive: true }).map((p) => {
			const path = join(dir, String(p));
			return `${path} ${statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 'dangling'}`;
		}),
	).sort();
let before: string[] = [];
beforeAll(() => (before = snapshot()));
afterAll(() => expect(snapshot()).toEqual(before));

describe.each(REAL_APPS)('$label', (which) => {
	test('anonymous visitors see no files; the user signs in with the form and downloads every file, byte for byte', async () => {
		const started = Date.now();
		const app = await startRealApp(which);
		const startMs = Date.now() - started;
		// Start time is part of the contract (under ~20 s); printed so it can be watched.
		console.log(`${which.label} ${app.version} started in ${startMs} ms at ${app.loginUrl}`);
		expect(startMs).toBeLessThan(20_000);
		expect(app.files.length).toBeGreaterThanOrEqual(4);
		expect(new Set(app.files.map((f) => sha256(f.bytes))).size).toBe(app.files.length);

		await withContext(async (context) => {
			const page = await context.newPage();
			// Anonymous: the start page sends the visitor to log in, and no file is listed.
			await page.goto(app.baseUrl);
			const entry = page.locator(which.anonymousLogin).first();
			if ((await entry.evaluate((e) => e.tagName)) === 'A')
				await Promise.all([page.waitForNavigation(), entry.click()]);
			await page.locator('input[type="password"]').waitFor();
			expect(await page.locator(which.fileLinks).count()).toBe(0);

			await which.signIn(page, app);
			expect(await page.locator(which.signedIn).count()).toBe(1);

			// The file list is reached by a link from the start page.
			await page.goto(app.baseUrl);
			await Promise.all([
				page.waitForNavigation(),
				page.getByRole('link', { name: which.listLinkText, exact: true }).first().click(),
			]);
			const body = await page.locator('body').innerText();
			for (const file of app.files) expect(body).toContain(file.name);

			const fetched = await fetchFileLinks(page, which.fileLinks);
			expect(fetched.every((f) => f.status === 200)).toBe(true);
			expect([...new Set(fetched.map((f) => f.sha256))].sort()).toEqual(
				app.files.map((f) => sha256(f.bytes)).sort(),
			);

			// The same links, without the session, give nothing.
			const anonymous = await context.browser()!.newContext();
			try {
				for (const f of fetched) {
					const response = await anonymous.request.get(f.url);
					expect(sha256(await response.body())).not.toBe(f.sha256);
				}
			} finally {
				await anonymous.close();
			}
		});
	});
});
