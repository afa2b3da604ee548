import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
	browserLaunchCount,
	closeBrowser,
	sharedBrowser,
	withContext,
} from '../../../portals/core/browser/launch';
import {
	ENV_BROWSER,
	ENV_BROWSER_ENDPOINT,
	ENV_CHROMIUM_PATH,
	ENV_HEADLESS,
	findBrowser,
} from '../../../portals/core/browser/finder';
import { runPortal } from '../../../portals/core/run/portal-run';
import { PortalError } from '../../../portals/core/outcomes/errors';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, startDemo } from '../../helpers/demo';

describe('finding the browser', () => {
	const none = () => false;
	const noCache = () => undefined;

	test('INVOICE_PORTALS_BROWSER=none hides every browser, even an explicit one, and says what still works', () => {
		const everything = () => true;
		expect(() =>
			findBrowser(
				{ [ENV_BROWSER]: 'none', [ENV_CHROMIUM_PATH]: '/usr/bin/chromium' },
				everything,
				() => '/cache/chrome',
			),
		).toThrow(
			/switched off here \(INVOICE_PORTALS_BROWSER=none\)\. Portals that work over plain HTTP run without one/,
		);
	});

	test('order: explicit path, then remote endpoint, then Playwright cache, then system paths', () => {
		const exists = (p: string) =>
			['/opt/chrome', '/usr/bin/chromium', '/usr/bin/google-chrome'].includes(p);
		expect(
			findBrowser(
				{ [ENV_CHROMIUM_PATH]: '/opt/chrome', [ENV_BROWSER_ENDPOINT]: 'ws://b:3000' },
				exists,
				() => '/cache/chrome',
			),
		).toMatchObject({ kind: 'executable', path: '/opt/chrome' });
		expect(
			findBrowser({ [ENV_BROWSER_ENDPOINT]: 'ws://b:3000' }, exists, () => '/cache/chrome'),
		).toMatchObject({ kind: 'endpoint', endpoint: 'ws://b:3000' });
		expect(findBrowser({}, exists, () => '/cache/chrome')).toMatchObject({
			kind: 'executable',
			path: '/cache/chrome',
			source: 'playwright cache',
		});
		expect(findBrowser({}, exists, noCache)).toMatchObject({
			kind: 'executable',
			path: '/usr/bin/chromium',
			source: 'system',
		});
		expect(findBrowser({}, (p) => p === '/usr/bin/google-chrome', noCache)).toMatchObject({
			path: '/usr/bin/google-chrome',
		});
	});

	test("a headless run takes Chromium's headless shell first; a run that shows the window skips it", () => {
		const exists = (p: string) =>
			['/usr/bin/chromium', '/usr/bin/chromium-headless-shell'].includes(p);
		expect(findBrowser({}, exists, noCache)).toMatchObject({
			path: '/usr/bin/chromium-headless-shell',
			source: 'system',
		});
		expect(findBrowser({ [ENV_HEADLESS]: 'false' }, exists, noCache)).toMatchObject({
			path: '/usr/bin/chromium',
		});
		// Chosen paths still win over it.
		expect(
			findBrowser({ [ENV_CHROMIUM_PATH]: '/usr/bin/chromium' }, exists, noCache),
		).toMatchObject({ path: '/usr/bin/chromium' });
		// Only the shell installed, and a window wanted: no browser, and the error says how to get one.
		expect(() =>
			findBrowser(
				{ [ENV_HEADLESS]: 'false' },
				(p) => p === '/usr/bin/chromium-headless-shell',
				noCache,
			),
		).toThrow(
			/\/usr\/bin\/chromium-headless-shell is Chromium's headless shell, which cannot show a window, and one was asked for \(--headed, or INVOICE_PORTALS_HEADLESS=false\)\. Run without the window, or install full Chromium/,
		);
		// Nor when the shell is chosen by path: it would start, headless all the same.
		expect(() =>
			findBrowser(
				{ [ENV_HEADLESS]: 'false', [ENV_CHROMIUM_PATH]: '/usr/bin/chromium-headless-shell' },
				exists,
				noCache,
			),
		).toThrow(/is Chromium's headless shell, which cannot show a window/);
	});

	test('none found: one error that says so and lists every way to fix it', () => {
		let error: PortalError | undefined;
		try {
			findBrowser({}, none, noCache);
		} catch (e) {
			error = e as PortalError;
		}
		expect(error).toBeInstanceOf(PortalError);
		expect(error!.code).toBe('BROWSER_UNAVAILABLE');
		expect(error!.message).toMatch(/No Chromium browser was found/);
		for (const fix of [
			'apt-get install -y chromium',
			'npx playwright install chromium',
			ENV_CHROMIUM_PATH,
			ENV_BROWSER_ENDPOINT,
		])
			expect(error!.message).toContain(fix);
		expect(error!.stack ?? '').not.toMatch(/ENOENT/);
	});

	test('an explicit path that does not exist is named in the error', () => {
		expect(() => findBrowser({ [ENV_CHROMIUM_PATH]: '/nope/chrome' }, none, noCache)).toThrow(
			/INVOICE_PORTALS_CHROMIUM_PATH is set to "\/nope\/chrome", but no file is there/,
		);
	});
});

/** The shared browser's main process, as Chromium reports it. */
async function browserPid(): Promise<number | undefined> {
	const cdp = await (await sharedBrowser()).newBrowserCDPSession();
	const info = (await cdp.send('SystemInfo.getProcessInfo')) as {
		processInfo: { type: string; id: number }[];
	};
	await cdp.detach();
	return info.processInfo.find((p) => p.type === 'browser')?.id;
}

describe('one shared browser, one isolated context per login', () => {
	let demo: DemoPortal;
	beforeAll(async () => {
		demo = await startDemo();
	});
	afterAll(() => closeBrowser());

	test("parallel logins share one browser process and do not see each other's cookies", async () => {
		await closeBrowser();
		const before = browserLaunchCount();
		const [anna, tom] = await Promise.all(
			['anna@example.test', 'tom@example.test'].map((login) =>
				runPortal({
					portal: demoTelecom,
					baseUrl: demo.url,
					credentials: credentials(login),
					mode: 'list',
				}),
			),
		);
		expect(anna.selected.every((d) => d.accountId.startsWith('CUST-10'))).toBe(true);
		expect(tom.selected.every((d) => d.accountId.startsWith('CUST-20'))).toBe(true);
		expect(browserLaunchCount() - before).toBe(1);
		expect((await sharedBrowser()).contexts()).toHaveLength(0);
	});

	test('at most INVOICE_PORTALS_MAX_CONTEXTS logins hold a context at once; the others wait, and a waiting one can be cancelled', async () => {
		process.env.INVOICE_PORTALS_MAX_CONTEXTS = '2';
		try {
			const browser = await sharedBrowser();
			let most = 0;
			const watch = setInterval(() => (most = Math.max(most, browser.contexts().length)), 5);
			const logins = [
				'anna@example.test',
				'tom@example.test',
				'anna@example.test',
				'tom@example.test',
				'anna@example.test',
			];
			const runs = await Promise.all(
				logins.map((login) =>
					runPortal({
						portal: demoTelecom,
						baseUrl: demo.url,
						credentials: credentials(login),
						mode: 'list',
					}),
				),
			);
			clearInterval(watch);
			expect(runs.map((r) => r.status)).toEqual(logins.map(() => 'connected'));
			expect(most).toBe(2);

			// Two slots taken: a third run waits, and cancelling it ends it without a context.
			let finish!: () => void;
			const hold = new Promise<void>((done) => (finish = done));
			const holders = [withContext(() => hold), withContext(() => hold)];
			const controller = new AbortController();
			const waiting = withContext(async () => 'ran', {}, controller.signal);
			controller.abort();
			await expect(waiting).rejects.toThrow(/aborted/);
			finish();
			await Promise.all(holders);
			// The slots are free again.
			expect(await withContext(async () => 'ran')).toBe('ran');
			expect(browser.contexts()).toHaveLength(0);
		} finally {
			delete process.env.INVOICE_PORTALS_MAX_CONTEXTS;
		}
	});

	test('contexts are closed after a failure and after a cancellation', async () => {
		const browser = await sharedBrowser();
		await expect(
			withContext(async () => {
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		expect(browser.contexts()).toHaveLength(0);

		// Cancel at many moments: while the context is created, the page opened, the login
		// filled in, the list read, the files downloaded. Each run must end at once, closed. The
		// portal answers slowly so that the last moment still falls inside the run: on the local
		// portal a whole run can take less than the latest of them.
		const slow = await startDemo({ latencyMs: 60 });
		for (const delay of [0, 20, 60, 120, 250, 500, 900]) {
			const controller = new AbortController();
			const run = runPortal({
				portal: demoTelecom,
				baseUrl: slow.url,
				credentials: credentials('anna@example.test'),
				mode: 'download',
				signal: controller.signal,
			});
			setTimeout(() => controller.abort(), delay);
			await expect(run).rejects.toThrow(/aborted/);
			expect(browser.contexts()).toHaveLength(0);
		}
	});

	test("downloads run in Chromium's headless shell where it is installed, and in full Chromium when that is chosen", async () => {
		// The program behind the shared browser's main process, as the kernel knows it.
		const program = async () => basename(readlinkSync(`/proc/${await browserPid()}/exe`));
		const download = () =>
			runPortal({
				portal: demoTelecom,
				baseUrl: demo.url,
				credentials: credentials('anna@example.test'),
				mode: 'download',
			});
		// .ci/run installs Debian's chromium and chromium-headless-shell; a browser chosen by
		// path or endpoint would win over both, so this test sets those aside.
		for (const path of ['/usr/bin/chromium', '/usr/bin/chromium-headless-shell'])
			if (!existsSync(path))
				throw new Error(`npm test needs ${path}: run .ci/run, or see CONTRIBUTING.md`);
		const chosen = {
			path: process.env[ENV_CHROMIUM_PATH],
			endpoint: process.env[ENV_BROWSER_ENDPOINT],
		};
		const full = findBrowser({ [ENV_HEADLESS]: 'false' });
		try {
			delete process.env[ENV_CHROMIUM_PATH];
			delete process.env[ENV_BROWSER_ENDPOINT];
			await closeBrowser();
			const inShell = await download();
			expect(await program()).toBe('chromium-headless-shell');

			if (full.kind !== 'executable') throw new Error(`expected a local browser, got ${full.kind}`);
			process.env[ENV_CHROMIUM_PATH] = full.path;
			await closeBrowser();
			const inFull = await download();
			expect(await program()).toMatch(/^(chromium|chrome)$/);

			for (const run of [inShell, inFull])
				expect(run).toMatchObject({ status: 'connected', engine: 'browser', loginPerformed: true });
			expect(inShell.documents.length).toBeGreaterThan(0);
			expect(inFull.documents.map((d) => d.sha256)).toEqual(inShell.documents.map((d) => d.sha256));
		} finally {
			for (const [name, value] of [
				[ENV_CHROMIUM_PATH, chosen.path],
				[ENV_BROWSER_ENDPOINT, chosen.endpoint],
			] as const)
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			await closeBrowser();
		}
	});

	test('closing the shared browser ends its process', async () => {
		const pid = await browserPid();
		await closeBrowser();
		await new Promise((r) => setTimeout(r, 500));
		expect(typeof pid).toBe('number');
		expect(() => process.kill(pid!, 0)).toThrow();
	});
});

describe('a remote browser through its CDP endpoint', () => {
	let chromium: ChildProcess | undefined;
	let profile: string;
	let demo: DemoPortal;

	beforeAll(async () => {
		demo = await startDemo();
		const location = findBrowser();
		if (location.kind !== 'executable')
			throw new Error('this test starts a local Chromium to stand in for a browser container');
		profile = mkdtempSync(join(tmpdir(), 'remote-browser-'));
		chromium = spawn(
			location.path,
			[
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--remote-debugging-address=127.0.0.1',
				'--remote-debugging-port=0',
				`--user-data-dir=${profile}`,
				'--no-first-run',
				'--disable-background-networking',
				'about:blank',
			],
			{ stdio: ['ignore', 'ignore', 'pipe'], detached: true },
		);
		const endpoint = await new Promise<string>((resolve, reject) => {
			let seen = '';
			chromium!.stderr!.on('data', (chunk) => {
				seen += chunk;
				const match = seen.match(/DevTools listening on (ws:\/\/\S+)/);
				if (match) resolve(match[1]);
			});
			chromium!.once('exit', () => reject(new Error(`chromium exited: ${seen.slice(0, 300)}`)));
		});
		await closeBrowser();
		process.env[ENV_BROWSER_ENDPOINT] = endpoint;
	});

	afterAll(async () => {
		delete process.env[ENV_BROWSER_ENDPOINT];
		await closeBrowser();
		if (chromium && chromium.exitCode === null && chromium.signalCode === null) {
			// Chromium's helper processes outlive its main process: end the whole process group
			// (it was started detached, as its own group), and wait for the main one to go.
			const exited = new Promise((resolve) => chromium!.once('exit', resolve));
			process.kill(-chromium.pid!, 'SIGKILL');
			await exited;
		}
		// Best effort: a temporary profile left behind is harmless.
		try {
			rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
		} catch {
			// ignored on purpose
		}
	});

	test('a run uses the remote browser and works the same', async () => {
		const result = await runPortal({
			portal: demoTelecom,
			baseUrl: demo.url,
			credentials: credentials('tom@example.test'),
			mode: 'check',
		});
		expect(result.status).toBe('connected');
		// Nothing was launched by this process: Playwright's launches are its children and use a
		// playwright_chromiumdev_profile folder (other test workers may have their own).
		const ours = execFileSync('ps', ['-eo', 'ppid=,args='], { encoding: 'utf8' })
			.split('\n')
			.filter(
				(line) =>
					line.trim().startsWith(`${process.pid} `) &&
					line.includes('playwright_chromiumdev_profile'),
			);
		expect(ours).toEqual([]);
	});
});
