import type { AppApiResult } from './app-api';

/** app_api's targets (issue 33, section 7), checked against the medians. */
export function appApiTargets(s: AppApiResult): { target: string; met: boolean }[] {
	return [
		{
			target: 'listing + downloads after sign-in ≤ 1.3× floor',
			met: s.ratio_to_floor <= 1.3,
		},
		{
			target: '≥ 5× faster than reading the rendered list in the browser',
			met: s.speedup_vs_rendered >= 5,
		},
		// Counted twice: Chromium launches, and Chromium processes seen below ours' process.
		{
			target: '0 browsers started on a second run with a valid session',
			met: s.second_run_browsers_started === 0 && s.second_run_browser_process_trees === 0,
		},
	];
}

export function printAppApi(s: AppApiResult): void {
	const rows: [string, string][] = [
		['ours: listing + downloads after sign-in', `${s.ours_s} s (${s.ours_runs_s.join(', ')})`],
		['floor: listing + downloads (JSON API)', `${s.floor_s} s (${s.floor_runs_s.join(', ')})`],
		[
			'rendered: listing + downloads (browser)',
			`${s.rendered_s} s (${s.rendered_runs_s.join(', ')})`,
		],
		[
			'sign-in: ours / floor / rendered',
			`${s.ours_signin_s} / ${s.floor_signin_s} / ${s.rendered_signin_s} s`,
		],
		[
			'ours first run (sign-in included)',
			`${s.ours_first_run_s} s, ${s.first_run_browsers_started} browser(s)`,
		],
		[
			'ours second run (saved session, Only New)',
			`${s.ours_second_run_s} s, ${s.second_run_browsers_started} browser(s), ${s.second_run_logins} login(s)`,
		],
		['ours / floor', `${s.ratio_to_floor}×`],
		[
			'rendered / ours',
			`${s.speedup_vs_rendered}× (first runs, sign-in included: ${s.speedup_vs_rendered_first_run}×)`,
		],
		['peak MB (ours)', String(s.peak_rss_mb)],
	];
	const width = Math.max(...rows.map(([k]) => k.length));
	console.log(`\napp_api (${s.settings.documents} documents on /spa/):`);
	for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}
