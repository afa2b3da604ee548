import { createHash } from 'node:crypto';
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { validateFilters } from '../../portals/core/collection/filters';
import { type DocumentFilters } from '../../portals/core/contract/filters';
import {
	validateEveryDays,
	validateWindow,
	type DownloadWindow,
} from '../../portals/core/scheduling/schedule';
import { filtersFrom } from '../shared/filters.description';

export interface TriggerSettings {
	enabled: boolean;
	everyDays: number;
	window: DownloadWindow;
	maxJitterMinutes: number;
	wakeIntervalMinutes: number;
	/** YYYY-MM-DD, or undefined for "90 days before the first run". */
	startDate?: string;
	filters: DocumentFilters;
	/** Changes when the filters or the start date change: the next run is then a full scan. */
	filtersHash: string;
	/** Options → Read Invoice Data: each new document read as an e-invoice too. */
	readInvoiceData: boolean;
}

interface PollTime {
	mode?: string;
	value?: number;
	unit?: string;
}

/**
 * How often n8n wakes the trigger, from its Poll Times; the shortest entry counts. Custom cron
 * expressions are not interpreted: they count as hourly, the interval the README recommends.
 */
export function wakeIntervalMinutes(pollTimes: { item?: PollTime[] } | undefined): number {
	const minutes = (pollTimes?.item ?? []).map((time) => {
		if (time.mode === 'everyMinute') return 1;
		if (time.mode === 'everyHour') return 60;
		if (time.mode === 'everyX') return (time.value ?? 1) * (time.unit === 'hours' ? 60 : 1);
		if (time.mode === 'everyDay' || time.mode === 'everyWeek' || time.mode === 'everyMonth')
			return 24 * 60;
		return 60;
	});
	return minutes.length ? Math.min(...minutes) : 60;
}

/** The node's parameters as engine settings; invalid ones throw INVALID_INPUT naming the field. */
export function readSettings(ctx: IPollFunctions): TriggerSettings {
	const param = <T>(name: string, fallback: T) => ctx.getNodeParameter(name, fallback) as T;
	const ranges = param<{ range?: { from: number; to: number }[] }>('hourRanges', {}).range ?? [];
	const window = validateWindow({
		weekdays: param<(number | string)[]>('weekdays', []).map(Number),
		hourRanges: ranges.map((r) => ({ from: Number(r.from), to: Number(r.to) })),
		timezone: param<string>('timezone', '').trim() || ctx.getTimezone(),
	});
	const startDate = param<string>('startDate', '')
		? String(param<string>('startDate', '')).slice(0, 10)
		: undefined;
	const filters = filtersFrom(param<IDataObject>('filters', {}));
	validateFilters({ ...filters, startDate });
	return {
		enabled: param<boolean>('enabled', true),
		everyDays: validateEveryDays(Number(param<number>('everyDays', 7))),
		window,
		maxJitterMinutes: Math.max(0, Number(param<number>('maxRandomDelayMinutes', 0)) || 0),
		wakeIntervalMinutes: wakeIntervalMinutes(param<{ item?: PollTime[] }>('pollTimes', {})),
		startDate,
		filters,
		filtersHash: createHash('sha256')
			.update(JSON.stringify({ filters, startDate }))
			.digest('hex')
			.slice(0, 16),
		readInvoiceData: param<IDataObject>('options', {}).readInvoiceData === true,
	};
}
