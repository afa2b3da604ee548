import type { IDataObject } from 'n8n-workflow';
import { browserLaunchCount, closeBrowser } from '../../../portals/core/browser/launch';
import { httpFetchAll, httpLogin } from './floor';
import { collectGarbage } from '../../../testbeds/memory';
import {
	floorSpaRunner,
	oursSpaRunner,
	renderedSpaRunner,
	type AppApiRunner,
} from './app-api-runners';
import { BENCH_TOTP_SECRET, type BenchAccount } from '../../../testbeds/demo-portal/bench-seed';

/**
 * One contender of the benchmark in a Node process of its own (forked by contender-process.ts),
 * as each would run against a remote portal: the demo portal stays in the benchmark's process,
 * so a contender's memory is its own (not the portal's, nor Playwright loaded by another
 * contender) and no contender shares an event loop with the portal. The process lives for the
 * whole benchmark, as n8n's does between runs, so what one run leaves behind weighs on the next.
 */
export type ContenderName = 'ours' | 'ours_browser' | 'naive' | 'floor' | AppApiContender;

/** The app_api scenario's contenders, on the /spa/ layout (app-api-runners.ts). */
export type AppApiContender = 'ours_spa' | 'floor_spa' | 'rendered_spa';

export type ContenderRequest =
	| { op: 'gc' }
	/** One account from scratch, or (ours) with the static data a previous run left. */
	| { op: 'full'; base: string; account: BenchAccount; staticData?: IDataObject }
	/** Knowing that nothing is new: ours with its saved state, the floor with its logged-in client. */
	| { op: 'incremental'; base: string; account: BenchAccount; staticData: IDataObject }
	| { op: 'parallel'; base: string; accounts: BenchAccount[] }
	/** app_api, ours: a run with a previous run's static data, Only New on or off. */
	| { op: 'again'; base: string; account: BenchAccount; staticData: IDataObject; onlyNew: boolean };

export interface ContenderResult {
	seconds: number;
	files: number;
	/** Chromium launches by this process during the work. */
	launches: number;
	staticData?: IDataObject;
	/** app_api's floor and rendered script: the seconds of the sign-in inside `seconds`. */
	signInSeconds?: number;
}

type Work = { files: number; staticData?: IDataObject; signInSeconds?: number };

/** The contender's runs, by operation. */
interface Runner {
	full(base: string, account: BenchAccount, staticData?: IDataObject): Promise<Work>;
	incremental?(base: string, account: BenchAccount, staticData: IDataObject): Promise<Work>;
	parallel(base: string, accounts: BenchAccount[]): Promise<Work>;
	again?: AppApiRunner['again'];
}

const sum = (results: { files: number }[]) => ({
	files: results.reduce((total, r) => total + r.files, 0),
});

async function oursRunner(engine: 'default' | 'browser'): Promise<Runner> {
	// n8n loads its engine and the community nodes when it starts, not at a workflow's first
	// execution: loaded here, before any measurement (else the first full run counts seconds
	// of module loading).
	await import('../../../testbeds/n8n-engine');
	const { oursRun } = await import('./ours');
	// Playwright too, where the browser is forced: loading it is the process's start, not the
	// first run's (the package loads it when a run first asks for the browser).
	if (engine === 'browser') await import('playwright');
	const full = (base: string, account: BenchAccount, staticData?: IDataObject) =>
		oursRun(base, account, engine, staticData);
	return {
		full,
		incremental: full,
		parallel: async (base, accounts) =>
			sum(await Promise.all(accounts.map((a) => oursRun(base, a, engine)))),
	};
}

async function naiveRunner(): Promise<Runner> {
	const { naiveRun } = await import('./naive');
	const run = (base: string, a: BenchAccount) =>
		naiveRun(base, a.login, a.password, BENCH_TOTP_SECRET);
	return {
		full: run,
		parallel: async (base, accounts) => sum(await Promise.all(accounts.map((a) => run(base, a)))),
	};
}

function floorRunner(concurrency: number): Runner {
	const login = (base: string, a: BenchAccount) =>
		httpLogin(base, a.login, a.password, BENCH_TOTP_SECRET);
	// The floor's incremental run reuses the client its full run logged in with.
	let client: Awaited<ReturnType<typeof httpLogin>> | undefined;
	return {
		full: async (base, account) => {
			client = await login(base, account);
			return httpFetchAll(client, concurrency);
		},
		incremental: async () => httpFetchAll(client!, concurrency, true),
		parallel: async (base, accounts) =>
			sum(
				await Promise.all(
					accounts.map(async (a) => httpFetchAll(await login(base, a), concurrency)),
				),
			),
	};
}

/** The app_api contenders answer `full` and `again` only. */
async function appApiRunner(name: AppApiContender, concurrency: number): Promise<Runner> {
	const runner =
		name === 'ours_spa'
			? await oursSpaRunner()
			: name === 'floor_spa'
				? floorSpaRunner(concurrency)
				: await renderedSpaRunner();
	return {
		full: runner.full,
		again: runner.again,
		parallel: () => Promise.reject(new Error(`${name} has no parallel run`)),
	};
}

async function serve(name: ContenderName, concurrency: number): Promise<void> {
	const runner = name.endsWith('_spa')
		? await appApiRunner(name as AppApiContender, concurrency)
		: name === 'naive'
			? await naiveRunner()
			: name === 'floor'
				? floorRunner(concurrency)
				: await oursRunner(name === 'ours' ? 'default' : 'browser');
	const handle = async (request: ContenderRequest): Promise<ContenderResult> => {
		if (request.op === 'gc') {
			collectGarbage();
			return { seconds: 0, files: 0, launches: 0 };
		}
		const launchesBefore = browserLaunchCount();
		const started = performance.now();
		const work =
			request.op === 'parallel'
				? await runner.parallel(request.base, request.accounts)
				: request.op === 'full'
					? await runner.full(request.base, request.account, request.staticData)
					: request.op === 'again'
						? await runner.again!(
								request.base,
								request.account,
								request.staticData,
								request.onlyNew,
							)
						: await runner.incremental!(request.base, request.account, request.staticData);
		const seconds = (performance.now() - started) / 1000;
		const launches = browserLaunchCount() - launchesBefore;
		// A browser ours started must not weigh on the run after it (a run that needs one starts
		// it again, as in a fresh n8n process). Not timed.
		await closeBrowser();
		return {
			seconds,
			files: work.files,
			launches,
			staticData: work.staticData,
			signInSeconds: work.signInSeconds,
		};
	};
	process.on('message', (message: { id: number; request: ContenderRequest }) => {
		handle(message.request).then(
			(result) => process.send!({ id: message.id, result }),
			(error) =>
				process.send!({
					id: message.id,
					error: error instanceof Error ? error.message : String(error),
				}),
		);
	});
	// The benchmark ended or died: this process goes too (n8n's engine keeps timers alive).
	process.on('disconnect', () => process.exit(0));
	process.send!({ ready: true });
}

if (require.main === module) {
	serve(process.argv[2] as ContenderName, Number(process.argv[3])).catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
