import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionRecord } from '../../../../../portals/core/status/connection-record';
import {
	attentionOf,
	connectionsOverview,
} from '../../../../../portals/core/status/overview/overview';
import { overviewReport } from '../../../../../portals/core/status/overview/report';
import { retained } from '../../../../../portals/core/status/overview/retention';
import { StatusStore } from '../../../../../portals/core/status/status-store';
import { FileStatuses } from '../../../../../portals/core/store/files/file-statuses';
import { connectedResult } from '../../../../helpers/fake-execute';
import { tempDir } from '../../../../helpers/temp-dir';

const NOW = new Date('2026-11-30T08:00:00Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

function record(parts: Partial<ConnectionRecord> = {}): ConnectionRecord {
	return {
		portal: 'demo-telecom',
		connection: `key-${Math.random()}`,
		label: 'Telecom (Demo Telecom)',
		credentialId: 'c1',
		status: 'connected',
		message: 'ok',
		remedy: 'Nothing to do.',
		lastRunAt: ago(1),
		lastSuccessAt: ago(1),
		source: 'trigger',
		...parts,
	};
}

describe('needs attention', () => {
	test.each([
		['login_failed', 'WRONG_CREDENTIALS', true],
		['action_required', 'CODE_REQUIRED_SMS', true],
		['paused', 'WRONG_CREDENTIALS', true],
		['paused', 'DOWNLOADS_DISABLED', false],
		['connected', undefined, false],
	] as const)('%s (%s): %s', (status, reason, needs) => {
		expect(!!attentionOf(record({ status, reason }), NOW)).toBe(needs);
	});

	test('a weekly connection whose last success is 15 days old needs attention; 13 days do not', () => {
		const weekly = [ago(35), ago(28), ago(21), ago(14)];
		expect(attentionOf(record({ scheduledRuns: weekly, lastSuccessAt: ago(15) }), NOW)).toBe(
			'No success for too long',
		);
		expect(attentionOf(record({ scheduledRuns: weekly, lastSuccessAt: ago(13) }), NOW)).toBe(
			undefined,
		);
	});

	test('runs a person started do not set the cadence: a manual test every minute keeps a weekly connection weekly', async () => {
		const store = new StatusStore(tempDir('overview-'));
		const who = { key: 'k1', label: 'Telecom', credentialId: 'c1' };
		for (const [days, manual] of [
			[21, false],
			[14, false],
			[7, false],
		] as const)
			await store.record(who, { ...connectedResult(), startedAt: ago(days) }, 'action', {
				manual,
				now: new Date(ago(days)),
			});
		for (let i = 0; i < 5; i++)
			await store.record(who, connectedResult(), 'action', { manual: true, now: NOW });
		const [row] = connectionsOverview(await store.all(undefined, NOW), {}, NOW);
		expect(row.cadenceHours).toBe(7 * 24);
	});

	test('runs close together (a Submit Code after its download, retries after an outage) do not make a weekly connection look hourly', () => {
		const runs = [ago(21), ago(20.99), ago(14), ago(13.9), ago(13.8), ago(6.8)];
		const weekly = record({ scheduledRuns: runs, lastSuccessAt: ago(1) });
		expect(connectionsOverview([weekly], {}, NOW)[0].cadenceHours).toBe(7 * 24);
		expect(attentionOf(weekly, NOW)).toBe(undefined);
	});

	test('quiet for too long while "connected": the remedy says what to look at, not "nothing to do"', () => {
		const [row] = connectionsOverview(
			[
				record({
					scheduledRuns: [ago(30), ago(23)],
					lastSuccessAt: ago(23),
					lastRunAt: ago(22),
					message: 'The portal is down.',
					remedy: 'Nothing to do: the next run tries again.',
				}),
			],
			{},
			NOW,
		);
		expect(row).toMatchObject({ needsAttention: true, attention: 'No success for too long' });
		expect(row.remedy).toMatch(/still active/);
		expect(row.remedy).toContain('The portal is down.');
	});

	test('an unknown cadence (one scheduled run) never counts as too long', () => {
		expect(attentionOf(record({ scheduledRuns: [ago(300)], lastSuccessAt: ago(300) }), NOW)).toBe(
			undefined,
		);
	});
});

test('documents of the last 30 days are counted, older days are not', () => {
	const byDay = { [ago(0).slice(0, 10)]: 3, [ago(29).slice(0, 10)]: 4, [ago(30).slice(0, 10)]: 50 };
	const [row] = connectionsOverview([record({ deliveredByDay: byDay })], {}, NOW);
	expect(row.deliveredLast30Days).toBe(7);
});

test('filters: needs attention, status and portal; those needing attention come first', () => {
	const rows = [
		record({ label: 'A ok' }),
		record({ label: 'B failed', status: 'login_failed', reason: 'WRONG_CREDENTIALS' }),
		record({
			label: 'C other',
			portal: 'acme-energy',
			status: 'paused',
			reason: 'DOWNLOADS_DISABLED',
		}),
	];
	expect(connectionsOverview(rows, {}, NOW).map((r) => r.label)).toEqual([
		'B failed',
		'A ok',
		'C other',
	]);
	expect(connectionsOverview(rows, { needsAttentionOnly: true }, NOW).map((r) => r.label)).toEqual([
		'B failed',
	]);
	expect(connectionsOverview(rows, { statuses: ['paused'] }, NOW).map((r) => r.label)).toEqual([
		'C other',
	]);
	expect(connectionsOverview(rows, { portals: ['Acme-Energy '] }, NOW).map((r) => r.label)).toEqual(
		['C other'],
	);
});

test('a pause keeps the last run, its counts and the history; a renamed credential shows its new name', async () => {
	const store = new StatusStore(tempDir('overview-'));
	const who = { key: 'k2', label: 'Telecom', credentialId: 'c2' };
	const ran = await store.record(who, connectedResult(), 'trigger', { manual: false, now: NOW });
	const paused = await store.recordPaused(
		who,
		'demo-telecom',
		'DOWNLOADS_DISABLED',
		'Off.',
		'trigger',
	);
	expect(paused).toMatchObject({
		status: 'paused',
		lastRunAt: ran.lastRunAt,
		lastSuccessAt: ran.lastSuccessAt,
		lastCounts: ran.lastCounts,
		scheduledRuns: ran.scheduledRuns,
		label: 'Telecom',
	});
	const renamed = await store.recordPaused(
		{ ...who, label: 'Telecom (office)' },
		'demo-telecom',
		'DOWNLOADS_DISABLED',
		'Off.',
		'trigger',
	);
	expect(renamed.label).toBe('Telecom (office)');
});

test('a record file broken by hand is left out of the overview, the others are shown', async () => {
	const dir = tempDir('overview-');
	const store = new StatusStore(dir);
	await store.record({ key: 'k3', label: 'Telecom' }, connectedResult(), 'action');
	writeFileSync(join(dir, `${'0'.repeat(32)}.json`), '{"portal": "half a rec');
	expect((await store.all(undefined, new Date())).map((r) => r.label)).toEqual(['Telecom']);
});

describe('retention', () => {
	test('a credential whose user name was corrected keeps only its newest connection', async () => {
		const typo = record({ credentialId: 'c9', status: 'login_failed', lastRunAt: ago(2) });
		const fixed = record({ credentialId: 'c9', lastRunAt: ago(1) });
		const { keep, drop } = await retained([typo, fixed], NOW);
		expect(keep).toEqual([fixed]);
		expect(drop).toEqual([typo]);
	});

	test('400 days without a run drop out; 399 days stay', async () => {
		const old = record({ lastRunAt: ago(401) });
		const recent = record({ lastRunAt: ago(399) });
		const { keep, drop } = await retained([old, recent], NOW);
		expect(keep).toEqual([recent]);
		expect(drop).toEqual([old]);
	});

	test('a deleted credential drops out; one n8n cannot tell about stays; each credential is asked once', async () => {
		const asked: string[] = [];
		const check = async (id: string) => {
			asked.push(id);
			if (id === 'gone') return false;
			if (id === 'error') throw new Error('database busy');
			return id === 'unknown' ? undefined : true;
		};
		const records = ['gone', 'gone', 'error', 'unknown', 'here'].map((credentialId) =>
			record({ credentialId }),
		);
		const { keep, drop } = await retained(records, NOW, check);
		expect(drop.map((r) => r.credentialId)).toEqual(['gone', 'gone']);
		expect(keep.map((r) => r.credentialId)).toEqual(['error', 'unknown', 'here']);
		expect(asked.sort()).toEqual(['error', 'gone', 'here', 'unknown']);
	});

	test('the store forgets what retention drops, and stays small with 500 connections', async () => {
		const dir = tempDir('overview-');
		const statuses = new FileStatuses(dir);
		// Each with all the history a record keeps: 30 days of documents, 6 scheduled runs, counts.
		const byDay = Object.fromEntries(
			Array.from({ length: 30 }, (_, i) => [ago(i).slice(0, 10), 25]),
		);
		const runs = Array.from({ length: 6 }, (_, i) => ago(6 - i));
		for (let i = 0; i < 500; i++) {
			const connection = `cred-${i}:demo-telecom:0123456789abcdef`;
			await statuses.put(
				connection,
				record({
					connection,
					label: `Supplier account number ${i} (Demo Telecom)`,
					credentialId: `cred-${i}`,
					deliveredByDay: byDay,
					scheduledRuns: runs,
					lastCounts: connectedResult().counts,
				}),
			);
		}
		const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
		// About 2 KB a connection with its whole history: 500 connections stay near 1 MB.
		expect(bytes / 500).toBeLessThan(2_500);
		const store = new StatusStore(dir);
		const all = await store.all(async (id) => id !== 'cred-7', NOW);
		expect(all).toHaveLength(499);
		expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(499);
	});
});

describe('the report', () => {
	const rows = connectionsOverview(
		[
			record({ label: 'Power <script>alert(1)</script>' }),
			record({
				label: 'Telecom',
				status: 'action_required',
				reason: 'CODE_REQUIRED_SMS',
				remedy: 'Enter the SMS code.',
			}),
		],
		{},
		NOW,
	);
	const report = overviewReport(rows, rows, NOW);

	test('mail-safe HTML: inline styles, no scripts, style sheets or images; names escaped', () => {
		expect(report.html).not.toMatch(/<script|<style|<link|<img|class=/i);
		expect(report.html).toContain('Power &lt;script&gt;alert(1)&lt;/script&gt;');
		expect(report.html).toMatch(/style="[^"]*background-color:#ffedd5/);
	});

	test('each status is written out beside its colour, with the remedy for those needing attention', () => {
		expect(report.html).toMatch(/✓ Connected<\/span>/);
		expect(report.html).toMatch(/! Action required<\/span>/);
		expect(report.html).toContain('Enter the SMS code.');
		expect(report.text).toContain('! Telecom [Action required]');
		expect(report.text).toContain('Enter the SMS code.');
		expect(report.subject).toBe('Invoice portals: 1 of 2 connections need you');
		expect(report.totals).toMatchObject({ connections: 2, needsAttention: 1 });
	});

	test('filtered to those needing attention, the totals still count every connection', () => {
		const needing = rows.filter((r) => r.needsAttention);
		const filtered = overviewReport(needing, rows, NOW);
		expect(filtered.subject).toBe('Invoice portals: 1 of 2 connections need you');
		expect(filtered.totals).toMatchObject({ connections: 2, shown: 1 });
		expect(filtered.html).not.toContain('Power &lt;script&gt;');
		expect(filtered.text).toMatch(/Shown below: 1 chosen by the report's filters/);
	});

	test('no connection yet: says so instead of an empty table', () => {
		expect(overviewReport([], [], NOW).subject).toBe('Invoice portals: no connection has run yet');
	});
});
