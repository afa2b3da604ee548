import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { withContext } from '../../../portals/core/browser/launch';
import { ensureRealAppsInstalled, sha256 } from '../../../testbeds/real-apps';
import { fetchFileLinks, REAL_APPS, startRealApp, stopRealApps } from '../../helpers/real-apps';
import { runConnection } from '../../../portals/core/run/connection-run';
import { StatusStore } from '../../../portals/core/status/status-store';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import type { RealApp } from '../../../testbeds/real-apps';
import { runCli } from '../../helpers/cli';
import { definitionProblems } from '../../../portals/definitions/validate';
import { tempDir } from '../../helpers/temp-dir';

// Real open-source web applications from Debian's packages (testbeds/real-apps), driven
// by a real Chromium: first the test bed itself (a person's way in), then the Automatic portal,
// given only the login URL and the credentials (issue 16, section 7). A missing package fails
// the file (never a skip).
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

// The test bed itself, once per application (with two-factor on, the bed is the same; the
// Automatic test below signs in through its code page).
describe.each(REAL_APPS.filter((c) => !c.twoFactor))('$label', (which) => {
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

/** One Automatic run through the connection run every node uses, with the connection's stored record. */
const automaticRun = (app: RealApp, stored: unknown, store: StatusStore) =>
	runConnection(
		{
			portal: automaticPortal({ loginUrl: app.loginUrl }),
			credentials: {
				username: app.username,
				password: app.password,
				authenticatorSecret: app.totpSecret,
			},
			key: `real-app:${app.name}`,
			label: app.name,
		},
		stored,
		{
			operation: { mode: 'download', filters: {}, onlyNew: true },
			source: 'test',
			manual: false,
		},
		{ store },
	);

describe.each(REAL_APPS)('Automatic on $label', (which) => {
	test('given only the login URL: logs in, finds every file, downloads it byte for byte; the second run with Only New delivers nothing; --discover saves a definition the checker passes', async () => {
		const app = await startRealApp(which);
		const store = new StatusStore(tempDir('real-app-status-'));
		const started = Date.now();
		const first = await automaticRun(app, undefined, store);
		const seconds = (Date.now() - started) / 1000;
		if (!first.ran) throw new Error('held back');
		const { result } = first;
		// Printed for the table of real applications in docs/architecture.md.
		console.log(
			`Automatic on ${which.label} ${app.version}: ${result.status} ${result.reason ?? ''} in ${seconds.toFixed(1)} s\n${(result.discovery ?? []).join('\n')}`,
		);
		expect(result.status).toBe('connected');
		expect(result.reason).toBeUndefined();
		expect(result.documents.map((d) => d.sha256).sort()).toEqual(
			app.files.map((f) => sha256(f.bytes)).sort(),
		);
		for (const doc of result.documents) {
			const file = app.files.find((f) => sha256(f.bytes) === doc.sha256)!;
			expect(Buffer.compare(doc.data, file.bytes)).toBe(0);
		}

		const second = await automaticRun(app, first.delivered, store);
		if (!second.ran) throw new Error('held back');
		expect(second.result.status).toBe('connected');
		expect(second.result.documents).toEqual([]);

		// The same from a terminal: --discover saves a definition, which the checker then passes
		// (once per application: with two-factor on, the same pages).
		if (which.twoFactor) return;
		const script = join(
			__dirname,
			'..',
			'..',
			'..',
			'dist',
			'scripts',
			'commands',
			'portal-check.js',
		);
		const file = join(tempDir('discover-'), 'x.json');
		const env = {
			INVOICE_PORTALS_CHECK_USERNAME: app.username,
			INVOICE_PORTALS_CHECK_PASSWORD: app.password,
			INVOICE_PORTALS_CHECK_TOTP_SECRET: app.totpSecret ?? '',
		};
		const out = tempDir('discover-out-');
		const found = await runCli([script, '--discover', app.loginUrl, '--save', file, '--out', out], {
			env,
		});
		expect(found.out).toMatch(/✓ saved: /);
		expect(found.code).toBe(0);
		expect(definitionProblems(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
		const checked = await runCli([script, file, '--out', out], { env });
		expect(checked.out).toMatch(/✓ download: /);
		expect(checked.code).toBe(0);
	}, 240_000);
});
