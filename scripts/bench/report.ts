import { writeFileSync } from 'node:fs';

export interface ScenarioResult {
	name: 'full' | 'incremental' | 'parallel';
	ours_s: number;
	naive_s: number;
	floor_s: number;
	ratio_to_floor: number;
	speedup_vs_naive: number;
	/** Password logins ours made (the saved session makes it 0 in the incremental scenario). */
	logins: number;
	/** Peak resident memory of this Node process plus every browser process below it. */
	peak_rss_mb: number;
	browsers_started: number;
	browser_process_trees: number;
}

export interface BenchResults {
	machine: Record<string, unknown>;
	settings: Record<string, unknown>;
	scenarios: ScenarioResult[];
}

/** The targets of the issue, checked against the medians. */
export function targets(s: ScenarioResult): { target: string; met: boolean }[] {
	if (s.name === 'full') {
		return [
			{ target: '≤ 1.5× floor', met: s.ratio_to_floor <= 1.5 },
			{ target: '≥ 5× faster than naive', met: s.speedup_vs_naive >= 5 },
		];
	}
	if (s.name === 'incremental') {
		return [
			{ target: 'zero logins', met: s.logins === 0 },
			{ target: '≤ 2 s', met: s.ours_s <= 2 },
			{ target: '≥ 10× faster than naive', met: s.speedup_vs_naive >= 10 },
		];
	}
	return [
		{ target: 'peak memory ≤ 1.5 GB', met: s.peak_rss_mb <= 1536 },
		{ target: 'one browser process tree', met: s.browser_process_trees <= 1 },
	];
}

export function report(results: BenchResults, file: string): void {
	const withTargets = {
		...results,
		scenarios: results.scenarios.map((s) => ({ ...s, targets: targets(s) })),
	};
	writeFileSync(file, `${JSON.stringify(withTargets, null, 2)}\n`);
	const header = [
		'scenario',
		'ours s',
		'naive s',
		'floor s',
		'ours/floor',
		'vs naive',
		'logins',
		'peak MB',
		'browsers',
	];
	const rows = results.scenarios.map((s) =>
		[
			s.name,
			s.ours_s,
			s.naive_s,
			s.floor_s,
			`${s.ratio_to_floor}×`,
			`${s.speedup_vs_naive}×`,
			s.logins,
			s.peak_rss_mb,
			s.browsers_started,
		].map(String),
	);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
	console.log('');
	for (const s of withTargets.scenarios) {
		console.log(
			`${s.name}: ${s.targets.map((t) => `${t.met ? 'met' : 'MISSED'}: ${t.target}`).join('; ')}`,
		);
	}
	console.log(`\nMachine: ${JSON.stringify(results.machine)}\nWritten: ${file}`);
}
