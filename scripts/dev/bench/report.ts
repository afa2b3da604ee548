import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { InvoiceDataResult } from './invoice-data';
import { invoiceTargets, printInvoiceData } from './invoice-report';
import type { AppApiResult } from './app-api';
import { appApiTargets, printAppApi } from './app-api-report';

/**
 * full, incremental, parallel: ours on the definition's default engine (auto: plain HTTP on the
 * demo's server-rendered pages); full_browser, parallel_browser: the same definition with the
 * browser forced.
 */
export type ScenarioName =
	| 'full'
	| 'incremental'
	| 'parallel'
	| 'full_browser'
	| 'parallel_browser';

export interface ScenarioResult {
	name: ScenarioName;
	/** The definition's engine setting: as shipped (`auto`), or `browser` forced. */
	engine: 'default' | 'browser';
	ours_s: number;
	/** Each repetition's seconds (ours_s is their median): a slow repetition shows here. */
	ours_runs_s: number[];
	floor_runs_s: number[];
	naive_s: number;
	floor_s: number;
	ratio_to_floor: number;
	speedup_vs_naive: number;
	/** Password logins ours made (the saved session makes it 0 in the incremental scenario). */
	logins: number;
	/**
	 * Peak memory of ours' own process (n8n's engine and this package, not the portal): its RSS,
	 * plus the PSS of every process below it (its browser).
	 */
	peak_rss_mb: number;
	/** The same process just before that run (after a full GC): what the peak started from. */
	start_rss_mb: number;
	/** Chromium launches by ours in the scenario (browserLaunchCount). */
	browsers_started: number;
	/** The most Chromium process trees seen below ours' process while the scenario ran. */
	browser_process_trees: number;
}

export interface BenchResults {
	machine: Record<string, unknown>;
	/** The portal scenarios' settings (the invoice_data entry carries its own). */
	settings: Record<string, unknown>;
	scenarios: AnyScenario[];
}

export type AnyScenario = ScenarioResult | InvoiceDataResult | AppApiResult;

const isInvoiceData = (s: AnyScenario): s is InvoiceDataResult => s.name === 'invoice_data';
const isAppApi = (s: AnyScenario): s is AppApiResult => s.name === 'app_api';
const targetsOf = (s: AnyScenario) =>
	isInvoiceData(s) ? invoiceTargets(s) : isAppApi(s) ? appApiTargets(s) : targets(s);

/** The targets of the issue (17), checked against the medians. */
export function targets(s: ScenarioResult): { target: string; met: boolean }[] {
	switch (s.name) {
		case 'full':
			return [{ target: '≤ 1.2× floor', met: s.ratio_to_floor <= 1.2 }];
		case 'incremental':
			return [
				{ target: 'zero logins', met: s.logins === 0 },
				{ target: '≤ 1 s', met: s.ours_s <= 1 },
				{ target: '≥ 20× faster than naive', met: s.speedup_vs_naive >= 20 },
			];
		case 'parallel':
			return [
				{ target: '≤ 3× floor', met: s.ratio_to_floor <= 3 },
				{ target: 'peak memory ≤ 300 MB', met: s.peak_rss_mb <= 300 },
				// Counted twice: Chromium launches, and Chromium processes seen below ours' process.
				{
					target: 'no browser started',
					met: s.browsers_started === 0 && s.browser_process_trees === 0,
				},
			];
		case 'full_browser':
			return [{ target: '≤ 1.5× floor', met: s.ratio_to_floor <= 1.5 }];
		case 'parallel_browser':
			return [{ target: 'peak memory ≤ 1.5 GB', met: s.peak_rss_mb <= 1536 }];
	}
}

/**
 * Writes `file` and prints the table and the targets. `keepOthers` (a run with --only): the
 * scenarios of `file` that this run did not measure stay in it as they were, with the settings of
 * the portal scenarios that measured them.
 */
export function report(results: BenchResults, file: string, keepOthers = false): void {
	const withTargets = {
		...results,
		scenarios: results.scenarios.map((s) => ({
			...s,
			targets: targetsOf(s),
		})),
	};
	writeFileSync(
		file,
		`${JSON.stringify(keepOthers ? merged(withTargets, file) : withTargets, null, 2)}\n`,
	);
	const portal = results.scenarios.filter((s) => !isInvoiceData(s) && !isAppApi(s));
	if (portal.length) printPortal(portal as ScenarioResult[]);
	for (const s of results.scenarios) if (isAppApi(s)) printAppApi(s);
	for (const s of results.scenarios) if (isInvoiceData(s)) printInvoiceData(s);
	console.log('');
	for (const s of withTargets.scenarios) {
		console.log(
			`${s.name}: ${s.targets.map((t) => `${t.met ? 'met' : 'MISSED'}: ${t.target}`).join('; ')}`,
		);
	}
	console.log(`\nMachine: ${JSON.stringify(results.machine)}\nWritten: ${file}`);
}

function merged(results: BenchResults, file: string): BenchResults {
	if (!existsSync(file)) return results;
	const before = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
	const measured = new Set(results.scenarios.map((s) => s.name));
	const kept = before.scenarios.filter((s) => !measured.has(s.name));
	const portalMeasured = results.scenarios.some((s) => !isInvoiceData(s) && !isAppApi(s));
	return {
		machine: results.machine,
		settings: portalMeasured ? results.settings : before.settings,
		scenarios: [...kept, ...results.scenarios],
	};
}

/** The portal scenarios' table. */
function printPortal(scenarios: ScenarioResult[]): void {
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
	const rows = scenarios.map((s) =>
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
}
