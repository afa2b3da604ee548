import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditText } from '../../helpers/secret-scan';
import { tempDir } from '../../helpers/temp-dir';

/**
 * The benchmark is a script, not a test of speed: this only keeps `npm run bench -- --quick`
 * working (every contender fetches every document, or the script fails) and checks what it
 * writes. Times are not asserted; logins and browser starts are behaviour, and they are, and so
 * is what invoice_data read (an e-invoice found in every hybrid PDF of its sample).
 */

/** Runs the built benchmark in quick mode with `extra` arguments; its results, as written. */
function quickBench(extra: string[], timeout: number, before?: unknown) {
	const out = join(tempDir('bench-'), 'bench-results.json');
	if (before !== undefined) writeFileSync(out, JSON.stringify(before));
	const run = spawnSync(
		process.execPath,
		[
			join(__dirname, '..', '..', '..', 'dist', 'scripts', 'dev', 'bench.js'),
			'--quick',
			...extra,
			'--out',
			out,
		],
		{
			encoding: 'utf8',
			timeout,
			env: { ...process.env, N8N_USER_FOLDER: tempDir('bench-n8n-') },
		},
	);
	expect(run.stderr).toBe('');
	expect(run.status).toBe(0);
	auditText('npm run bench output', `${run.stdout}\n${run.stderr}`);
	return { stdout: run.stdout, results: JSON.parse(readFileSync(out, 'utf8')) };
}

/** A kind of file in bench-results.json's invoice_data entry. */
interface InvoiceGroup {
	files: number;
	e_invoices: number;
	exceptions: number;
	median_ms: number;
	p95_ms: number;
	max_ms: number;
	slowest: { file: string; ms: number }[];
}

/**
 * invoice_data in quick mode: a sample of the public e-invoice corpora (../shared/corpora; a
 * missing corpus fails the run), each kind of file timed, memory measured, both targets judged.
 */
function expectInvoiceData(
	stdout: string,
	s: {
		groups: Record<'hybrid_pdf' | 'xml' | 'plain_pdf' | 'pdf_as_plain', InvoiceGroup>;
		peak_rss_mb: number;
		start_rss_mb: number;
		max_rss_mb: number;
		[key: string]: unknown;
	},
): void {
	expect(stdout).toMatch(/\| invoice_data +\| files +\| e-invoices +\| median ms +\| p95 ms/);
	expect(stdout).toMatch(
		/invoice_data: (met|MISSED): median ≤ 50 ms per hybrid PDF; (met|MISSED): median ≤ 20 ms per XML/,
	);
	expect(s).toMatchObject({ name: 'invoice_data', sample: 'quick', repetitions: 1 });
	const { hybrid_pdf, xml, plain_pdf, pdf_as_plain } = s.groups;
	// A small sample, so that the suite stays fast; every hybrid PDF in it has its XML found.
	expect(hybrid_pdf.files).toBeGreaterThan(0);
	expect(hybrid_pdf.files).toBeLessThanOrEqual(8);
	expect(hybrid_pdf.e_invoices).toBe(hybrid_pdf.files);
	expect(s.unreadable_pdfs).toEqual([]);
	expect(xml.files).toBeGreaterThan(0);
	expect(xml.files).toBeLessThanOrEqual(8);
	// The corpus's one plain PDF, read as not an e-invoice.
	expect(plain_pdf).toMatchObject({ files: 1, e_invoices: 0 });
	// Every PDF of the sample also read as a plain invoice (its text, the XML ignored).
	expect(pdf_as_plain.files).toBe(hybrid_pdf.files + plain_pdf.files);
	for (const group of [hybrid_pdf, xml, plain_pdf, pdf_as_plain]) {
		expect(group.exceptions).toBe(0);
		expect(group.median_ms).toBeGreaterThan(0);
		expect(group.p95_ms).toBeGreaterThanOrEqual(group.median_ms);
		expect(group.max_ms).toBeGreaterThanOrEqual(group.p95_ms);
		expect(group.slowest[0].ms).toBe(group.max_ms);
	}
	expect(s.peak_rss_mb).toBeGreaterThan(0);
	expect(s.max_rss_mb).toBeGreaterThanOrEqual(s.start_rss_mb);
	expect(s.targets).toEqual([
		{ target: 'median ≤ 50 ms per hybrid PDF', met: hybrid_pdf.median_ms <= 50 },
		{ target: 'median ≤ 20 ms per XML', met: xml.median_ms <= 20 },
	]);
}

