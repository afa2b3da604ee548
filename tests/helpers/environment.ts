import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import NodeEnvironment from 'jest-environment-node';
import { ENV_OUTER_TMPDIR } from './temp-dir';

/**
 * Jest's Node environment, plus: each test file gets a temporary folder of its own as the OS
 * temp folder (TMPDIR, which os.tmpdir() follows), removed with everything in it when the file
 * is done. So nothing a test file leaves there outlives it: its n8n user and files folders
 * (env.ts), the folders its tests make (tempDir), what the scripts it starts leave, and
 * Playwright's Chromium profiles (playwright_chromiumdev_profile-*), which Playwright removes when
 * the browser closes but which full runs still left behind now and then (holding caches Chromium
 * wrote), and which stay for good when a process ends without closing its browser.
 *
 * Removed in teardown rather than in an afterAll hook (after-each-file.ts): Jest runs afterAll
 * hooks in the order they were defined, so a test file's own hooks (stopping its servers, its
 * triggers) run after those of after-each-file.ts and may still use the folder; teardown comes
 * after every hook. Jest runs one test file at a time in a process, so setting TMPDIR in this
 * process holds for this file only; it is restored afterwards.
 */
export default class TestEnvironment extends NodeEnvironment {
	private readonly outerTmp = process.env.TMPDIR;
	private readonly ownTmp: string;

	constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
		super(config, context);
		this.ownTmp = mkdtempSync(join(tmpdir(), 'test-file-'));
		// mkdtemp makes it 0700; a test bed daemon that runs as a user of its own (PostgreSQL, under
		// root) must pass through it to its folder inside, as through /tmp.
		chmodSync(this.ownTmp, 0o711);
		// Set in this process's environment (os.tmpdir() in the test file and in Playwright) and in
		// the test file's copy of it (process.env there, which child processes inherit). The OS temp
		// folder itself stays at hand for what needs short paths (the mail server test bed's unix
		// sockets) and removes its folder itself.
		const env = (this.global.process as NodeJS.Process).env;
		process.env[ENV_OUTER_TMPDIR] = env[ENV_OUTER_TMPDIR] = tmpdir();
		process.env.TMPDIR = env.TMPDIR = this.ownTmp;
	}

	async teardown(): Promise<void> {
		delete process.env[ENV_OUTER_TMPDIR];
		if (this.outerTmp === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = this.outerTmp;
		rmSync(this.ownTmp, { recursive: true, force: true, maxRetries: 5 });
		await super.teardown();
	}
}
