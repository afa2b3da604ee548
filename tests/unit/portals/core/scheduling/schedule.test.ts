import { DateTime } from 'luxon';
import {
	currentWindow,
	isDue,
	isInWindow,
	plannedStart,
	shouldRunNow,
	validateEveryDays,
	validateWindow,
	type DownloadWindow,
} from '../../../../../portals/core/scheduling/schedule';

const at = (iso: string, zone = 'Europe/Amsterdam') => DateTime.fromISO(iso, { zone }).toMillis();
const weekdaysOffice: DownloadWindow = {
	weekdays: [1, 2, 3, 4, 5],
	hourRanges: [
		{ from: 8, to: 12 },
		{ from: 14, to: 18 },
	],
	timezone: 'Europe/Amsterdam',
};

describe('download windows', () => {
	test('weekdays and several hour ranges, half-open', () => {
		expect(isInWindow(at('2026-11-23T08:00'), weekdaysOffice)).toBe(true); // Monday
		expect(isInWindow(at('2026-11-23T07:59'), weekdaysOffice)).toBe(false);
		expect(isInWindow(at('2026-11-23T12:00'), weekdaysOffice)).toBe(false); // lunch
		expect(isInWindow(at('2026-11-23T15:30'), weekdaysOffice)).toBe(true);
		expect(isInWindow(at('2026-11-23T18:00'), weekdaysOffice)).toBe(false);
		expect(isInWindow(at('2026-11-21T10:00'), weekdaysOffice)).toBe(false); // Saturday
		expect(isInWindow(at('2026-11-22T10:00'), weekdaysOffice)).toBe(false); // Sunday
	});

	test("the window is in its own time zone, whatever the server's", () => {
		const tokyo: DownloadWindow = {
			weekdays: [1],
			hourRanges: [{ from: 9, to: 10 }],
			timezone: 'Asia/Tokyo',
		};
		// Monday 09:30 in Tokyo is Monday 00:30 UTC and Sunday 19:30 in New York.
		expect(isInWindow(at('2026-11-23T00:30', 'UTC'), tokyo)).toBe(true);
		expect(isInWindow(at('2026-11-23T09:30', 'UTC'), tokyo)).toBe(false);
		expect(isInWindow(at('2026-11-22T19:30', 'America/New_York'), tokyo)).toBe(true);
	});

	test('a window up to midnight', () => {
		const late: DownloadWindow = {
			weekdays: [1, 2, 3, 4, 5, 6, 7],
			hourRanges: [{ from: 22, to: 24 }],
			timezone: 'Europe/Amsterdam',
		};
		expect(isInWindow(at('2026-11-23T23:59'), late)).toBe(true);
		expect(currentWindow(at('2026-11-23T23:00'), late)!.end.toISO()).toBe(
			'2026-11-24T00:00:00.000+01:00',
		);
	});

	test('DST: on the spring-forward day a 02–03 window does not exist; on the fall-back day it lasts two real hours', () => {
		const night: DownloadWindow = {
			weekdays: [7],
			hourRanges: [{ from: 2, to: 3 }],
			timezone: 'Europe/Amsterdam',
		};
		// 2026-03-29: 02:00 CET jumps to 03:00 CEST. Every real instant of that night is outside.
		for (let m = 0; m < 180; m += 15)
			expect(isInWindow(Date.UTC(2026, 2, 29, 0, m), night)).toBe(false);
		// 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:xx local happens twice.
		expect(isInWindow(Date.UTC(2026, 9, 25, 0, 30), night)).toBe(true); // 02:30 CEST
		expect(isInWindow(Date.UTC(2026, 9, 25, 1, 30), night)).toBe(true); // 02:30 CET
		expect(isInWindow(Date.UTC(2026, 9, 25, 2, 30), night)).toBe(false); // 03:30 CET
	});

	test.each<[Partial<DownloadWindow>, string]>([
		[{ timezone: 'Mars/Olympus' }, 'timezone'],
		[{ weekdays: [] }, 'weekdays'],
		[{ weekdays: [0] }, 'weekdays'],
		[{ hourRanges: [{ from: 9, to: 9 }] }, 'hourRanges'],
		[{ hourRanges: [{ from: 20, to: 25 }] }, 'hourRanges'],
	])('invalid window %j names the field %s', (change, field) => {
		expect(() => validateWindow({ ...weekdaysOffice, ...change })).toThrow(
			expect.objectContaining({ details: { field } }),
		);
	});
});

