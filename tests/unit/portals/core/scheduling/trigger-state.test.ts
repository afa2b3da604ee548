import { DateTime } from 'luxon';
import { wakeIntervalMinutes } from '../../../../../nodes/InvoicePortalTrigger/settings';
import {
	applyDisabled,
	applyOutcome,
	decideWake,
	listingStartDate,
	type ScheduleState,
	type WakeContext,
} from '../../../../../portals/core/scheduling/trigger-state';

const always = {
	weekdays: [1, 2, 3, 4, 5, 6, 7],
	hourRanges: [{ from: 0, to: 24 }],
	timezone: 'Europe/Amsterdam',
};
const t0 = DateTime.fromISO('2026-11-23T09:00', { zone: 'Europe/Amsterdam' }).toMillis();
const HOUR = 3_600_000;

function context(_state: ScheduleState, overrides: Partial<WakeContext> = {}): WakeContext {
	return {
		now: t0,
		enabled: true,
		manual: false,
		filtersHash: 'f1',
		window: always,
		everyDays: 7,
		seed: 'c',
		...overrides,
	};
}

test('transient failures back off 1 h, 2 h, 4 h … and honour Retry-After', () => {
	let state: ScheduleState = {};
	const waits: number[] = [];
	let now = t0;
	for (let i = 0; i < 4; i++) {
		expect(decideWake(state, context(state, { now })).run).toBe(true);
		state = applyOutcome(
			state,
			{ status: 'connected', reason: 'PORTAL_UNAVAILABLE' },
			context(state, { now }),
		).state;
		waits.push(state.backoff!.until - now);
		expect(decideWake(state, context(state, { now: now + 1000 }))).toEqual({
			run: false,
			why: 'backing_off',
		});
		now = state.backoff!.until;
	}
	expect(waits).toEqual([HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR]);
	const limited = applyOutcome(
		{},
		{ status: 'connected', reason: 'RATE_LIMITED', retryAfterSeconds: 5 * 3600 },
		context(state),
	);
	expect(limited.state.backoff!.until - t0).toBe(5 * HOUR);
});

test('downloads switched off: paused, nothing runs, even by hand', () => {
	const state = {};
	expect(decideWake(state, context(state, { enabled: false }))).toEqual({
		run: false,
		why: 'disabled',
		status: 'paused',
	});
	expect(decideWake(state, context(state, { enabled: false, manual: true })).run).toBe(false);
});

test('full re-scan on the first run, after 30 days without success, and when the filters change', () => {
	let state: ScheduleState = {};
	expect(decideWake(state, context(state))).toMatchObject({ run: true, fullScan: true });
	state = applyOutcome(state, { status: 'connected' }, context(state)).state;
	const weekLater = t0 + 7 * 24 * HOUR;
	expect(decideWake(state, context(state, { now: weekLater }))).toMatchObject({
		run: true,
		fullScan: false,
	});
	expect(decideWake(state, context(state, { now: weekLater, filtersHash: 'f2' }))).toMatchObject({
		run: true,
		fullScan: true,
	});
	expect(decideWake(state, context(state, { now: t0 + 31 * 24 * HOUR }))).toMatchObject({
		run: true,
		fullScan: true,
	});
	// Not due yet: no run, no browser.
	expect(decideWake(state, context(state, { now: t0 + 2 * 24 * HOUR }))).toEqual({
		run: false,
		why: 'not_due',
	});
});

test('action required does not back off on a timer and reports a change only when the reason changes', () => {
	let state: ScheduleState = {};
	state = applyOutcome(state, { status: 'connected' }, context(state)).state;
	const first = applyOutcome(
		state,
		{ status: 'action_required', reason: 'CODE_REQUIRED_SMS' },
		context(state),
	);
	expect(first.statusChanged).toBe(true);
	expect(first.state.backoff).toBeUndefined();
	expect(
		applyOutcome(
			first.state,
			{ status: 'action_required', reason: 'CODE_REQUIRED_SMS' },
			context(state),
		).statusChanged,
	).toBe(false);
	expect(
		applyOutcome(first.state, { status: 'action_required', reason: 'WRONG_CODE' }, context(state))
			.statusChanged,
	).toBe(true);
});

