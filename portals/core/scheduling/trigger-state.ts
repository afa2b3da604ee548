import { DateTime } from 'luxon';
import { DEFAULT_LEDGER_MAX_AGE_DAYS } from '../delivery/ledger';
import type { ReasonCode } from '../outcomes/reasons';
import { REASONS } from '../outcomes/reasons';
import { succeeded } from '../outcomes/result';
import { shouldRunNow, type DownloadWindow } from './schedule';
import type { ConnectionStatus } from '../contract/statuses';

/**
 * What a scheduled connection remembers between wake-ups (part of the connection's record,
 * run/connection-state.ts). A rejected login is not the schedule's business: the one lockout
 * rule (run/lockout.ts) holds every run back, scheduled or not.
 */
export interface ScheduleState {
	lastRunAt?: number;
	lastSuccessAt?: number;
	/** The status last reported on the Status Changes output (a lockout keeps the one that caused it). */
	lastStatus?: ConnectionStatus;
	lastReason?: ReasonCode;
	/** The portal asked for a person (a code, new terms): the next attempt waits for the cadence. */
	actionRequiredAt?: number;
	/** Documents are left over (over the limit, or failed): the next allowed wake-up runs again. */
	pending?: boolean;
	/** The default start date (90 days before the first run), fixed at the first run. */
	defaultStartDate?: string;
	/** After a transient failure: no attempt before `until`. */
	backoff?: { attempts: number; until: number };
	filtersHash?: string;
}

export const FULL_SCAN_AFTER_DAYS = 30;
/** Without a configured start date, the first run fetches this many days back. */
export const DEFAULT_START_DAYS = 90;
/**
 * Later runs never list further back than this: the delivery ledger forgets entries after
 * DEFAULT_LEDGER_MAX_AGE_DAYS, and a document it forgot must not be delivered again.
 */
export const RESCAN_MAX_DAYS = DEFAULT_LEDGER_MAX_AGE_DAYS - 35;
const HOUR = 3_600_000;
const MAX_BACKOFF = 7 * 24 * HOUR;

export type WakeDecision =
	| { run: false; why: 'disabled'; status: 'paused' }
	| { run: false; why: 'backing_off' | 'outside_window' | 'not_due' | 'waiting_for_jitter' }
	| { run: true; why: 'manual' | 'due'; fullScan: boolean };

export interface WakeContext {
	now: number;
	enabled: boolean;
	/** A person started it (test run in the editor): the schedule and the lockout do not apply. */
	manual: boolean;
	filtersHash: string;
	window: DownloadWindow;
	everyDays: number;
	maxJitterMinutes?: number;
	/** How often n8n wakes the trigger (its Poll Times); the random delay leaves one wake-up before the window ends. */
	wakeIntervalMinutes?: number;
	seed: string;
}

/**
 * The earliest issue date to list: the configured start date, or 90 days before the first run;
 * after the first success never further back than the delivery ledger remembers.
 */
export function listingStartDate(
	state: ScheduleState,
	configured: string | undefined,
	now: number,
	timezone: string,
): string {
	const today = DateTime.fromMillis(now, { zone: timezone });
	const start =
		configured ?? state.defaultStartDate ?? today.minus({ days: DEFAULT_START_DAYS }).toISODate()!;
	if (!state.lastSuccessAt) return start;
	const floor = today.minus({ days: RESCAN_MAX_DAYS }).toISODate()!;
	return start > floor ? start : floor;
}

