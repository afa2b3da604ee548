import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { browserLaunchCount, closeBrowser } from '../portals/core/browser/launch';
import { startDemoPortal } from '../tests/testbeds/demo-portal';
import { ensureBrowser } from './ensure-browser';
import { httpFetchAll, httpLogin } from './bench/floor';
import { startPeakSampler } from './bench/memory';
import { naiveRun } from './bench/naive';
import { oursRun } from './bench/ours';
import { report, type ScenarioResult } from './bench/report';
import { BENCH_TOTP_SECRET, benchSeed, type BenchAccount } from './bench/seed';

/**
 * `npm run bench [-- --quick] [--latency MS] [--reps N] [--docs N] [--parallel N] [--out FILE]`: full sync, incremental sync
 * and 20 parallel accounts against the demo portal, for ours (the node in n8n's engine), a naive
 * Playwright script and the raw-HTTP floor; alternating, repeated, medians reported. Prints a
 * table and writes bench-results.json. A script, not a test: it asserts nothing about times.
 */
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
	const at = args.indexOf(`--${name}`);
	return at >= 0 ? Number(args[at + 1]) : fallback;
};
const quick = flag('quick');
const at = args.indexOf('--out');
const OUT = at >= 0 ? args[at + 1] : join(process.cwd(), 'bench-results.json');
const DOCS = option('docs', quick ? 50 : 500);
const PARALLEL = option('parallel', quick ? 5 : 20);
const REPS = option('reps', quick ? 1 : 3);
const LATENCY = option('latency', 20);
const CONCURRENCY = 4; // the engine's default download concurrency; the floor uses the same

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

interface Measured {
	seconds: number;
	files: number;
	peakMb: number;
	browserTrees: number;
}

async function measure(work: () => Promise<number>): Promise<Measured> {
	const sampler = startPeakSampler();
	const started = performance.now();
	const files = await work();
	const seconds = (performance.now() - started) / 1000;
	const { peakMb, maxBrowserTrees } = sampler.stop();
	return { seconds, files, peakMb, browserTrees: maxBrowserTrees };
}

function expectFiles(name: string, got: number, want: number): void {
	if (got !== want) throw new Error(`${name}: expected ${want} documents, got ${got}`);
}

