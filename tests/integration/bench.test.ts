import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditText } from '../helpers/secret-scan';

/**
 * The benchmark is a script, not a test of speed: this only keeps `npm run bench -- --quick`
 * working (every contender fetches every document, or the script fails) and checks what it
 * writes. Times are not asserted; logins and browser starts are behaviour, and they are.
 */
test('npm run bench -- --quick runs all three scenarios and writes bench-results.json', () => {
	const out = join(mkdtempSync(join(tmpdir(), 'bench-')), 'bench-results.json');
	const run = spawnSync(
		process.execPath,
		[join(__dirname, '..', '..', 'dist', 'scripts', 'bench.js'), '--quick', '--out', out],
		{
			encoding: 'utf8',
			timeout: 150_000,
			env: { ...process.env, N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'bench-n8n-')) },
		},
	);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	auditText('npm run bench output', `${run.stdout}\n${run.stderr}`);
	expect(run.stdout).toMatch(/\| scenario +\| ours s +\| naive s +\| floor s/);
	const results = JSON.parse(readFileSync(out, 'utf8'));
	expect(results.machine).toMatchObject({ cpus: expect.any(Number), node: process.version });
	expect(results.scenarios.map((s: { name: string }) => s.name)).toEqual([
		'full',
		'incremental',
		'parallel',
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
	}
	const [full, incremental, parallel] = results.scenarios;
	expect(full).toMatchObject({ logins: 1, browsers_started: 1 });
	// Nothing new and a saved session: no login, and no new browser in the same n8n process.
	expect(incremental).toMatchObject({ logins: 0, browsers_started: 0 });
	// Five accounts at once share one browser.
	expect(parallel).toMatchObject({ logins: 5, browsers_started: 1, browser_process_trees: 1 });
}, 180_000);
