import { DownloadHosts } from '../contract/download-hosts';
import type { PortalAdapter } from '../contract/adapter';
import type { Surface } from '../contract/surface';
import { engineReport, withEngine } from '../engine/with-engine';
import { solveTokenCaptcha } from '../login/captcha-solver';
import { redactedHtml } from '../browser/debug-html';
import { screenshotWithoutSecrets } from '../browser/hide-secrets';
import { runRedactor, typedCodesMasked } from './run-redactor';
import { collect, type CollectOptions } from '../collection/pipeline';
import type { Redactor } from '../outcomes/redactor';
import { PortalError, safeUrl } from '../outcomes/errors';
import { DEFAULT_MAX_FILE_BYTES } from '../contract/raw-file';
import { reasonInfo } from '../outcomes/reasons';
import { asPortalError, reasonResult, successResult, type RunResult } from '../outcomes/result';
import { seal } from '../login/session-crypto';
import { snapshotSession } from '../contract/session';
import { adapterEnv } from './adapter-env';
import { openPortalRun, sealScope, type PortalRunContext } from './portal-run-context';
import { answerCodes, parkAtChallenge, signIn, type OnPortal } from './portal-run-steps';

export { openResumeToken } from './portal-run-context';

import type { RunOptions } from './run-options';

export type { RunMode, RunOptions, RunPassThrough } from './run-options';

/**
 * One run against one portal: restore or log in (answering authenticator codes when it can),
 * then, by mode, stop (check), list, or list and download. Never waits for a human: a code
 * prompt ends the run with *action required* and an encrypted resume token.
 *
 * Invalid input, a missing browser and unusable resume tokens are thrown (PortalError with a
 * `setup` reason); everything the portal does is reported in the result.
 */
export async function runPortal<TOperation = unknown>(
	options: RunOptions<TOperation>,
): Promise<RunResult> {
	// Whatever the portal repeats of the password or a code leaves the run masked (issue 35).
	const redactor = runRedactor(options.credentials, options.resume?.code);
	try {
		return redactor.result(await runUnmasked(options, redactor));
	} catch (error) {
		throw redactor.error(error);
	}
}

/** The steps in the order they happen: restore, start the engine, sign in, answer codes, collect. */
async function runUnmasked<TOperation>(
	options: RunOptions<TOperation>,
	redactor: Redactor,
): Promise<RunResult> {
	const run = await openPortalRun(options, redactor);
	options.onStatus?.('verifying_credentials');
	const kept = run.portal.engineFor?.(options.learned);
	const onlyToSignIn = kept ? kept.browserOnlyToSignIn : run.portal.browserOnlyToSignIn;
	// The run's download hosts: the portal's, and any its adapter learns on the way (Automatic).
	const downloads = new DownloadHosts(run.portal.downloadOrigins);
	return withEngine(
		{
			choice: kept?.engine ?? run.portal.engine ?? 'browser',
			browserBecause: run.portal.browserBecause,
			remembered: onlyToSignIn ? undefined : options.engine,
			allowed: run.allowed,
			downloads,
			storage: (run.pending?.session ?? run.saved)?.storage,
			signal: options.signal,
		},
		async (page) => {
			const on = onPortal(run, page, downloads);
			try {
				return report(on, await signedInAndCollected(on));
			} catch (error) {
				if (options.signal?.aborted) throw error;
				return report(on, await failedResult(on, error));
			}
		},
	);
}

/** The adapter and its environment on the engine's page (the surface). */
function onPortal<TOperation>(
	run: PortalRunContext<TOperation>,
	page: Surface,
	downloads: DownloadHosts,
): OnPortal<TOperation> {
	const { options } = run;
	const solver = options.captchaSolver;
	const env = adapterEnv(page, {
		baseUrl: run.baseUrl,
		credentials: run.credentials,
		maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
		allowDownloadDomains: (domains) => downloads.addDomains(domains),
		solveCaptcha: solver
			? (captcha) => solveTokenCaptcha(solver, captcha, options.signal)
			: undefined,
	});
	const adapter: PortalAdapter = typedCodesMasked(
		run.portal.createAdapter(options.learned),
		run.redactor,
	);
	return { run, page, env, adapter };
}

