import type { PortalDocument } from '../../../../../portals/core/contract/documents';
import { sha256 } from '../../../../../portals/core/collection/files';
import { collect } from '../../../../../portals/core/collection/pipeline';
import { pdf, doc, fakePortal, env, options, accountedFor } from './pipeline-fixtures';

/**
 * The one pipeline list → select → fetch: which stage stops each document, and how far the
 * listing goes. What is delivered and what fails: pipeline-files.test.ts; order and streaming:
 * pipeline-order.test.ts.
 */

test('each document lands in the first stage that stops it, and the counts add up', async () => {
	const docs = [
		// Outside the dates and of another type and account: the date range stops it first.
		doc('C:old', { issueDate: '2025-12-31', type: 'reminder', amount: 5 }),
		doc('A:future', { issueDate: '2027-01-01' }),
		// Of another type and account: the type stops it first.
		doc('C:reminder', { type: 'reminder', amount: 5 }),
		doc('C:1', { amount: 5 }),
		doc('A:small', { amount: 5 }),
		doc('A:no-amount', { amount: undefined }),
		doc('A:big', { amount: 5000 }),
		doc('A:known'),
		doc('A:1', { issueDate: '2026-03-02' }),
		doc('B:1', { type: 'credit_note', amount: 10 }),
		doc('A:2'),
		// Delivered before and over the limit: delivered wins, it was never going to be sent.
		doc('B:known'),
	];
	const { adapter, downloaded } = fakePortal([[docs]]);
	const run = await collect(
		adapter,
		env,
		options({
			filters: {
				startDate: '2026-01-01',
				endDate: '2026-12-31',
				types: ['invoice', 'credit_note'],
				accountIds: ['A', 'B'],
				minAmount: 10,
				maxAmount: 1000,
				limit: 2,
			},
			isDelivered: (d) => d.id.endsWith(':known'),
		}),
	);
	expect(run.counts).toEqual({
		found: 12,
		outsideDateRange: 2,
		excludedByType: 1,
		excludedByAccount: 1,
		excludedByAmount: 3,
		alreadyDelivered: 2,
		overLimit: 1,
		downloaded: 2,
		failed: 0,
	});
	expect(accountedFor(run.counts)).toBe(run.counts.found);
	expect(run.selected.map((d) => d.id)).toEqual(['A:1', 'B:1']);
	expect(downloaded).toEqual(['A:1', 'B:1']);
	expect(run.failures).toEqual([]);
	const [first, second] = run.documents;
	expect(first).toMatchObject({
		id: 'A:1',
		portal: 'demo',
		fileName: '2026-03-02_demo_INV-A-1.pdf',
		mimeType: 'application/pdf',
		sha256: sha256(pdf('A:1')),
		size: pdf('A:1').length,
	});
	expect(first.data.subarray(0, 5).toString()).toBe('%PDF-');
	expect(second).toMatchObject({ id: 'B:1', type: 'credit_note', amount: 10 });
});

test('fetch: false lists and selects only: nothing is downloaded', async () => {
	const { adapter, downloaded } = fakePortal([
		[[doc('A:1'), doc('A:2'), doc('A:old', { issueDate: '2020-01-01' })]],
	]);
	const run = await collect(
		adapter,
		env,
		options({ fetch: false, filters: { startDate: '2026-01-01' } }),
	);
	expect(run.selected.map((d) => d.id)).toEqual(['A:1', 'A:2']);
	expect(run.documents).toEqual([]);
	expect(downloaded).toEqual([]);
	expect(run.counts).toMatchObject({ found: 3, outsideDateRange: 1, downloaded: 0, failed: 0 });
	expect(accountedFor(run.counts) + run.selected.length).toBe(run.counts.found);
});

test('newest keeps the newest by issue date across sub-accounts and counts the rest over the limit', async () => {
	const { adapter, downloaded } = fakePortal([
		[[doc('A:mar', { issueDate: '2026-03-01' }), doc('A:jan', { issueDate: '2026-01-01' })]],
		[[doc('B:apr', { issueDate: '2026-04-01' }), doc('B:feb', { issueDate: '2026-02-01' })]],
	]);
	const run = await collect(adapter, env, options({ newest: 2 }));
	expect(run.selected.map((d) => d.id)).toEqual(['B:apr', 'A:mar']);
	expect(run.documents.map((d) => d.id)).toEqual(['B:apr', 'A:mar']);
	expect(downloaded.sort()).toEqual(['A:mar', 'B:apr']);
	expect(run.counts).toMatchObject({ found: 4, overLimit: 2, downloaded: 2 });
	expect(accountedFor(run.counts)).toBe(run.counts.found);
});

describe('how far the listing goes', () => {
	const portal = () =>
		fakePortal([
			[
				[doc('A:4'), doc('A:3')],
				[doc('A:2'), doc('A:known-1')],
				[doc('A:known-2'), doc('A:known-3')],
				[doc('A:0')],
			],
			[
				[doc('B:3')],
				// Nothing to deliver on this page either: filtered out by date counts as known.
				[doc('B:known-1'), doc('B:old', { issueDate: '2019-05-01' })],
				[doc('B:1')],
			],
		]);
	const isDelivered = (d: PortalDocument) => d.id.includes('known');
	const filters = { startDate: '2020-01-01' };

	test("'all' reads every page", async () => {
		const { adapter, listedPages } = portal();
		await collect(adapter, env, options({ fetch: false, listing: 'all', isDelivered, filters }));
		expect(listedPages).toHaveLength(7);
	});

	test("'untilKnown' stops a sub-account at a page with nothing to deliver, then goes on with the next", async () => {
		const { adapter, listedPages } = portal();
		const run = await collect(
			adapter,
			env,
			options({ listing: 'untilKnown', isDelivered, filters }),
		);
		expect(listedPages).toEqual([
			['A:4', 'A:3'],
			['A:2', 'A:known-1'],
			['A:known-2', 'A:known-3'],
			['B:3'],
			['B:known-1', 'B:old'],
		]);
		expect(run.documents.map((d) => d.id)).toEqual(['A:4', 'A:3', 'A:2', 'B:3']);
	});

	test("'firstPage' reads only the first page of each sub-account", async () => {
		const { adapter, listedPages } = portal();
		const run = await collect(
			adapter,
			env,
			options({ listing: 'firstPage', isDelivered, filters }),
		);
		expect(listedPages).toEqual([['A:4', 'A:3'], ['B:3']]);
		expect(run.documents.map((d) => d.id)).toEqual(['A:4', 'A:3', 'B:3']);
	});
});
