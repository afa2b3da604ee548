import { execFileSync } from 'node:child_process';

/** After the whole suite: no Chromium started by Playwright may still be running. */
export default async function noBrowserLeft(): Promise<void> {
	const deadline = Date.now() + 5_000;
	let left: string[] = [];
	do {
		const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
		left = ps
			.split('\n')
			.filter(
				(line) => line.includes('playwright_chromiumdev_profile') && !line.includes('ps -eo'),
			);
		if (left.length === 0) return;
		await new Promise((r) => setTimeout(r, 250));
	} while (Date.now() < deadline);
	throw new Error(
		`Chromium processes left running after the suite:\n${left.map((l) => l.slice(0, 160)).join('\n')}`,
	);
}