/** Sign in, answer codes (or park at a code prompt), save the session, then list and download. */
async function signedInAndCollected<TOperation>(on: OnPortal<TOperation>): Promise<RunResult> {
	const { run, page } = on;
	const { outcome, shortfall } = await answerCodes(on, await signIn(on));
	if (outcome.kind === 'challenge') return parkAtChallenge(on, outcome.challenge, shortfall);
	const sealed = async () =>
		seal(
			await snapshotSession(page, run.portal.slug, run.baseUrl),
			Date.now() + run.portal.sessionMaxAgeSeconds * 1000,
			sealScope(run.portal, run.credentials, 'session'),
		);
	const session = await sealed();
	if (run.options.mode === 'check') return successResult(run.base, { session });
	run.options.onStatus?.('download_running');
	const collection = await collect(on.adapter, on.env, collectOptions(run));
	// The session as it stands after the collection: an app may renew its cookie while the run
	// reads (Directus replaces its session token each time its app loads, and refuses the one
	// before a few seconds later), as Automatic's discovery does when it crawls the app.
	const renewed = await sealed().catch(() => session);
	return successResult(run.base, { ...collection, session: renewed });
}

/** The collection's options: the run's own, and what its caller handed down (unchanged). */
function collectOptions({ options, portal, filters }: PortalRunContext): CollectOptions {
	const given = options.collect ?? {};
	return {
		...given,
		portal: portal.slug,
		fileLabel: portal.fileLabel,
		filters,
		fetch: options.mode === 'download',
		listing: given.listing ?? 'all',
		concurrency: given.concurrency ?? 4,
	};
}

/**
 * What the engine's boundary stopped, if anything, is the run's reason, whatever the step that
 * met the refusal made of it (a coded adapter sees only the proxy's refusal page, an HTTP 502).
 */
function stoppedAtBoundary(page: Surface, hint?: string): PortalError | undefined {
	const offsite = page.blockedNavigation();
	if (offsite)
		return new PortalError(
			'NAVIGATION_BLOCKED',
			`The portal tried to lead the run to ${offsite}, outside its own address; it was stopped there.${hint ? ` ${hint}` : ''}`,
			{ url: offsite },
		);
	const refused = page.proxyRefusal();
	return refused && asPortalError(refused);
}

/**
 * A step that failed: setup reasons are thrown; whatever the portal did is the result, with the
 * page's address and, where a person should look, a screenshot and the HTML (secrets hidden).
 */
async function failedResult({ run, page }: OnPortal, error: unknown): Promise<RunResult> {
	const portalError = stoppedAtBoundary(page, run.portal.boundaryHint) ?? asPortalError(error);
	const info = reasonInfo(portalError.code);
	if (info.setup) throw portalError;
	const wantsPicture = !!info.debugPicture;
	return reasonResult(run.base, portalError.code, portalError.message, {
		retryAfterSeconds: portalError.details.retryAfterSeconds,
		debug: {
			url: safeUrl(page.url()),
			missingElement: portalError.details.missingElement,
			screenshot: wantsPicture ? await screenshotWithoutSecrets(page, run.redactor) : undefined,
			html: wantsPicture ? await redactedHtml(page) : undefined,
		},
	});
}

/**
 * The last step: the engine the run used and what the adapter learned go with every result, a
 * failed one too (a login found before the documents were not is kept for the next run).
 */
function report({ page, adapter }: OnPortal, result: RunResult): RunResult {
	const learned = adapter.learned?.();
	const { engine, switchedBecause } = engineReport(page);
	const withEngineUsed = { ...result, engine, engineSwitch: switchedBecause };
	return learned
		? { ...withEngineUsed, learned: learned.keep, discovery: learned.report }
		: withEngineUsed;
}
