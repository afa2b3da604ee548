import { setTimeout as sleep } from 'node:timers/promises';
import { PortalError } from '../outcomes/errors';
import { withTimeLimit } from '../timing/time-limit';
import type { TokenCaptcha } from '../contract/adapter';

/**
 * A captcha-solving service speaking the widely used 2Captcha HTTP protocol (2Captcha, and the
 * services and self-hosted solvers that copy its API): submit with `in.php`, poll `res.php`.
 * Called from Node, never from the portal's browser; the API key only ever goes to the solver.
 */
export interface CaptchaSolverConfig {
	/** e.g. https://2captcha.com */
	baseUrl: string;
	apiKey: string;
	/** How long one captcha may take before the run gives up (default 180 s). */
	timeoutSeconds?: number;
	/** Pause between polls; the protocol asks for about 5 s (INVOICE_PORTALS_SOLVER_POLL_MS). */
	pollMs?: number;
	/** How long one request to the solver may take, its answer included (default 30 s). */
	requestTimeoutMs?: number;
}

interface SolverAnswer {
	status: number;
	request: string;
}

function fail(config: CaptchaSolverConfig, what: string): PortalError {
	let where = 'the captcha solver';
	try {
		where = `the captcha solver at ${new URL(config.baseUrl).origin}`;
	} catch {
		/* the origin is only for the message */
	}
	return new PortalError(
		'CAPTCHA_REQUIRED',
		`The portal shows an "I'm not a robot" check and ${where} ${what}`,
	);
}

/**
 * One request to the solver, its answer read in full, within the request's time limit and the
 * run's cancel signal (a stopped run is passed on as it is).
 */
async function call(
	config: CaptchaSolverConfig,
	path: string,
	params: Record<string, string>,
	signal?: AbortSignal,
): Promise<SolverAnswer> {
	const url = new URL(path, `${config.baseUrl.replace(/\/+$/, '')}/`);
	for (const [k, v] of Object.entries({ ...params, key: config.apiKey, json: '1' }))
		url.searchParams.set(k, v);
	const timeoutMs = config.requestTimeoutMs ?? 30_000;
	const { status, text } = await withTimeLimit(timeoutMs, signal, async (limit) => {
		try {
			const response = await fetch(url, { signal: limit.signal });
			return { status: response.status, text: await response.text() };
		} catch (error) {
			signal?.throwIfAborted();
			if (limit.expired)
				throw fail(config, `did not answer within ${Math.round(timeoutMs / 1000)} s.`);
			throw fail(config, `cannot be reached (${(error as Error).name}).`);
		}
	});
	try {
		const answer = JSON.parse(text) as SolverAnswer;
		if (typeof answer.status === 'number' && typeof answer.request === 'string') return answer;
	} catch {
		/* reported below */
	}
	throw fail(config, `answered something that is not the 2Captcha protocol (HTTP ${status}).`);
}

export function solverPollMs(config: CaptchaSolverConfig): number {
	const fromEnv = Number(process.env.INVOICE_PORTALS_SOLVER_POLL_MS);
	return config.pollMs ?? (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 5_000);
}

/** The token for a captcha, or CAPTCHA_REQUIRED saying why there is none. */
export async function solveTokenCaptcha(
	config: CaptchaSolverConfig,
	captcha: TokenCaptcha,
	signal?: AbortSignal,
): Promise<string> {
	const budgetMs = (config.timeoutSeconds ?? 180) * 1000;
	const deadline = Date.now() + budgetMs;
	const submitted = await call(
		config,
		'in.php',
		// The 2Captcha protocol: reCAPTCHA by its own method name, hCaptcha and Turnstile by theirs.
		captcha.kind === 'recaptcha'
			? { method: 'userrecaptcha', googlekey: captcha.siteKey, pageurl: captcha.pageUrl }
			: { method: captcha.kind, sitekey: captcha.siteKey, pageurl: captcha.pageUrl },
		signal,
	);
	// Errors are protocol words (ERROR_WRONG_USER_KEY, ERROR_ZERO_BALANCE, ...): safe to show.
	if (submitted.status !== 1) throw fail(config, `refused it: ${submitted.request.slice(0, 60)}.`);
	const pause = solverPollMs(config);
	while (Date.now() + pause <= deadline) {
		// A stopped run does not wait out the pause.
		await sleep(pause, undefined, { signal }).catch(() => undefined);
		signal?.throwIfAborted();
		const answer = await call(config, 'res.php', { action: 'get', id: submitted.request }, signal);
		if (answer.status === 1) return answer.request;
		if (answer.request !== 'CAPCHA_NOT_READY')
			throw fail(config, `could not solve it: ${answer.request.slice(0, 60)}.`);
	}
	throw fail(config, `did not return a token within ${Math.round(budgetMs / 1000)} s.`);
}