test('npm run bench -- --quick runs all seven scenarios and writes bench-results.json', () => {
	const { stdout, results } = quickBench([], 240_000);
	expect(stdout).toMatch(/\| scenario +\| ours s +\| naive s +\| floor s/);
	expect(results.machine).toMatchObject({ cpus: expect.any(Number), node: process.version });
	expect(results.settings).toMatchObject({ portal: 'demo-telecom-definition' });
	expect(results.scenarios.map((s: { name: string }) => s.name)).toEqual([
		'full',
		'incremental',
		'parallel',
		'full_browser',
		'parallel_browser',
		'app_api',
		'invoice_data',
	]);
	const portal = results.scenarios.slice(0, 5);
	expectInvoiceData(stdout, results.scenarios[6]);
	expectAppApi(results.scenarios[5]);
	for (const s of portal) {
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
	const byName = Object.fromEntries(portal.map((s: { name: string }) => [s.name, s]));
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
}, 270_000);

test('npm run bench -- --quick --only invoice_data runs that scenario alone', () => {
	const { stdout, results } = quickBench(['--only', 'invoice_data'], 60_000);
	expect(stdout).not.toMatch(/\| scenario +\| ours s/);
	expect(results.scenarios.map((s: { name: string }) => s.name)).toEqual(['invoice_data']);
	expectInvoiceData(stdout, results.scenarios[0]);
}, 90_000);

/** app_api's entry: what it measured, and the behaviour it counts (logins, browsers started). */
function expectAppApi(s: Record<string, unknown> & { targets: { met: boolean }[] }) {
	expect(s.name).toBe('app_api');
	for (const key of ['ours_s', 'ours_first_run_s', 'floor_s', 'rendered_s', 'rendered_signin_s'])
		expect(s[key]).toBeGreaterThan(0);
	// Of the unrounded medians: within a rounding step of the rounded ones' ratio.
	expect(s.ratio_to_floor).toBeCloseTo((s.ours_s as number) / (s.floor_s as number), 0);
	// The sign-in needs the page's scripts: one browser on the first run; the second run, with its
	// session saved, signs in no more and starts none.
	expect(s).toMatchObject({
		first_run_browsers_started: 1,
		second_run_browsers_started: 0,
		second_run_browser_process_trees: 0,
		second_run_logins: 0,
	});
	expect(s.targets).toHaveLength(3);
	expect(s.targets[2]).toEqual({
		target: '0 browsers started on a second run with a valid session',
		met: true,
	});
}

test('npm run bench -- --quick --only app_api measures /spa/ and keeps the other scenarios in the file', () => {
	const kept = { name: 'invoice_data', measured: 'before' };
	const { stdout, results } = quickBench(['--only', 'app_api'], 150_000, {
		machine: {},
		settings: { portal: 'demo-telecom-definition' },
		scenarios: [kept],
	});
	expect(stdout).toMatch(/app_api \(50 documents on \/spa\/\)/);
	expect(stdout).toMatch(/app_api: (met|MISSED): listing \+ downloads after sign-in ≤ 1\.3× floor/);
	expect(results.scenarios.map((s: { name: string }) => s.name)).toEqual([
		'invoice_data',
		'app_api',
	]);
	expect(results.scenarios[0]).toEqual(kept);
	expect(results.settings).toEqual({ portal: 'demo-telecom-definition' });
	expectAppApi(results.scenarios[1]);
}, 180_000);