/** Decides a wake-up before any browser starts. */
export function decideWake(state: ScheduleState, ctx: WakeContext): WakeDecision {
	if (!ctx.enabled) return { run: false, why: 'disabled', status: 'paused' };
	const fullScan =
		!state.lastSuccessAt ||
		ctx.now - state.lastSuccessAt > FULL_SCAN_AFTER_DAYS * 24 * HOUR ||
		state.filtersHash !== ctx.filtersHash;
	if (ctx.manual) return { run: true, why: 'manual', fullScan };
	if (state.backoff && ctx.now < state.backoff.until) return { run: false, why: 'backing_off' };
	// After "action required" a new attempt (a new SMS, say) waits for the cadence, not the next hour.
	const lastAttempt = Math.max(state.lastSuccessAt ?? 0, state.actionRequiredAt ?? 0) || undefined;
	const schedule = shouldRunNow(ctx.now, {
		window: ctx.window,
		everyDays: ctx.everyDays,
		lastSuccessAt: state.pending ? undefined : lastAttempt,
		maxJitterMinutes: ctx.maxJitterMinutes,
		wakeIntervalMinutes: ctx.wakeIntervalMinutes,
		seed: ctx.seed,
	});
	if (!schedule.run)
		return { run: false, why: schedule.why as 'outside_window' | 'not_due' | 'waiting_for_jitter' };
	return { run: true, why: 'due', fullScan };
}

export interface RunOutcome {
	status: ConnectionStatus;
	reason?: ReasonCode;
	retryAfterSeconds?: number;
	/** Documents passed the filters but were left for the next run (over the limit). */
	moreWaiting?: boolean;
}

function backoffAfter(
	state: ScheduleState,
	now: number,
	retryAfterSeconds = 0,
): NonNullable<ScheduleState['backoff']> {
	const attempts = (state.backoff?.attempts ?? 0) + 1;
	const wait = Math.max(
		Math.min(HOUR * 2 ** (attempts - 1), MAX_BACKOFF),
		retryAfterSeconds * 1000,
	);
	return { attempts, until: now + wait };
}

/** Downloads switched off: status paused, reported once. */
export function applyDisabled(
	state: ScheduleState,
	now: number,
): { state: ScheduleState; statusChanged: boolean } {
	const statusChanged = state.lastStatus !== 'paused' || state.lastReason !== 'DOWNLOADS_DISABLED';
	return {
		state: { ...state, lastRunAt: now, lastStatus: 'paused', lastReason: 'DOWNLOADS_DISABLED' },
		statusChanged,
	};
}

/**
 * Records a run in the schedule. A transient failure backs off (1 h, 2 h, 4 h … at most 7 days, or
 * what the portal asked for); success clears the back-off; a rejected login only stops backing
 * off (the lockout rule holds the next runs back). Says whether the user-visible status changed.
 */
export function applyOutcome(
	state: ScheduleState,
	outcome: RunOutcome,
	ctx: {
		now: number;
		filtersHash: string;
		/** The run set a lockout for other login data than the one before. */ newLockout?: boolean;
	},
): { state: ScheduleState; statusChanged: boolean } {
	const next: ScheduleState = {
		...state,
		lastRunAt: ctx.now,
		lastStatus: outcome.status,
		lastReason: outcome.reason,
	};
	delete next.pending;
	const info = outcome.reason ? REASONS[outcome.reason] : undefined;
	if (succeeded(outcome)) {
		next.lastSuccessAt = ctx.now;
		next.filtersHash = ctx.filtersHash;
		delete next.backoff;
		delete next.actionRequiredAt;
		if (outcome.moreWaiting) next.pending = true;
		if (outcome.reason === 'PARTIAL_RUN') {
			// The failed documents are tried again soon, but with back-off: a document that is
			// broken on the portal must not cause a login every hour.
			next.pending = true;
			next.backoff = backoffAfter(state, ctx.now);
		}
	} else if (info?.pausesSchedule) {
		delete next.backoff;
	} else if (info?.retryable) {
		next.backoff = backoffAfter(state, ctx.now, outcome.retryAfterSeconds);
	} else {
		// Action required (a code, new terms): nothing to retry on a timer; the next attempt waits for the cadence.
		next.actionRequiredAt = ctx.now;
		delete next.backoff;
	}
	// A login rejected again with other login data is news too ("the new password is wrong as well").
	const statusChanged =
		state.lastStatus !== outcome.status || state.lastReason !== outcome.reason || !!ctx.newLockout;
	return { state: next, statusChanged };
}