async function main(): Promise<void> {
	// The demo portals are listed only in demo mode.
	process.env.INVOICE_PORTALS_DEMO ??= 'true';
	process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'invoice-portals-bench-'));
	ensureBrowser();
	const { seed, main: account, others } = benchSeed(DOCS, PARALLEL);
	const demo = await startDemoPortal({
		seed,
		latencyMs: LATENCY,
		pageSize: 25,
		pdfBytes: 30_000,
		pdfBytesMax: 60_000,
		sessionTtlSeconds: 86_400,
	});
	const docsOf = (a: BenchAccount) =>
		demo.state.documents.filter((d) => d.login === a.login).length;
	const logins = () => [...demo.state.passwordLogins.values()].reduce((a, b) => a + b, 0);
	console.log(
		`Demo portal ${demo.url}: ${docsOf(account)} documents (30–60 KB), ${LATENCY} ms latency per request, ${REPS} repetition(s)\n`,
	);

	const times: Record<string, Record<string, number[]>> = {
		full: { ours: [], naive: [], floor: [] },
		incremental: { ours: [], floor: [] },
		parallel: { ours: [], naive: [], floor: [] },
	};
	const ours: Record<
		string,
		{ logins: number; peakMb: number; browsers: number; browserTrees: number }
	> = {};
	const note = (scenario: string, m: Measured, loginDelta: number, browsers: number) => {
		const seen = ours[scenario];
		ours[scenario] = {
			logins: Math.max(seen?.logins ?? 0, loginDelta),
			peakMb: Math.max(seen?.peakMb ?? 0, m.peakMb),
			browsers: Math.max(seen?.browsers ?? 0, browsers),
			browserTrees: Math.max(seen?.browserTrees ?? 0, m.browserTrees),
		};
	};
	let saved = {};
	let floorClient: Awaited<ReturnType<typeof httpLogin>> | undefined;

	try {
		for (let rep = 0; rep < REPS; rep++) {
			// Alternate who goes first, so that warm-up and caches favour no one.
			const order = rep % 2 === 0 ? ['ours', 'naive', 'floor'] : ['floor', 'naive', 'ours'];
			for (const who of order) {
				if (who === 'ours') {
					await closeBrowser(); // a first run starts the browser, as in a fresh n8n process
					const [l, b] = [logins(), browserLaunchCount()];
					let state = {};
					const m = await measure(async () => {
						const run = await oursRun(demo.url, account);
						state = run.staticData;
						return run.files;
					});
					expectFiles('ours full', m.files, docsOf(account));
					times.full.ours.push(m.seconds);
					note('full', m, logins() - l, browserLaunchCount() - b);
					saved = state;
					// Incremental: the same n8n process a week later; nothing new, the session is saved.
					const [l2, b2] = [logins(), browserLaunchCount()];
					const inc = await measure(async () => (await oursRun(demo.url, account, saved)).files);
					expectFiles('ours incremental', inc.files, 0);
					times.incremental.ours.push(inc.seconds);
					note('incremental', inc, logins() - l2, browserLaunchCount() - b2);
				} else if (who === 'naive') {
					const m = await measure(
						async () =>
							(await naiveRun(demo.url, account.login, account.password, BENCH_TOTP_SECRET)).files,
					);
					expectFiles('naive full', m.files, docsOf(account));
					times.full.naive.push(m.seconds);
				} else {
					const login = await measure(async () => {
						floorClient = await httpLogin(
							demo.url,
							account.login,
							account.password,
							BENCH_TOTP_SECRET,
						);
						return 0;
					});
					const fetchAll = await measure(
						async () => (await httpFetchAll(floorClient!, CONCURRENCY)).files,
					);
					expectFiles('floor full', fetchAll.files, docsOf(account));
					times.full.floor.push(login.seconds + fetchAll.seconds);
					const first = await measure(
						async () => (await httpFetchAll(floorClient!, CONCURRENCY, true)).files,
					);
					times.incremental.floor.push(first.seconds);
				}
				process.stdout.write(`  rep ${rep + 1}/${REPS}: ${who} done\n`);
			}
			// Parallel: every bench account at once.
			for (const who of order) {
				if (who === 'ours') {
					await closeBrowser();
					const [l, b] = [logins(), browserLaunchCount()];
					const m = await measure(async () =>
						(await Promise.all(others.map((a) => oursRun(demo.url, a)))).reduce(
							(sum, r) => sum + r.files,
							0,
						),
					);
					expectFiles(
						'ours parallel',
						m.files,
						others.reduce((sum, a) => sum + docsOf(a), 0),
					);
					times.parallel.ours.push(m.seconds);
					note('parallel', m, logins() - l, browserLaunchCount() - b);
				} else if (who === 'naive') {
					const m = await measure(async () =>
						(
							await Promise.all(
								others.map((a) => naiveRun(demo.url, a.login, a.password, BENCH_TOTP_SECRET)),
							)
						).reduce((sum, r) => sum + r.files, 0),
					);
					times.parallel.naive.push(m.seconds);
				} else {
					const m = await measure(async () => {
						const results = await Promise.all(
							others.map(async (a) =>
								httpFetchAll(
									await httpLogin(demo.url, a.login, a.password, BENCH_TOTP_SECRET),
									CONCURRENCY,
								),
							),
						);
						return results.reduce((sum, r) => sum + r.files, 0);
					});
					times.parallel.floor.push(m.seconds);
				}
				process.stdout.write(`  rep ${rep + 1}/${REPS}: parallel ${who} done\n`);
			}
		}
	} finally {
		await closeBrowser();
		await demo.close();
		const { shutdownEngine } = await import('./n8n-engine');
		shutdownEngine();
	}

	// The naive script has no memory: its incremental run is its full run.
	const scenarios: ScenarioResult[] = (['full', 'incremental', 'parallel'] as const).map((name) => {
		const oursS = median(times[name].ours);
		const naiveS = median(name === 'incremental' ? times.full.naive : times[name].naive);
		const floorS = median(times[name].floor);
		return {
			name,
			ours_s: round(oursS),
			naive_s: round(naiveS),
			floor_s: round(floorS),
			ratio_to_floor: round(oursS / floorS),
			speedup_vs_naive: round(naiveS / oursS),
			logins: ours[name].logins,
			peak_rss_mb: ours[name].peakMb,
			browsers_started: ours[name].browsers,
			browser_process_trees: ours[name].browserTrees,
		};
	});
	const machine = {
		cpus: cpus().length,
		cpu_model: cpus()[0]?.model ?? 'unknown',
		memory_gb: Math.round(totalmem() / 2 ** 30),
		node: process.version,
		platform: process.platform,
	};
	const settings = {
		documents: DOCS,
		parallel_accounts: PARALLEL,
		repetitions: REPS,
		latency_ms: LATENCY,
		page_size: 25,
		pdf_kb: '30-60',
		concurrency: CONCURRENCY,
	};
	report({ machine, settings, scenarios }, OUT);
}

const round = (n: number) => Math.round(n * 100) / 100;

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	},
);
