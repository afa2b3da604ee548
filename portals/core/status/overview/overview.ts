import type { StageCounts } from '../../contract/counts';
import type { ReasonCode } from '../../outcomes/reasons';
import { STATUS_INFO, type ConnectionStatus } from '../../contract/statuses';
import type { ConnectionRecord } from '../connection-record';
import { cadenceMs, deliveredLast30Days } from '../run-history';

/** One row of the overview: what a person wants to know about a connection at a glance. */
export interface ConnectionOverview {
	portal: string;
	label: string;
	status: ConnectionStatus;
	statusLabel: string;
	reason: ReasonCode | null;
	message: string;
	remedy: string;
	lastRunAt: string;
	lastSuccessAt: string | null;
	lastCounts: StageCounts | null;
	deliveredLast30Days: number;
	/** Downloads are paused: switched off, or held back until the login data changes. */
	paused: boolean;
	needsAttention: boolean;
	/** Why it needs attention, in a few words; null when it does not. */
	attention: string | null;
	/** How often it runs by itself (hours), learned from its scheduled runs; null while unknown. */
	cadenceHours: number | null;
	source: string;
}

export interface OverviewFilters {
	needsAttentionOnly?: boolean;
	statuses?: ConnectionStatus[];
	/** Portal slugs. */
	portals?: string[];
}

const HOUR_MS = 3_600_000;

/**
 * Why a connection needs its owner, or undefined: the login failed, the portal asks for
 * something (code, captcha, terms), a guard paused it (not a person's own switch), or it has
 * not succeeded for longer than twice its cadence (a schedule that stopped, runs that keep
 * failing with retryable errors).
 */
export function attentionOf(record: ConnectionRecord, now: Date): string | undefined {
	if (record.status === 'login_failed') return 'The login failed';
	if (record.status === 'action_required') return 'Someone must act';
	if (record.status === 'paused' && record.reason !== 'DOWNLOADS_DISABLED')
		return 'Paused until the login data changes';
	if (record.status === 'paused') return undefined;
	const cadence = cadenceMs(record);
	if (cadence === undefined) return undefined;
	const since = Date.parse(record.lastSuccessAt ?? '');
	// Never succeeded: counted from its first scheduled run.
	const from = Number.isFinite(since) ? since : Date.parse(record.scheduledRuns?.[0] ?? '');
	if (Number.isFinite(from) && now.getTime() - from > 2 * cadence)
		return Number.isFinite(since) ? 'No success for too long' : 'No success yet';
	return undefined;
}

/**
 * A connection quiet for too long may still show "connected" (its schedule stopped, or its runs
 * end with retryable errors): its status's remedy would say there is nothing to do.
 */
const QUIET_REMEDY =
	'Check that the workflow or trigger of this connection is still active and look at its last executions in n8n.';

export function overviewOf(record: ConnectionRecord, now: Date): ConnectionOverview {
	const attention = attentionOf(record, now);
	const cadence = cadenceMs(record);
	const quiet =
		!!attention &&
		['connected', 'download_running', 'verifying_credentials'].includes(record.status);
	return {
		portal: record.portal,
		label: record.label ?? record.portal,
		status: record.status,
		statusLabel: STATUS_INFO[record.status]?.label ?? record.status,
		reason: record.reason ?? null,
		message: record.message,
		remedy: quiet ? `${QUIET_REMEDY} The last run said: ${record.message}` : record.remedy,
		lastRunAt: record.lastRunAt,
		lastSuccessAt: record.lastSuccessAt ?? null,
		lastCounts: record.lastCounts ?? null,
		deliveredLast30Days: deliveredLast30Days(record, now),
		paused: record.status === 'paused',
		needsAttention: !!attention,
		attention: attention ?? null,
		cadenceHours: cadence === undefined ? null : Math.round((cadence / HOUR_MS) * 10) / 10,
		source: record.source,
	};
}

/** The overview, filtered: those needing attention first, then by label. */
export function connectionsOverview(
	records: ConnectionRecord[],
	filters: OverviewFilters = {},
	now = new Date(),
): ConnectionOverview[] {
	const portals = filters.portals?.map((p) => p.trim().toLowerCase()).filter(Boolean);
	return records
		.map((record) => overviewOf(record, now))
		.filter(
			(row) =>
				(!filters.needsAttentionOnly || row.needsAttention) &&
				(!filters.statuses?.length || filters.statuses.includes(row.status)) &&
				(!portals?.length || portals.includes(row.portal.toLowerCase())),
		)
		.sort(
			(a, b) =>
				Number(b.needsAttention) - Number(a.needsAttention) || a.label.localeCompare(b.label),
		);
}
