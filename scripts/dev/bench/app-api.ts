import { startDemoPortal } from '../../../testbeds/demo-portal';
import { benchSeed } from '../../../testbeds/demo-portal/bench-seed';
import { SPA_PAGE_SIZE } from '../../../testbeds/demo-portal/spa-api-layout';
import type { AppApiContender } from './contender';
import { ContenderProcess, type Measured } from './contender-process';

/**
 * The app_api scenario (issue 33): the demo portal's /spa/ layout (an app on a JSON API, Bearer
 * token in sessionStorage) with `documents` documents, for three contenders:
 * - ours: the Invoice Portal node in n8n's engine on the shipped demo-spa definition (its default
 *   engine: the sign-in in the browser, because it needs scripts; the list and the files over
 *   plain HTTP with the token). Three runs each repetition: a first run from nothing; a second
 *   run with its saved session and Only New (nothing new: it must start no browser); and a run
 *   with the saved session and Only New off, which lists and downloads everything without signing
 *   in: ours' listing and downloads after sign-in, the figure compared with the others';
 * - floor: Node's fetch calling the JSON API directly (app-api-floor.ts);
 * - rendered: Playwright rendering the app's list pages and reading the rows (app-api-rendered.ts).
 * The floor and the rendered script time their sign-in apart; ours' sign-in is its first run
 * minus its listing and downloads.
 */
export interface AppApiResult {
	name: 'app_api';
	settings: Record<string, unknown>;
	/** Ours' listing and downloads after sign-in (median), and each repetition's. */
	ours_s: number;
	ours_runs_s: number[];
	/** Ours' first run, sign-in (in the browser) included. */
	ours_first_run_s: number;
	ours_first_runs_s: number[];
	/** ours_first_run_s − ours_s: the sign-in and what only a first run does. */
	ours_signin_s: number;
	/** The second run: saved session, Only New, nothing new. */
	ours_second_run_s: number;
	floor_s: number;
	floor_runs_s: number[];
	floor_signin_s: number;
	rendered_s: number;
	rendered_runs_s: number[];
	/** Starting Chromium and signing in in the page. */
	rendered_signin_s: number;
	ratio_to_floor: number;
	speedup_vs_rendered: number;
	/** The same, first runs against whole rendered runs (sign-in included on both sides). */
	speedup_vs_rendered_first_run: number;
	first_run_browsers_started: number;
	second_run_browsers_started: number;
	second_run_browser_process_trees: number;
	second_run_logins: number;
	peak_rss_mb: number;
}

export interface AppApiOptions {
	documents: number;
	repetitions: number;
	latencyMs: number;
	concurrency: number;
}

const CONTENDERS: AppApiContender[] = ['ours_spa', 'floor_spa', 'rendered_spa'];

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (n: number) => Math.round(n * 100) / 100;

function expectFiles(what: string, got: number, want: number): void {
	if (got !== want) throw new Error(`app_api ${what}: expected ${want} documents, got ${got}`);
}

interface Samples {
	first: number[];
	listing: number[];
	second: number[];
	floor: number[];
	floorSignIn: number[];
	rendered: number[];
	renderedSignIn: number[];
	firstLaunches: number[];
	secondLaunches: number[];
	secondTrees: number[];
	secondLogins: number[];
	peakMb: number[];
}