test('after action required the next attempt waits for the cadence: no new SMS every hour', () => {
	let state: ScheduleState = {};
	state = applyOutcome(
		state,
		{ status: 'action_required', reason: 'CODE_REQUIRED_SMS' },
		context(state),
	).state;
	expect(decideWake(state, context(state, { now: t0 + HOUR }))).toEqual({
		run: false,
		why: 'not_due',
	});
	expect(decideWake(state, context(state, { now: t0 + 6 * 24 * HOUR }))).toEqual({
		run: false,
		why: 'not_due',
	});
	expect(decideWake(state, context(state, { now: t0 + 7 * 24 * HOUR })).run).toBe(true);
});

test('documents left over the limit are fetched at the next wake-up; failed ones too, but with back-off', () => {
	let state = applyOutcome({}, { status: 'connected', moreWaiting: true }, context({})).state;
	expect(decideWake(state, context(state, { now: t0 + HOUR }))).toMatchObject({
		run: true,
		fullScan: false,
	});
	state = applyOutcome(state, { status: 'connected' }, context(state, { now: t0 + HOUR })).state;
	expect(decideWake(state, context(state, { now: t0 + 2 * HOUR }))).toEqual({
		run: false,
		why: 'not_due',
	});

	const partial = applyOutcome(
		{},
		{ status: 'connected', reason: 'PARTIAL_RUN' },
		context({}),
	).state;
	expect(partial.lastSuccessAt).toBe(t0);
	expect(decideWake(partial, context(partial, { now: t0 + HOUR / 2 }))).toEqual({
		run: false,
		why: 'backing_off',
	});
	expect(decideWake(partial, context(partial, { now: t0 + HOUR })).run).toBe(true);
});

test('a second rejected login with other login data is reported again; switching off is reported once', () => {
	let state: ScheduleState = {};
	state = applyOutcome(
		state,
		{ status: 'login_failed', reason: 'WRONG_CREDENTIALS' },
		context(state),
	).state;
	expect(
		applyOutcome(state, { status: 'login_failed', reason: 'WRONG_CREDENTIALS' }, context(state))
			.statusChanged,
	).toBe(false);
	const again = applyOutcome(
		state,
		{ status: 'login_failed', reason: 'WRONG_CREDENTIALS' },
		{ ...context(state), newLockout: true },
	);
	expect(again.statusChanged).toBe(true);

	const off = applyDisabled({}, t0);
	expect(off.statusChanged).toBe(true);
	expect(applyDisabled(off.state, t0 + HOUR).statusChanged).toBe(false);
});

test('listing start: the configured date, or 90 days back on the first run; later never beyond what the ledger remembers', () => {
	const fresh = {};
	expect(listingStartDate(fresh, '2026-06-01', t0, 'Europe/Amsterdam')).toBe('2026-06-01');
	expect(listingStartDate(fresh, undefined, t0, 'Europe/Amsterdam')).toBe('2026-08-25');
	const remembered = { ...fresh, defaultStartDate: '2026-08-25', lastSuccessAt: t0 };
	expect(listingStartDate(remembered, undefined, t0 + 14 * 24 * HOUR, 'Europe/Amsterdam')).toBe(
		'2026-08-25',
	);
	// Years later, with a start date long ago: only the last 365 days are listed again.
	expect(
		listingStartDate({ ...fresh, lastSuccessAt: t0 }, '2020-01-01', t0, 'Europe/Amsterdam'),
	).toBe('2025-11-23');
	expect(listingStartDate(fresh, '2020-01-01', t0, 'Europe/Amsterdam')).toBe('2020-01-01');
});

test("the wake-up interval is read from n8n's Poll Times (shortest entry; hourly when unknown)", () => {
	expect(wakeIntervalMinutes({ item: [{ mode: 'everyHour' }] })).toBe(60);
	expect(
		wakeIntervalMinutes({
			item: [{ mode: 'everyX', value: 15, unit: 'minutes' }, { mode: 'everyDay' }],
		}),
	).toBe(15);
	expect(wakeIntervalMinutes({ item: [{ mode: 'everyX', value: 2, unit: 'hours' }] })).toBe(120);
	expect(wakeIntervalMinutes({ item: [{ mode: 'custom' }] })).toBe(60);
	expect(wakeIntervalMinutes(undefined)).toBe(60);
});