describe('cadence', () => {
	test('never ran: due', () => {
		expect(isDue(at('2026-11-23T09:00'), undefined, 7, 'Europe/Amsterdam')).toBe(true);
	});

	test('weekly counts calendar days, so a run does not creep later each week', () => {
		const last = at('2026-11-16T09:40');
		expect(isDue(at('2026-11-22T23:59'), last, 7, 'Europe/Amsterdam')).toBe(false);
		expect(isDue(at('2026-11-23T09:00'), last, 7, 'Europe/Amsterdam')).toBe(true);
	});

	test('100-day cadence across a DST change, and its bounds', () => {
		const last = at('2026-01-10T10:00');
		expect(isDue(at('2026-04-19T10:00'), last, 100, 'Europe/Amsterdam')).toBe(false); // day 99
		expect(isDue(at('2026-04-20T08:00'), last, 100, 'Europe/Amsterdam')).toBe(true); // day 100
		expect(validateEveryDays(100)).toBe(100);
		expect(() => validateEveryDays(101)).toThrow(/from 1 to 100/);
		expect(() => validateEveryDays(0)).toThrow(/from 1 to 100/);
	});
});

describe('random delay inside the window', () => {
	const day: DownloadWindow = {
		weekdays: [1, 2, 3, 4, 5],
		hourRanges: [{ from: 8, to: 18 }],
		timezone: 'Europe/Amsterdam',
	};

	test('within bounds, stable per connection and window, different between connections', () => {
		const starts = new Set<number>();
		for (let i = 0; i < 200; i++) {
			const seed = `connection-${i}`;
			const start = plannedStart(at('2026-11-23T08:05'), day, 240, seed)!;
			expect(start.toMillis()).toBeGreaterThanOrEqual(at('2026-11-23T08:00'));
			expect(start.toMillis()).toBeLessThanOrEqual(at('2026-11-23T12:00'));
			// Every wake-up in the same window plans the same start.
			expect(plannedStart(at('2026-11-23T11:00'), day, 240, seed)!.toMillis()).toBe(
				start.toMillis(),
			);
			starts.add(start.toMillis());
		}
		expect(starts.size).toBeGreaterThan(100);
	});

	test('never so late that the next hourly wake-up would miss the window', () => {
		const short: DownloadWindow = { ...day, hourRanges: [{ from: 9, to: 11 }] };
		for (let i = 0; i < 100; i++) {
			const start = plannedStart(at('2026-11-23T09:00'), short, 600, `c${i}`)!;
			expect(start.toMillis()).toBeLessThanOrEqual(at('2026-11-23T10:00'));
		}
		const oneHour: DownloadWindow = { ...day, hourRanges: [{ from: 9, to: 10 }] };
		expect(plannedStart(at('2026-11-23T09:00'), oneHour, 30, 'x')!.toISO()).toBe(
			'2026-11-23T09:00:00.000+01:00',
		);
	});

	test('shouldRunNow: outside the window, not due, waiting for the delay, due — no browser needed to decide', () => {
		const options = { window: day, everyDays: 7, maxJitterMinutes: 120, seed: 'conn' };
		expect(shouldRunNow(at('2026-11-21T10:00'), options).why).toBe('outside_window');
		expect(
			shouldRunNow(at('2026-11-23T10:00'), { ...options, lastSuccessAt: at('2026-11-20T10:00') })
				.why,
		).toBe('not_due');
		const start = plannedStart(at('2026-11-23T08:00'), day, 120, 'conn')!.toMillis();
		expect(start).toBeGreaterThan(at('2026-11-23T08:00'));
		expect(shouldRunNow(at('2026-11-23T08:00'), options).why).toBe('waiting_for_jitter');
		expect(shouldRunNow(start, options)).toEqual({ run: true, why: 'due' });
	});
});
