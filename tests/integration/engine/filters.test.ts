import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { PortalError } from '../../../portals/core/outcomes/errors';
import { validateFilters } from '../../../portals/core/collection/filters';
import { type DocumentFilters } from '../../../portals/core/contract/filters';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, startDemo } from '../../helpers/demo';

/*
 * Anna's seed: two customer numbers (CUST-1001, CUST-1002), 14 documents each, issued every
 * 30 days back from 2026-10-01. Per customer number, newest first:
 *   2026-10-01 reminder, 09-01 invoice, 08-02 statement, 07-03 invoice, 06-03 credit note,
 *   05-04 invoice, 04-04 invoice, 03-05 reminder, 02-03 invoice, 01-04 credit note,
 *   2025-12-05 invoice, 11-05 invoice, 10-06 invoice, 09-06 invoice.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

const run = (filters: DocumentFilters, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal: demoTelecom,
		baseUrl: demo.url,
		credentials: credentials('anna@example.test'),
		mode: 'list',
		filters,
		...extra,
	});

test('no filters: every document of both customer numbers, with correct metadata, newest first', async () => {
	const result = await run({});
	expect(result.counts).toMatchObject({
		found: 28,
		outsideDateRange: 0,
		excludedByType: 0,
		excludedByAccount: 0,
		excludedByAmount: 0,
	});
	const first = result.selected[0];
	expect(first).toMatchObject({
		accountId: 'CUST-1001',
		number: 'REM-2026-1001-0014',
		type: 'reminder',
		issueDate: '2026-10-01',
		dueDate: '2026-10-15',
		currency: 'EUR',
	});
	expect(first.amount).toBeGreaterThan(0);
	expect(result.selected[1]).toMatchObject({
		number: 'INV-2026-1001-0013',
		type: 'invoice',
		issueDate: '2026-09-01',
		title: 'Monthly invoice September 2026',
	});
	expect(result.selected.filter((d) => d.accountId === 'CUST-1002')).toHaveLength(14);
	// Ids are stable across runs.
	const again = await run({});
	expect(again.selected.map((d) => d.id)).toEqual(result.selected.map((d) => d.id));
});

test('start date, type and customer number: counts per stage, and only the matching PDFs are downloaded', async () => {
	const result = await run(
		{ startDate: '2026-01-01', types: ['invoice'], accountIds: ['CUST-1001'] },
		{ mode: 'download' },
	);
	// The portal filters dates itself (10 documents since 2026-01-01) and the other customer number is never opened.
	expect(result.counts).toEqual({
		found: 10,
		outsideDateRange: 0,
		excludedByType: 5,
		excludedByAccount: 0,
		excludedByAmount: 0,
		alreadyDelivered: 0,
		overLimit: 0,
		downloaded: 5,
		failed: 0,
	});
	expect(result.documents.map((d) => d.issueDate)).toEqual([
		'2026-09-01',
		'2026-07-03',
		'2026-05-04',
		'2026-04-04',
		'2026-02-03',
	]);
	expect(result.documents.every((d) => d.type === 'invoice' && d.accountId === 'CUST-1001')).toBe(
		true,
	);
});

test('end date only', async () => {
	const result = await run({ endDate: '2025-12-31' });
	expect(result.counts.found).toBe(8);
	expect(result.selected.every((d) => d.issueDate <= '2025-12-31')).toBe(true);
});

test('amount range: what is outside is counted as excluded by amount', async () => {
	const all = (await run({})).selected;
	const result = await run({ minAmount: 50, maxAmount: 120 });
	const inside = all.filter((d) => d.amount! >= 50 && d.amount! <= 120);
	expect(inside.length).toBeGreaterThan(0);
	expect(inside.length).toBeLessThan(28);
	expect(result.counts.excludedByAmount).toBe(28 - inside.length);
	expect(result.selected.map((d) => d.id)).toEqual(inside.map((d) => d.id));
});

test('already delivered documents and the limit are counted separately', async () => {
	const all = (await run({})).selected;
	const delivered = new Set([all[0].id, all[15].id]);
	const result = await run(
		{ limit: 3 },
		{ collect: { isDelivered: (doc) => delivered.has(doc.id) } },
	);
	expect(result.counts).toMatchObject({ found: 28, alreadyDelivered: 2, overLimit: 23 });
	expect(result.selected.map((d) => d.id)).toEqual(all.slice(1, 4).map((d) => d.id));
});

describe('filters that cannot be meant are refused, naming the field, before any browser starts', () => {
	test.each<[DocumentFilters, string]>([
		[{ startDate: '2026-13-01' }, 'startDate'],
		[{ endDate: '01/02/2026' }, 'endDate'],
		[{ startDate: '2026-05-01', endDate: '2026-04-01' }, 'endDate'],
		[{ types: ['invoice', 'bill' as never] }, 'types'],
		[{ minAmount: 100, maxAmount: 10 }, 'maxAmount'],
		[{ minAmount: Number.NaN }, 'minAmount'],
		[{ limit: -1 }, 'limit'],
		[{ limit: 2.5 }, 'limit'],
	])('%j → %s', (filters, field) => {
		expect(() => validateFilters(filters)).toThrow(PortalError);
		try {
			validateFilters(filters);
		} catch (error) {
			expect((error as PortalError).details.field).toBe(field);
			expect((error as PortalError).code).toBe('INVALID_INPUT');
		}
	});

	test('the engine rejects them and empty credentials the same way', async () => {
		await expect(run({ limit: 0 })).rejects.toMatchObject({
			code: 'INVALID_INPUT',
			details: { field: 'limit' },
		});
		await expect(
			run({}, { credentials: { username: '   ', password: 'x' } }),
		).rejects.toMatchObject({ details: { field: 'username' } });
		await expect(run({}, { baseUrl: 'ftp://portal' })).rejects.toMatchObject({
			details: { field: 'loginUrl' },
		});
	});
});
