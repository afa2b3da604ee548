import {
	documentMetadata,
	type DocumentMetadata,
	type DownloadedDocument,
} from '../contract/documents';
import { PortalError, redactUrls, safeUrl } from './errors';
import {
	addressIn,
	blockedPortMessage,
	isBlockedPort,
	networkWords,
	withoutLibraryWording,
} from './network-words';
import { NeedsBrowser } from '../contract/needs-browser';
import { emptyCounts, type StageCounts } from '../contract/counts';
import { REASONS, type ReasonCode } from './reasons';
import { type ChallengeMethod } from '../contract/two-factor';
import { STATUS_INFO, type ConnectionStatus } from '../contract/statuses';
import type { PassedChallenge } from '../contract/session';

/** A document that could not be delivered in this run, and why. */
export interface Failure {
	documentId: string;
	number: string;
	reason: ReasonCode;
	message: string;
}

export interface ChallengeReport {
	method: ChallengeMethod;
	portalMessage?: string;
	/** Encrypted; the only session material that ever leaves the engine. */
	resumeToken: string;
	expiresAt: string;
	image?: { mimeType: string; base64: string };
}

export interface DebugInfo {
	/** Page address without query string. */
	url?: string;
	missingElement?: string;
	screenshot?: Buffer;
	/** The page's HTML with form values, tokens, inline scripts and query strings removed. */
	html?: string;
}

export interface RunResult {
	portal: string;
	status: ConnectionStatus;
	reason?: ReasonCode;
	message: string;
	remedy: string;
	retryable: boolean;
	pausesSchedule: boolean;
	counts: StageCounts;
	/** Download mode: the verified files, newest first per sub-account. */
	documents: DownloadedDocument[];
	/** The documents that passed every filter (metadata only: no session-bound download form). */
	selected: DocumentMetadata[];
	failures: Failure[];
	challenge?: ChallengeReport;
	/** Encrypted browser session to save and pass back next time (skips the login). */
	session?: string;
	loginPerformed: boolean;
	sessionReused: boolean;
	/**
	 * The code prompts this run's login got past and how each was answered (never the code), in
	 * order: what the checker confirms to someone writing a definition.
	 */
	challengesPassed?: PassedChallenge[];
	debug?: DebugInfo;
	/** RATE_LIMITED: how long the portal asked us to wait. */
	retryAfterSeconds?: number;
	/** What the adapter learned about the portal (a discovered definition): keep it per connection. */
	learned?: unknown;
	/** The engine that showed the portal's pages at the end: plain HTTP or the browser. */
	engine?: 'http' | 'browser';
	/** `"engine": "auto"` moved from HTTP to the browser during this run, and why. */
	engineSwitch?: string;
	/** What discovery found, step by step (Automatic portals only). */
	discovery?: string[];
	startedAt: string;
	finishedAt: string;
}

/**
 * Whether a run did its job: connected, with at most some documents left for the next run. The
 * one test of success (status store, schedule, lockout).
 */
export function succeeded(result: Pick<RunResult, 'status' | 'reason'>): boolean {
	return result.status === 'connected' && (!result.reason || result.reason === 'PARTIAL_RUN');
}

export type RunBase = Pick<
	RunResult,
	'portal' | 'loginPerformed' | 'sessionReused' | 'startedAt' | 'challengesPassed'
>;

/**
 * The reason of a run that signed in and fetched, but not every document: the one failure's own
 * reason when nothing else was fetched, else PARTIAL_RUN. A run's reason always belongs to its
 * status (connected), as the reasons table says: a document whose link led to another website
 * (NAVIGATION_BLOCKED, action required when a page of the run does it) makes the run
 * connected / PARTIAL_RUN, and the document's failure names NAVIGATION_BLOCKED.
 */
function runReasonOf(failures: Failure[], downloaded: number): ReasonCode {
	const only = failures.length === 1 && downloaded === 0 ? failures[0].reason : undefined;
	return only && REASONS[only].status === 'connected' ? only : 'PARTIAL_RUN';
}

export function successResult(base: RunBase, parts: Partial<RunResult> = {}): RunResult {
	const failures = parts.failures ?? [];
	const downloaded = parts.documents?.length ?? 0;
	let reason: ReasonCode | undefined;
	let message = 'Connected.';
	if (failures.length) {
		reason = runReasonOf(failures, downloaded);
		message = `${failures.length} document(s) could not be fetched (first: ${failures[0].number}: ${failures[0].message})`;
	}
	const info = reason ? REASONS[reason] : undefined;
	return {
		...base,
		status: 'connected',
		reason,
		message,
		remedy: info?.remedy ?? STATUS_INFO.connected.remedy,
		retryable: info?.retryable ?? false,
		pausesSchedule: false,
		counts: parts.counts ?? emptyCounts(),
		documents: parts.documents ?? [],
		selected: (parts.selected ?? []).map(documentMetadata),
		failures,
		session: parts.session,
		finishedAt: new Date().toISOString(),
	};
}

export function reasonResult(
	base: RunBase,
	code: ReasonCode,
	message: string,
	parts: Partial<RunResult> = {},
): RunResult {
	const info = REASONS[code];
	return {
		...base,
		status: info.status,
		reason: code,
		message,
		remedy: info.remedy,
		retryable: info.retryable,
		pausesSchedule: info.pausesSchedule,
		counts: parts.counts ?? emptyCounts(),
		documents: parts.documents ?? [],
		selected: (parts.selected ?? []).map(documentMetadata),
		failures: parts.failures ?? [],
		challenge: parts.challenge,
		session: parts.session,
		debug: parts.debug,
		retryAfterSeconds: parts.retryAfterSeconds,
		finishedAt: new Date().toISOString(),
	};
}

/** Unknown errors are wrapped, keeping only their first line (stack traces can quote page content). */
export function asPortalError(error: unknown): PortalError {
	if (error instanceof PortalError) return error;
	// Reached only with "engine": "http" (auto moves to the browser instead).
	if (error instanceof NeedsBrowser)
		return new PortalError(
			'LAYOUT_CHANGED',
			`${error.why}; this portal needs the browser for it: set "engine": "auto" or "browser" in its definition.`,
		);
	const raw = redactUrls(String((error as Error)?.message ?? error).split('\n')[0]);
	const message = withoutLibraryWording(raw);
	const where = addressIn(raw);
	const at = where ? ` at ${safeUrl(where)}` : '';
	const words = networkWords(raw);
	if (isBlockedPort(raw))
		return new PortalError('INVALID_INPUT', blockedPortMessage(where && safeUrl(where)));
	if ((error as Error)?.name === 'TimeoutError' || /net::ERR_(CONNECTION_)?TIMED_OUT/.test(raw))
		return new PortalError('TIMEOUT', `The portal did not answer in time${at}.`);
	// A certificate or TLS fault does not pass by itself: not "unavailable", which retries quietly.
	if (words && /certificate|TLS/.test(words))
		return new PortalError('UNKNOWN_ERROR', `The portal${at} cannot be used: ${words}.`);
	if (words)
		return new PortalError('PORTAL_UNAVAILABLE', `The portal cannot be reached${at}: ${words}.`);
	return new PortalError('UNKNOWN_ERROR', message);
}
