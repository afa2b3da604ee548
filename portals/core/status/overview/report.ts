import { CONNECTION_STATUSES, type ConnectionStatus } from '../../contract/statuses';
import type { ConnectionOverview } from './overview';

/** The weekly report: one e-mail (HTML and plain text) and its figures, as one n8n item. */
export interface OverviewReport {
	subject: string;
	html: string;
	text: string;
	totals: {
		connections: number;
		needsAttention: number;
		deliveredLast30Days: number;
		byStatus: Partial<Record<ConnectionStatus, number>>;
		/** Rows in the table: fewer than `connections` when filters chose some. */
		shown: number;
	};
	connections: ConnectionOverview[];
}

/**
 * Badge colours, each with its text: the colour helps at a glance, the words carry the meaning
 * (colour-blind readers, mail clients that drop colours, screen readers).
 */
const BADGE: Record<ConnectionStatus, { fg: string; bg: string; mark: string }> = {
	connected: { fg: '#14532d', bg: '#dcfce7', mark: '✓' },
	verifying_credentials: { fg: '#1e3a8a', bg: '#dbeafe', mark: '…' },
	download_running: { fg: '#1e3a8a', bg: '#dbeafe', mark: '↓' },
	paused: { fg: '#78350f', bg: '#fef3c7', mark: 'Ⅱ' },
	login_failed: { fg: '#7f1d1d', bg: '#fee2e2', mark: '✗' },
	action_required: { fg: '#7c2d12', bg: '#ffedd5', mark: '!' },
};

const escape = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
	);

/** "2026-11-23 08:00 UTC": the same for every reader, whatever their mail client's zone. */
const when = (iso: string | null) =>
	iso ? escape(`${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`) : 'never';

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1f2937';
const CELL = 'padding:8px 10px;border-bottom:1px solid #e5e7eb;vertical-align:top;text-align:left';

/**
 * Renders the overview as an e-mail that looks right in common mail clients: one table, inline
 * styles only, no scripts, no images, no external style sheets. Every text from a portal or a
 * credential name is escaped. The table shows `rows` (the filters' choice); the totals and the
 * subject always count `all` connections, so "needs attention only" still says "3 of 200".
 */
export function overviewReport(
	rows: ConnectionOverview[],
	all: ConnectionOverview[] = rows,
	now = new Date(),
): OverviewReport {
	const byStatus: Partial<Record<ConnectionStatus, number>> = {};
	for (const row of all) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
	const totals = {
		connections: all.length,
		needsAttention: all.filter((r) => r.needsAttention).length,
		deliveredLast30Days: all.reduce((sum, r) => sum + r.deliveredLast30Days, 0),
		byStatus,
		shown: rows.length,
	};
	const subject =
		totals.connections === 0
			? 'Invoice portals: no connection has run yet'
			: totals.needsAttention > 0
				? `Invoice portals: ${totals.needsAttention} of ${totals.connections} connections need you`
				: `Invoice portals: all ${totals.connections} connections are fine`;
	const summary =
		CONNECTION_STATUSES.filter((s) => byStatus[s])
			.map((s) => `${byStatus[s]} ${all.find((r) => r.status === s)!.statusLabel.toLowerCase()}`)
			.join(', ') || 'no connection has run yet';
	return {
		subject,
		html: html(rows, totals, summary, subject, now),
		text: text(rows, totals, summary, now),
		totals,
		connections: rows,
	};
}

function badge(row: ConnectionOverview): string {
	const c = BADGE[row.status] ?? BADGE.paused;
	return `<span style="display:inline-block;padding:2px 8px;border-radius:10px;font-weight:bold;font-size:13px;white-space:nowrap;color:${c.fg};background-color:${c.bg};border:1px solid ${c.fg}">${c.mark} ${escape(row.statusLabel)}</span>`;
}

function html(
	rows: ConnectionOverview[],
	totals: OverviewReport['totals'],
	summary: string,
	subject: string,
	now: Date,
): string {
	const head = ['Connection', 'Status', 'Last success', 'Documents (30 days)', 'What to do']
		.map(
			(h) => `<th style="${CELL};font-size:12px;color:#6b7280;text-transform:uppercase">${h}</th>`,
		)
		.join('');
	const body = rows
		.map((row) => {
			const todo = row.needsAttention
				? `<strong>${escape(row.attention ?? '')}.</strong> ${escape(row.remedy)}`
				: '<span style="color:#6b7280">Nothing</span>';
			// bgcolor on each cell as well: Outlook on Windows ignores a row's background.
			const bg = row.needsAttention ? '#fffbeb' : '#ffffff';
			const td = (extra = '') =>
				`<td bgcolor="${bg}" style="${CELL};background-color:${bg}${extra}">`;
			return `<tr>${td()}<strong>${escape(row.label)}</strong></td>${td()}${badge(row)}</td>${td(';white-space:nowrap')}${when(row.lastSuccessAt)}</td>${td(';text-align:right')}${Number(row.deliveredLast30Days) || 0}</td>${td()}${todo}</td></tr>`;
		})
		.join('\n');
	const lead =
		totals.needsAttention > 0
			? `<strong>${totals.needsAttention} of ${totals.connections}</strong> connections need you.`
			: `All <strong>${totals.connections}</strong> connections are fine.`;
	return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escape(subject)}</title></head>
<body style="margin:0;padding:16px;background-color:#f3f4f6">
<table role="presentation" cellpadding="0" cellspacing="0" style="${FONT};max-width:900px;width:100%;margin:0 auto;background-color:#ffffff;border:1px solid #e5e7eb;border-collapse:collapse">
<tr><td style="padding:16px 16px 4px 16px"><h1 style="margin:0;font-size:20px">Invoice portals: weekly report</h1>
<p style="margin:6px 0 0 0">${lead} ${escape(summary)}. ${totals.deliveredLast30Days} documents arrived in the last 30 days.${totals.shown < totals.connections ? ` Shown below: ${totals.shown} chosen by the report's filters.` : ''}</p></td></tr>
<tr><td style="padding:12px 16px 16px 16px">
<table cellpadding="0" cellspacing="0" style="${FONT};width:100%;border-collapse:collapse">
<tr>${head}</tr>
${body}
</table></td></tr>
<tr><td style="padding:0 16px 16px 16px;font-size:12px;color:#6b7280">As of ${when(now.toISOString())}. Sent by the Invoice Portal node (Connection → Get Many).</td></tr>
</table>
</body></html>`;
}

function text(
	rows: ConnectionOverview[],
	totals: OverviewReport['totals'],
	summary: string,
	now: Date,
): string {
	const lines = [
		'Invoice portals: weekly report',
		`${totals.needsAttention} of ${totals.connections} connections need you (${summary}). ${totals.deliveredLast30Days} documents arrived in the last 30 days.${totals.shown < totals.connections ? ` Shown below: ${totals.shown} chosen by the report's filters.` : ''}`,
		'',
	];
	for (const row of rows) {
		lines.push(
			`${row.needsAttention ? '!' : '-'} ${row.label} [${row.statusLabel}] last success: ${when(row.lastSuccessAt)}, ${row.deliveredLast30Days} documents in 30 days`,
		);
		if (row.needsAttention) lines.push(`    ${row.attention}. ${row.remedy}`);
	}
	lines.push('', `As of ${when(now.toISOString())}.`);
	return lines.join('\n');
}
