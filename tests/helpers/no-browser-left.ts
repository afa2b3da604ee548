import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Whether a process was started by this test run: Chromium inherits the workers' environment,
 * which holds the run's own scan folder. Other runs on the same machine (a CI run beside a
 * developer's) have their own, so their browsers do not count.
 */
function startedBy(pid: string, marker: string | undefined): boolean {
	if (!marker) return true;
	try {
		return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(marker);
	} catch {
		// Gone meanwhile, or not ours to read.
		return false;
	}
}

/** After the whole suite: no Chromium started by Playwright in this run may still be running. */
export default async function noBrowserLeft(marker?: string): Promise<void> {
	const deadline = Date.now() + 5_000;
	let left: string[] = [];
	do {
		const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
		left = ps
			.split('\n')
			.filter(
				(line) =>
					line.includes('playwright_chromiumdev_profile') &&
					!line.includes('ps -eo') &&
					startedBy(line.trim().split(/\s+/)[0], marker),
			);
		if (left.length === 0) return;
		await new Promise((r) => setTimeout(r, 250));
	} while (Date.now() < deadline);
	throw new Error(
		`Chromium processes left running after the suite:\n${left.map((l) => l.slice(0, 160)).join('\n')}`,
	);
}
