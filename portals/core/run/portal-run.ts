import type {
	AdapterEnv,
	LoginOutcome,
	PortalCredentials,
	PortalDefinition,
} from '../contract/adapter';
import type { EngineName, Surface } from '../engine/surface';
import { engineReport, withEngine } from '../engine/with-engine';
import { solveTokenCaptcha, type CaptchaSolverConfig } from '../login/captcha-solver';
import { redactedHtml } from '../browser/debug-html';
import { screenshotWithoutSecrets } from '../browser/hide-secrets';
import type { Redactor } from '../outcomes/redactor';
import { runRedactor, typedCodesMasked } from './run-redactor';
import { collect, type ListingDepth } from '../collection/pipeline';
import type { DownloadedDocument, PortalDocument } from '../contract/documents';
import { invalidInput, PortalError, safeUrl } from '../outcomes/errors';
import { DEFAULT_MAX_FILE_BYTES } from '../collection/files';
import { validateFilters, type DocumentFilters } from '../collection/filters';
import { answerAutomatically, recordPassed, withExpiry } from '../login/auto-answer';
import { reasonForMethod } from '../login/two-factor';
import {
	answerFromMailbox,
	type MailboxAnswering,
	type MailboxShortfall,
} from '../login/mailbox-answer';
import { signInLinkToOpen } from '../login/sign-in-link';
import { refuseOffsiteSignIn } from './offsite-sign-in';
import { originGuard } from '../browser/boundary';
import { reasonInfo } from '../outcomes/reasons';
import {
	asPortalError,
	reasonResult,
	successResult,
	type RunBase,
	type RunResult,
} from '../outcomes/result';
import { seal, unseal, type SealPurpose, type SealScope } from '../login/session-crypto';
import {
	snapshotSession,
	type PassedChallenge,
	type PendingLogin,
	type SessionSnapshot,
} from '../login/session';
import type { ConnectionStatus } from '../outcomes/statuses';
import { parseTotpSecret, systemClock, type Clock } from '../login/totp';

export type RunMode = 'check' | 'list' | 'download';

export interface RunOptions<TOperation = unknown> {
	portal: PortalDefinition;
	/** Overrides the portal's default URL (the credential's login URL). */
	baseUrl?: string;
	credentials: PortalCredentials;
	mode: RunMode;
	filters?: DocumentFilters;
	/** Encrypted session from an earlier run; tried before logging in. */
	savedSession?: string;
	/** Continue a login parked at a code prompt. */
	resume?: { token: string; code: string };
	/** The engine this connection's last run worked with (RunResult.engine): `auto` starts there. */
	engine?: EngineName;
	/** What the portal's adapter learned in this connection's last run (RunResult.learned). */
	learned?: unknown;
	/** Recorded in the resume token when the run stops at a challenge. */
	operation?: TOperation;
	isDelivered?: (doc: PortalDocument) => boolean;
	/** Second dedup key: a file with this hash was delivered before (under another id). */
	isDeliveredFile?: (sha256: string) => boolean;
	/** How far to list (default all): 'untilKnown' for incremental runs, 'firstPage' for a test event. */
	listing?: ListingDepth;
	/** Keep only this many of the newest selected documents (a trigger's test event). */
	newest?: number;
	onStatus?: (status: ConnectionStatus) => void;
	maxFileBytes?: number;
	/** A captcha-solving service for token captchas ("I'm not a robot"); without it they need a person. */
	captchaSolver?: CaptchaSolverConfig;
	/** The user's mailbox: e-mail codes and sign-in links are read from it (login/mailbox-answer.ts). */
	mailbox?: MailboxAnswering;
	concurrency?: number;
	/** Each checked file as it arrives (collection/pipeline.ts); not yet a delivery. */
	onDownloaded?: (doc: DownloadedDocument) => void;
	signal?: AbortSignal;
	clock?: Clock;
}

function sealScope(
	portal: PortalDefinition,
	credentials: PortalCredentials,
	purpose: SealPurpose,
): SealScope {
	return {
		purpose,
		portal: portal.slug,
		secrets: [credentials.username, credentials.password, credentials.authenticatorSecret ?? ''],
	};
}

function checkCredentials(credentials: PortalCredentials, passwordless = false): void {
	if (!credentials?.username?.trim()) throw invalidInput('username', 'is empty.');
	// A passwordless portal signs in with a link sent by e-mail: no password to check.
	if (!passwordless && !credentials.password?.trim()) throw invalidInput('password', 'is empty.');
}

