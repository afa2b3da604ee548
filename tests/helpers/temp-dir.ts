import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A fresh folder for a test, removed with its contents once the test file has finished: it is
 * made in the test file's own temporary folder, which the test environment removes
 * (tests/helpers/environment.ts).
 */
export function tempDir(prefix: string): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** The OS temp folder the run was started with, outside the test file's own (environment.ts). */
export { ENV_OUTER_TMPDIR } from '../../testbeds/outer-tmpdir';