export async function runAppApi(options: AppApiOptions): Promise<AppApiResult> {
	const { seed, main: account } = benchSeed(options.documents, 0);
	const demo = await startDemoPortal({
		seed,
		latencyMs: options.latencyMs,
		pdfBytes: 30_000,
		pdfBytesMax: 60_000,
		sessionTtlSeconds: 86_400,
		// As for the classic layout (bench.ts): a code may take seconds to arrive on a loaded machine.
		totpToleranceSeconds: 90,
	});
	const base = demo.url;
	const want = demo.state.documents.filter((d) => d.login === account.login).length;
	const logins = () => [...demo.state.passwordLogins.values()].reduce((a, b) => a + b, 0);
	console.log(
		`\napp_api: ${base}/spa/, ${want} documents (30–60 KB), ${options.latencyMs} ms latency, ${options.repetitions} repetition(s)`,
	);
	const s: Samples = {
		first: [],
		listing: [],
		second: [],
		floor: [],
		floorSignIn: [],
		rendered: [],
		renderedSignIn: [],
		firstLaunches: [],
		secondLaunches: [],
		secondTrees: [],
		secondLogins: [],
		peakMb: [],
	};
	const processes = new Map<AppApiContender, ContenderProcess>();
	try {
		for (const name of CONTENDERS)
			processes.set(name, await ContenderProcess.start(name, options.concurrency));
		for (let rep = 0; rep < options.repetitions; rep++) {
			// Alternate who goes first, so that warm-up and caches favour no one.
			const order = rep % 2 ? [...CONTENDERS].reverse() : CONTENDERS;
			for (const name of order) {
				const who = processes.get(name)!;
				if (name === 'ours_spa') await oursRuns(who, base, account, want, s, logins);
				else {
					const m = await who.measure({ op: 'full', base, account });
					expectFiles(name, m.files, want);
					const signIn = m.signInSeconds ?? 0;
					(name === 'floor_spa' ? s.floor : s.rendered).push(m.seconds - signIn);
					(name === 'floor_spa' ? s.floorSignIn : s.renderedSignIn).push(signIn);
				}
				process.stdout.write(`  app_api rep ${rep + 1}/${options.repetitions}: ${name} done\n`);
			}
		}
	} finally {
		for (const child of processes.values()) child.stop();
		await demo.close();
	}
	return result(s, options, want);
}

/** Ours' three runs of a repetition (see the file's comment). */
async function oursRuns(
	who: ContenderProcess,
	base: string,
	account: { login: string; password: string },
	want: number,
	s: Samples,
	logins: () => number,
): Promise<void> {
	const first: Measured = await who.measure({ op: 'full', base, account });
	expectFiles('ours first run', first.files, want);
	const before = logins();
	const second = await who.measure({
		op: 'again',
		base,
		account,
		staticData: first.staticData!,
		onlyNew: true,
	});
	expectFiles('ours second run', second.files, 0);
	const loginsOfSecond = logins() - before;
	const listing = await who.measure({
		op: 'again',
		base,
		account,
		staticData: second.staticData!,
		onlyNew: false,
	});
	expectFiles('ours listing after sign-in', listing.files, want);
	s.first.push(first.seconds);
	s.second.push(second.seconds);
	s.listing.push(listing.seconds);
	s.firstLaunches.push(first.launches);
	s.secondLaunches.push(second.launches);
	s.secondTrees.push(second.browserTrees);
	s.secondLogins.push(loginsOfSecond);
	s.peakMb.push(first.peakMb, second.peakMb, listing.peakMb);
}

function result(s: Samples, options: AppApiOptions, documents: number): AppApiResult {
	const ours = median(s.listing);
	const first = median(s.first);
	const floor = median(s.floor);
	const rendered = median(s.rendered);
	const renderedWhole = median(s.rendered.map((r, i) => r + s.renderedSignIn[i]));
	return {
		name: 'app_api',
		settings: {
			portal: 'demo-spa definition on the /spa/ layout',
			documents,
			repetitions: options.repetitions,
			latency_ms: options.latencyMs,
			page_size: SPA_PAGE_SIZE,
			pdf_kb: '30-60',
			concurrency: options.concurrency,
			compared: 'listing + downloads after sign-in; sign-ins timed apart',
		},
		ours_s: round(ours),
		ours_runs_s: s.listing.map(round),
		ours_first_run_s: round(first),
		ours_first_runs_s: s.first.map(round),
		ours_signin_s: round(median(s.first.map((f, i) => f - s.listing[i]))),
		ours_second_run_s: round(median(s.second)),
		floor_s: round(floor),
		floor_runs_s: s.floor.map(round),
		floor_signin_s: round(median(s.floorSignIn)),
		rendered_s: round(rendered),
		rendered_runs_s: s.rendered.map(round),
		rendered_signin_s: round(median(s.renderedSignIn)),
		ratio_to_floor: round(ours / floor),
		speedup_vs_rendered: round(rendered / ours),
		speedup_vs_rendered_first_run: round(renderedWhole / first),
		first_run_browsers_started: Math.max(...s.firstLaunches),
		second_run_browsers_started: Math.max(...s.secondLaunches),
		second_run_browser_process_trees: Math.max(...s.secondTrees),
		second_run_logins: Math.max(...s.secondLogins),
		peak_rss_mb: Math.max(...s.peakMb),
	};
}