/** Reads a resume token; exported for callers that need the recorded operation before running. */
export function openResumeToken<TOperation>(
	portal: PortalDefinition,
	credentials: PortalCredentials,
	token: string,
): Promise<PendingLogin<TOperation>> {
	return unseal<PendingLogin<TOperation>>(token, sealScope(portal, credentials, 'resume'));
}

/** A web address from the credential (without trailing slash), or INVALID_INPUT for that field. */
function webAddress(field: string, value: string): string {
	const raw = value.trim().replace(/\/+$/, '');
	try {
		const url = new URL(raw);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
	} catch {
		throw invalidInput(field, `"${raw}" is not a web address (http:// or https://).`);
	}
	return raw;
}

/**
 * The hosts the portal's e-mails may come from: the definition's domains and the address the
 * credential points to ("https://*.example.com" → "*.example.com"), without ports.
 */
function mailDomains(allowed: string[]): string[] {
	return [...new Set(allowed.map((a) => a.replace(/^https?:\/\//, '').replace(/[:/].*$/, '')))];
}

function adapterEnv(surface: Surface, parts: Omit<AdapterEnv, 'surface'>): AdapterEnv {
	return { ...parts, surface };
}

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

/**
 * What the engine's boundary stopped, if anything, is the run's reason, whatever the step that
 * met the refusal made of it (a coded adapter sees only the proxy's refusal page, an HTTP 502).
 */
function stoppedAtBoundary(page: Surface): PortalError | undefined {
	const offsite = page.blockedNavigation();
	if (offsite)
		return new PortalError(
			'NAVIGATION_BLOCKED',
			`The portal tried to lead the run to ${offsite}, outside its own address; it was stopped there.`,
			{ url: offsite },
		);
	return page.proxyRefusal();
}

async function runUnmasked<TOperation>(
	options: RunOptions<TOperation>,
	redactor: Redactor,
): Promise<RunResult> {
	const { portal, credentials } = options;
	checkCredentials(credentials, portal.passwordless);
	const filters = validateFilters(options.filters ?? {});
	const totp = credentials.authenticatorSecret?.trim()
		? parseTotpSecret(credentials.authenticatorSecret)
		: undefined;
	redactor.add(totp?.secret);
	const baseUrl = webAddress('loginUrl', options.baseUrl?.trim() || portal.defaultUrl);
	const identityProvider = credentials.identityProviderUrl?.trim()
		? webAddress('identityProviderUrl', credentials.identityProviderUrl)
		: undefined;
	const clock = options.clock ?? systemClock;
	let pending: PendingLogin<TOperation> | undefined;
	if (options.resume) {
		if (!options.resume.code?.trim()) throw invalidInput('code', 'is empty.');
		pending = await openResumeToken<TOperation>(portal, credentials, options.resume.token);
	}
	let saved: SessionSnapshot | undefined;
	if (options.savedSession && !pending) {
		try {
			saved = await unseal<SessionSnapshot>(
				options.savedSession,
				sealScope(portal, credentials, 'session'),
			);
		} catch {
			// An expired or foreign saved session only means a fresh login.
			saved = undefined;
		}
	}
	const restored = pending?.session ?? saved;
	const base: RunBase = {
		portal: portal.slug,
		loginPerformed: false,
		sessionReused: false,
		startedAt: new Date().toISOString(),
	};
	const passed: PassedChallenge[] = [];
	base.challengesPassed = passed;
	options.onStatus?.('verifying_credentials');

	const allowed = [
		baseUrl,
		...(identityProvider ? [identityProvider] : []),
		...(portal.allowedOrigins ?? []),
	];
	return withEngine(
		{
			choice: portal.engine ?? 'browser',
			browserBecause: portal.browserBecause,
			remembered: options.engine,
			allowed,
			storage: restored?.storage,
			signal: options.signal,
		},
		async (page) => {
			const solver = options.captchaSolver;
			const env = adapterEnv(page, {
				baseUrl,
				credentials,
				maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
				solveCaptcha: solver
					? (captcha) => solveTokenCaptcha(solver, captcha, options.signal)
					: undefined,
			});
			const adapter = typedCodesMasked(portal.createAdapter(options.learned), redactor);
			// What an adapter learned goes with every result, a failed one too (a login found
			// before the documents were not is kept for the next run).
			const withLearned = (result: RunResult): RunResult => {
				const learned = adapter.learned?.();
				const { engine, switchedBecause } = engineReport(page);
				const withEngineUsed = { ...result, engine, engineSwitch: switchedBecause };
				return learned
					? { ...withEngineUsed, learned: learned.keep, discovery: learned.report }
					: withEngineUsed;
			};
			try {
				let outcome: LoginOutcome;
				if (pending) {
					await page.open(pending.session.url);
					base.loginPerformed = true;
					const answer =
						pending.challenge.method === 'email_link'
							? signInLinkToOpen(options.resume!.code, originGuard(allowed))
							: options.resume!.code.trim();
					outcome = await adapter.submitCode(env, pending.challenge, answer);
					recordPassed(passed, pending.challenge, outcome, 'code');
				} else if (saved && (await adapter.isLoggedIn(env))) {
					base.sessionReused = true;
					outcome = { kind: 'loggedIn' };
				} else {
					base.loginPerformed = true;
					outcome = await adapter.login(env);
				}
				outcome = await answerAutomatically(adapter, env, outcome, totp, clock, passed);
				let shortfall: MailboxShortfall | undefined;
				if (options.mailbox)
					({ outcome, shortfall } = await answerFromMailbox(
						adapter,
						env,
						outcome,
						options.mailbox,
						{
							since: Date.parse(base.startedAt),
							rules: { domains: mailDomains(allowed), ...portal.mail },
							allowed: originGuard(allowed),
							passed,
							signal: options.signal,
						},
					));
				// Signed in only on the portal: a page elsewhere showing the marker proves nothing.
				if (outcome.kind === 'loggedIn') refuseOffsiteSignIn(page, originGuard(allowed));

				if (outcome.kind === 'challenge') {
					const challenge = withExpiry(outcome.challenge, portal.codeValiditySeconds);
					const parked: PendingLogin<TOperation> = {
						session: await snapshotSession(page, portal.slug, baseUrl),
						challenge,
						operation: pending?.operation ?? options.operation,
					};
					const resumeToken = await seal(
						parked,
						challenge.expiresAt!,
						sealScope(portal, credentials, 'resume'),
					);
					const code = challenge.rejected ?? shortfall?.reason ?? reasonForMethod(challenge.method);
					return withLearned(
						reasonResult(
							base,
							code,
							shortfall?.message ??
								challenge.portalMessage ??
								`The portal asks for ${challenge.method.replace('_', ' ')} verification.`,
							{
								challenge: {
									method: challenge.method,
									portalMessage: challenge.portalMessage,
									resumeToken,
									expiresAt: new Date(challenge.expiresAt!).toISOString(),
									image: challenge.image,
								},
							},
						),
					);
				}

				const session = await seal(
					await snapshotSession(page, portal.slug, baseUrl),
					Date.now() + portal.sessionMaxAgeSeconds * 1000,
					sealScope(portal, credentials, 'session'),
				);
				if (options.mode === 'check') return withLearned(successResult(base, { session }));

				options.onStatus?.('download_running');
				const collection = await collect(adapter, env, {
					portal: portal.slug,
					fileLabel: portal.fileLabel,
					filters,
					fetch: options.mode === 'download',
					listing: options.listing ?? 'all',
					newest: options.newest,
					isDelivered: options.isDelivered,
					isDeliveredFile: options.isDeliveredFile,
					concurrency: options.concurrency ?? 4,
					onDownloaded: options.onDownloaded,
				});
				return withLearned(successResult(base, { ...collection, session }));
			} catch (error) {
				if (options.signal?.aborted) throw error;
				const portalError = stoppedAtBoundary(page) ?? asPortalError(error);
				const info = reasonInfo(portalError.code);
				if (info.setup) throw portalError;
				const wantsPicture = !!info.debugPicture;
				return withLearned(
					reasonResult(base, portalError.code, portalError.message, {
						retryAfterSeconds: portalError.details.retryAfterSeconds,
						debug: {
							url: safeUrl(page.url()),
							missingElement: portalError.details.missingElement,
							screenshot: wantsPicture ? await screenshotWithoutSecrets(page, redactor) : undefined,
							html: wantsPicture ? await redactedHtml(page) : undefined,
						},
					}),
				);
			}
		},
	);
}
