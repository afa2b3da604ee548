import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditText } from '../../helpers/secret-scan';
import { tempDir } from '../../helpers/temp-dir';

/**
 * The benchmark is a script, not a test of speed: this only keeps `npm run bench -- --quick`
 * working (every contender fetches every document, or the script fails) and checks what it
 * writes. Times are not asserted; logins and browser starts are behaviour, and they are.
 */
test('npm run bench -- --quick runs all five scenarios and writes bench-results.json', () => {
	const out = join(tempDir('bench-'), 'bench-results.json');
	const run = spawnSync(
		process.execPath,
		[
			join(__dirname, '..', '..', '..', 'dist', 'scripts', 'dev', 'bench.js'),
			'--quick',
			'--out',
			out,
		],
		{
			encoding: 'utf8',
			timeout: 210_000,
			env: { ...process.env, N8N_USER_FOLDER: tempDir('bench-n8n-') },
		},
	);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	auditText('npm run bench output', `${run.stdout}\n${run.stderr}`);
	expect(run.stdout).toMatch(/\| scenario +\| ours s +\| naive s +\| floor s/);
	const results = JSON.parse(readFileSync(out, 'utf8'));
	expect(results.machine).toMatchObject({ cpus: expect.any(Number), node: process.version });
	expect(results.settings).toMatchObject({ portal: 'demo-telecom-definition' });
	expect(results.scenarios.map((s: { name: string }) => s.name)).toEqual([
		'full',
		'incremental',
		'parallel',
		'full_browser',
		'parallel_browser',
	]);
	for (const s of results.scenarios) {
		for (const key of [
			'ours_s',
			'naive_s',
			'floor_s',
			'ratio_to_floor',
			'speedup_vs_naive',
			'peak_rss_mb',
		])
			expect(s[key]).toBeGreaterThan(0);
		expect(s.targets.length).toBeGreaterThan(0);
		// Each repetition is kept (quick mode: one), and the reported seconds are their median.
		expect(s.ours_runs_s).toHaveLength(results.settings.repetitions);
		expect(s.ours_runs_s).toContain(s.ours_s);
		expect(s.floor_runs_s).toContain(s.floor_s);
	}
	const byName = Object.fromEntries(results.scenarios.map((s: { name: string }) => [s.name, s]));
	// The definition's default engine stays on plain HTTP for the classic layout: no browser.
	expect(byName.full).toMatchObject({ engine: 'default', logins: 1, browsers_started: 0 });
	// Nothing new and a saved session: no login.
	expect(byName.incremental).toMatchObject({ logins: 0, browsers_started: 0 });
	// Five accounts at once, and not one browser: neither launched nor seen among the processes.
	expect(byName.parallel).toMatchObject({
		logins: 5,
		browsers_started: 0,
		browser_process_trees: 0,
	});
	// The browser forced: one browser for a full run, and five accounts share one.
	expect(byName.full_browser).toMatchObject({ engine: 'browser', logins: 1, browsers_started: 1 });
	expect(byName.parallel_browser).toMatchObject({
		logins: 5,
		browsers_started: 1,
		browser_process_trees: 1,
	});
}, 240_000);
