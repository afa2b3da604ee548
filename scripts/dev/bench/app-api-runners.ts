import type { IDataObject } from 'n8n-workflow';
import { BENCH_TOTP_SECRET, type BenchAccount } from '../../../testbeds/demo-portal/bench-seed';
import { apiFetchAll, apiSignIn } from './app-api-floor';

/**
 * The app_api scenario's contenders (the /spa/ layout), each in its own process like the classic
 * layout's (contender.ts). `full` is a first run from nothing; the floor and the rendered script
 * also say how long their sign-in took (timed apart: the targets compare what follows it).
 */
export interface AppApiWork {
	files: number;
	staticData?: IDataObject;
	/** Seconds of the sign-in inside `full` (the rendered script's includes starting Chromium). */
	signInSeconds?: number;
}

export interface AppApiRunner {
	full(base: string, account: BenchAccount, staticData?: IDataObject): Promise<AppApiWork>;
	/** Ours with the static data of a run before: the session (and the ledger, with Only New). */
	again(
		base: string,
		account: BenchAccount,
		staticData: IDataObject,
		onlyNew: boolean,
	): Promise<AppApiWork>;
}

const since = (started: number) => (performance.now() - started) / 1000;

export async function oursSpaRunner(): Promise<AppApiRunner> {
	// Loaded before any measurement, as n8n loads its engine and the nodes when it starts.
	await import('../../../testbeds/n8n-engine');
	const { oursRun } = await import('./ours');
	return {
		full: (base, account, staticData) =>
			oursRun(base, account, 'default', staticData, { portal: 'demo-spa' }),
		again: (base, account, staticData, onlyNew) =>
			oursRun(base, account, 'default', staticData, { portal: 'demo-spa', onlyNew }),
	};
}

const unsupported = async (): Promise<AppApiWork> => {
	throw new Error('only ours runs again with a saved session');
};

export function floorSpaRunner(concurrency: number): AppApiRunner {
	return {
		full: async (base, a) => {
			const started = performance.now();
			const token = await apiSignIn(base, a.login, a.password, BENCH_TOTP_SECRET);
			const signInSeconds = since(started);
			return { ...(await apiFetchAll(base, token, concurrency)), signInSeconds };
		},
		again: unsupported,
	};
}

export async function renderedSpaRunner(): Promise<AppApiRunner> {
	// Playwright is loaded when the process starts, not in the first measured run.
	const { renderedFetchAll, renderedSignIn } = await import('./app-api-rendered');
	return {
		full: async (base, a) => {
			const started = performance.now();
			const session = await renderedSignIn(base, a.login, a.password, BENCH_TOTP_SECRET);
			const signInSeconds = since(started);
			return { ...(await renderedFetchAll(session)), signInSeconds };
		},
		again: unsupported,
	};
}
