import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import noBrowserLeft from './no-browser-left';
import noMailServerLeft from './no-mail-server-left';

/** After the suite: no stray Chromium or mail server, and one line saying what the secret scan covered. */
export default async function globalTeardown(): Promise<void> {
	const dir = process.env.INVOICE_PORTALS_SCAN_DIR;
	if (dir && existsSync(join(dir, 'scan.jsonl'))) {
		const files = readFileSync(join(dir, 'scan.jsonl'), 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as { texts: number; chars: number; secrets: number; hits: number });
		const sum = (k: 'texts' | 'chars' | 'secrets' | 'hits') => files.reduce((n, f) => n + f[k], 0);
		process.stdout.write(
			`secret scan: ${files.length} test files, ${sum('texts')} outputs/errors/log lines (${Math.round(sum('chars') / 1024)} KiB) searched for ${sum('secrets')} secrets, ${sum('hits')} hits\n`,
		);
	}
	// Also when no test file got as far as reporting (a run that failed to start).
	if (dir) rmSync(dir, { recursive: true, force: true });
	await noBrowserLeft(dir ? `INVOICE_PORTALS_SCAN_DIR=${dir}` : undefined);
	await noMailServerLeft();
}
