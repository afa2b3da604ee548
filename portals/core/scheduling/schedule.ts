import { createHash } from 'node:crypto';
import { DateTime, IANAZone } from 'luxon';
import { invalidInput } from '../outcomes/errors';

/**
 * When scheduled downloads may run: on these weekdays, inside these hour ranges, in this time
 * zone ("so that 2FA codes do not arrive at weekends or at night"). Hours are local wall-clock
 * hours, so a window keeps its meaning across daylight-saving changes.
 */
export interface DownloadWindow {
	/** ISO weekdays: 1 = Monday … 7 = Sunday. */
	weekdays: number[];
	/** Half-open local hour ranges [from, to), 0 ≤ from < to ≤ 24. */
	hourRanges: { from: number; to: number }[];
	/** IANA zone, e.g. Europe/Amsterdam. */
	timezone: string;
}

export const MIN_EVERY_DAYS = 1;
export const MAX_EVERY_DAYS = 100;

export function validateWindow(window: DownloadWindow): DownloadWindow {
	if (!IANAZone.isValidZone(window.timezone))
		throw invalidInput(
			'timezone',
			`"${window.timezone}" is not a time zone name such as Europe/Amsterdam.`,
		);
	if (!window.weekdays.length) throw invalidInput('weekdays', 'choose at least one weekday.');
	for (const day of window.weekdays)
		if (!Number.isInteger(day) || day < 1 || day > 7)
			throw invalidInput('weekdays', `${day} is not a weekday (1 = Monday … 7 = Sunday).`);
	if (!window.hourRanges.length) throw invalidInput('hourRanges', 'add at least one hour range.');
	for (const { from, to } of window.hourRanges) {
		if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 24 || from >= to) {
			throw invalidInput(
				'hourRanges',
				`${from}–${to} is not a range of whole hours between 0 and 24 that ends after it starts.`,
			);
		}
	}
	return window;
}

export function validateEveryDays(everyDays: number): number {
	if (!Number.isInteger(everyDays) || everyDays < MIN_EVERY_DAYS || everyDays > MAX_EVERY_DAYS) {
		throw invalidInput(
			'everyDays',
			`must be a whole number of days from ${MIN_EVERY_DAYS} to ${MAX_EVERY_DAYS} (got ${everyDays}).`,
		);
	}
	return everyDays;
}

/** The hour range that contains `now` (local time), as instants; undefined outside the window. */
export function currentWindow(
	now: number,
	window: DownloadWindow,
): { start: DateTime; end: DateTime } | undefined {
	const local = DateTime.fromMillis(now, { zone: window.timezone });
	if (!window.weekdays.includes(local.weekday)) return undefined;
	const range = window.hourRanges.find((r) => local.hour >= r.from && local.hour < r.to);
	if (!range) return undefined;
	const day = local.startOf('day');
	// Wall-clock boundaries; luxon moves a boundary that does not exist (spring forward) to the next valid time.
	return {
		start: day.set({ hour: range.from }),
		end: range.to === 24 ? day.plus({ days: 1 }) : day.set({ hour: range.to }),
	};
}

export function isInWindow(now: number, window: DownloadWindow): boolean {
	return currentWindow(now, window) !== undefined;
}

/**
 * Due when it never succeeded, or when at least `everyDays` calendar days (in the window's zone)
 * have passed since the last success. Calendar days, not 24-hour blocks: a weekly run at 09:40
 * does not creep later each week because the next wake-up came at 10:00.
 */
export function isDue(
	now: number,
	lastSuccessAt: number | undefined,
	everyDays: number,
	timezone: string,
): boolean {
	if (lastSuccessAt === undefined) return true;
	const today = DateTime.fromMillis(now, { zone: timezone }).startOf('day');
	const last = DateTime.fromMillis(lastSuccessAt, { zone: timezone }).startOf('day');
	return today.diff(last, 'days').days >= everyDays - 1e-9;
}

/**
 * A random but stable delay into the current window, so that many connections do not all start
 * at the window's first minute. Stable per connection and window: every wake-up inside the window
 * computes the same planned start. It leaves at least one wake-up interval before the window
 * ends, so that a wake-up still comes after it (a one-hour window with hourly wake-ups gets none).
 */
export function plannedStart(
	now: number,
	window: DownloadWindow,
	maxJitterMinutes: number,
	seed: string,
	wakeIntervalMinutes = 60,
): DateTime | undefined {
	const range = currentWindow(now, window);
	if (!range) return undefined;
	const length = range.end.diff(range.start, 'minutes').minutes;
	const limit = Math.max(0, Math.min(maxJitterMinutes, Math.floor(length - wakeIntervalMinutes)));
	if (limit === 0) return range.start;
	const digest = createHash('sha256').update(`${seed}|${range.start.toISO()}`).digest();
	return range.start.plus({ minutes: digest.readUInt32BE(0) % (limit + 1) });
}

/** Everything a wake-up must decide before any browser starts. */
export function shouldRunNow(
	now: number,
	options: {
		window: DownloadWindow;
		everyDays: number;
		lastSuccessAt?: number;
		maxJitterMinutes?: number;
		wakeIntervalMinutes?: number;
		seed: string;
	},
): { run: boolean; why: 'outside_window' | 'not_due' | 'waiting_for_jitter' | 'due' } {
	if (!isInWindow(now, options.window)) return { run: false, why: 'outside_window' };
	if (!isDue(now, options.lastSuccessAt, options.everyDays, options.window.timezone))
		return { run: false, why: 'not_due' };
	const start = plannedStart(
		now,
		options.window,
		options.maxJitterMinutes ?? 0,
		options.seed,
		options.wakeIntervalMinutes,
	);
	if (start && now < start.toMillis()) return { run: false, why: 'waiting_for_jitter' };
	return { run: true, why: 'due' };
}
