import { createHmac, randomBytes } from 'node:crypto';
import type { ReasonCode } from './reasons';
import { REASONS } from './reasons';
import { shouldRunNow, type DownloadWindow } from './schedule';
import type { ConnectionStatus } from './statuses';

/**
 * What a scheduled connection remembers between wake-ups (plain JSON for n8n's static data).
 * It never holds a secret: the lockout compares an HMAC fingerprint of the login data.
 */
export interface TriggerState {
	/** Random, per node: keys the fingerprint so it says nothing outside this state. */
	salt: string;
	lastRunAt?: number;
	lastSuccessAt?: number;
	lastStatus?: ConnectionStatus;
	lastReason?: ReasonCode;
	/** Set after a rejected login: no new attempt until the login data changes or a manual run. */
	lockout?: { fingerprint: string; reason: ReasonCode; since: number };
	/** After a transient failure: no attempt before `until`. */
	backoff?: { attempts: number; until: number };
	filtersHash?: string;
}

export const FULL_SCAN_AFTER_DAYS = 30;
const HOUR = 3_600_000;
const MAX_BACKOFF = 7 * 24 * HOUR;

export function newTriggerState(): TriggerState {
	return { salt: randomBytes(16).toString('hex') };
}

export function loginFingerprint(state: TriggerState, username: string, password: string): string {
	return createHmac('sha256', state.salt).update(`${username.length}:${username}|${password}`).digest('hex');
}

export type WakeDecision =
	| { run: false; why: 'disabled' | 'locked_out'; status: 'paused'; reason?: ReasonCode }
	| { run: false; why: 'backing_off' | 'outside_window' | 'not_due' | 'waiting_for_jitter' }
	| { run: true; why: 'manual' | 'due'; fullScan: boolean };

export interface WakeContext {
	now: number;
	enabled: boolean;
	/** A person started it (test run in the editor): the schedule and the lockout do not apply. */
	manual: boolean;
	fingerprint: string;
	filtersHash: string;
	window: DownloadWindow;
	everyDays: number;
	maxJitterMinutes?: number;
	seed: string;
}

/** Decides a wake-up before any browser starts. */
export function decideWake(state: TriggerState, ctx: WakeContext): WakeDecision {
	if (!ctx.enabled) return { run: false, why: 'disabled', status: 'paused' };
	const fullScan = !state.lastSuccessAt || ctx.now - state.lastSuccessAt > FULL_SCAN_AFTER_DAYS * 24 * HOUR || state.filtersHash !== ctx.filtersHash;
	if (ctx.manual) return { run: true, why: 'manual', fullScan };
	if (state.lockout && state.lockout.fingerprint === ctx.fingerprint) {
		return { run: false, why: 'locked_out', status: 'paused', reason: state.lockout.reason };
	}
	if (state.backoff && ctx.now < state.backoff.until) return { run: false, why: 'backing_off' };
	const schedule = shouldRunNow(ctx.now, {
		window: ctx.window,
		everyDays: ctx.everyDays,
		lastSuccessAt: state.lastSuccessAt,
		maxJitterMinutes: ctx.maxJitterMinutes,
		seed: ctx.seed,
	});
	if (!schedule.run) return { run: false, why: schedule.why as 'outside_window' | 'not_due' | 'waiting_for_jitter' };
	return { run: true, why: 'due', fullScan };
}

export interface RunOutcome {
	status: ConnectionStatus;
	reason?: ReasonCode;
	retryAfterSeconds?: number;
}

/**
 * Records a run. A rejected login (wrong credentials, locked) sets the lockout for this login
 * data; a transient failure backs off (1 h, 2 h, 4 h … at most 7 days, or what the portal asked
 * for); success clears both. Says whether the user-visible status changed.
 */
export function applyOutcome(state: TriggerState, outcome: RunOutcome, ctx: { now: number; fingerprint: string; filtersHash: string }): { state: TriggerState; statusChanged: boolean } {
	const next: TriggerState = { ...state, lastRunAt: ctx.now, lastStatus: outcome.status, lastReason: outcome.reason };
	const info = outcome.reason ? REASONS[outcome.reason] : undefined;
	const succeeded = outcome.status === 'connected' && (!outcome.reason || outcome.reason === 'PARTIAL_RUN');
	if (succeeded) {
		next.lastSuccessAt = ctx.now;
		next.filtersHash = ctx.filtersHash;
		delete next.lockout;
		delete next.backoff;
	} else if (info?.pausesSchedule) {
		next.lockout = { fingerprint: ctx.fingerprint, reason: outcome.reason!, since: ctx.now };
		delete next.backoff;
	} else if (info?.retryable) {
		const attempts = (state.backoff?.attempts ?? 0) + 1;
		const wait = Math.max(Math.min(HOUR * 2 ** (attempts - 1), MAX_BACKOFF), (outcome.retryAfterSeconds ?? 0) * 1000);
		next.backoff = { attempts, until: ctx.now + wait };
	} else {
		// Action required (a code, new terms): nothing to retry on a timer; the next due wake-up tries again.
		delete next.backoff;
	}
	const statusChanged = state.lastStatus !== outcome.status || state.lastReason !== outcome.reason;
	return { state: next, statusChanged };
}
