import type { ConnectionRecord } from './connection-record';

/** Enough runs to tell a connection's cadence, with one odd run among them. */
export const SCHEDULED_RUNS_KEPT = 6;
/** The overview counts documents of the last 30 days. */
export const DELIVERY_DAYS_KEPT = 30;

const DAY_MS = 86_400_000;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The history a record carries for the overview, after one more run: its start time among the
 * scheduled runs (a person's test runs would make a weekly connection look hourly), and its
 * downloaded documents on today's count. Both stay small: a few times, 30 days at most.
 */
export function withRun(
	previous: ConnectionRecord | undefined,
	run: { startedAt: string; manual: boolean; downloaded: number; now: Date },
): Pick<ConnectionRecord, 'scheduledRuns' | 'deliveredByDay'> {
	const scheduledRuns = [...(previous?.scheduledRuns ?? [])];
	if (!run.manual) scheduledRuns.push(run.startedAt);
	const deliveredByDay = recentDays(previous?.deliveredByDay, run.now);
	if (run.downloaded > 0) {
		const today = dayOf(run.now);
		deliveredByDay[today] = (deliveredByDay[today] ?? 0) + run.downloaded;
	}
	return {
		scheduledRuns: scheduledRuns.slice(-SCHEDULED_RUNS_KEPT),
		deliveredByDay,
	};
}

/** The days of the last DELIVERY_DAYS_KEPT days, today included. */
export function recentDays(
	byDay: Record<string, number> | undefined,
	now: Date,
): Record<string, number> {
	const oldest = dayOf(new Date(now.getTime() - (DELIVERY_DAYS_KEPT - 1) * DAY_MS));
	return Object.fromEntries(Object.entries(byDay ?? {}).filter(([day]) => day >= oldest));
}

/** Documents downloaded in the last 30 days. */
export function deliveredLast30Days(record: ConnectionRecord, now: Date): number {
	return Object.values(recentDays(record.deliveredByDay, now)).reduce((a, b) => a + b, 0);
}

/**
 * How often the connection runs by itself: the longest gap between its last scheduled runs, or
 * undefined while fewer than two are known. The longest, not the median: runs close together
 * (a Submit Code minutes after its download, Retry On Fail, a trigger's back-off after an
 * outage) would otherwise make a weekly connection look hourly and flag it hours after each
 * success. Erring long only makes the overview patient a little longer.
 */
export function cadenceMs(record: ConnectionRecord): number | undefined {
	const times = (record.scheduledRuns ?? []).map((t) => Date.parse(t)).filter(Number.isFinite);
	times.sort((a, b) => a - b);
	const gaps = times.slice(1).map((t, i) => t - times[i]);
	const longest = Math.max(0, ...gaps);
	return longest > 0 ? longest : undefined;
}
