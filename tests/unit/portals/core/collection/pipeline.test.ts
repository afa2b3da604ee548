import type {
	AdapterEnv,
	ListControl,
	PortalAdapter,
} from '../../../../../portals/core/contract/adapter';
import type {
	DownloadedDocument,
	PortalDocument,
} from '../../../../../portals/core/contract/documents';
import type { RawFile } from '../../../../../portals/core/contract/raw-file';
import { sha256 } from '../../../../../portals/core/collection/files';
import type { StageCounts } from '../../../../../portals/core/contract/counts';
import { collect, type CollectOptions } from '../../../../../portals/core/collection/pipeline';
import { PortalError } from '../../../../../portals/core/outcomes/errors';

/** A real (if empty) PDF; the comment line makes each document's file its own. */
function pdf(marker: string): Buffer {
	return Buffer.from(
		[
			'%PDF-1.4',
			`% ${marker}`,
			'1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj',
			'2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj',
			'trailer <</Root 1 0 R>>',
			'%%EOF',
			'',
		].join('\n'),
	);
}

function doc(id: string, fields: Partial<PortalDocument> = {}): PortalDocument {
	return {
		id,
		accountId: id.split(':')[0],
		number: `INV-${id.replace(':', '-')}`,
		type: 'invoice',
		issueDate: '2026-03-01',
		amount: 100,
		currency: 'EUR',
		...fields,
	};
}

type Download = (doc: PortalDocument) => Promise<RawFile> | RawFile;

/**
 * A portal with sub-accounts, each a list of pages (newest first), behaving like a real adapter:
 * it asks the engine after each page whether to go on, and downloads documents without a URL
 * itself. It records which pages were read and which documents were downloaded.
 */
function fakePortal(
	accounts: PortalDocument[][][],
	download: Download = (d) => ({ body: pdf(d.id), contentType: 'application/pdf' }),
	failAfterPages?: number,
) {
	const listedPages: string[][] = [];
	const downloaded: string[] = [];
	const adapter: PortalAdapter = {
		isLoggedIn: async () => true,
		login: async () => ({ kind: 'loggedIn' }),
		submitCode: async () => ({ kind: 'loggedIn' }),
		async *listDocuments(_env, _filters, control?: ListControl) {
			for (const pages of accounts) {
				for (const page of pages) {
					if (failAfterPages !== undefined && listedPages.length >= failAfterPages) {
						throw new PortalError('SESSION_EXPIRED', 'The portal ended the session on page 2.');
					}
					listedPages.push(page.map((d) => d.id));
					yield* page;
					if (control?.pageDone(page)) break;
				}
			}
		},
		async download(_env, d) {
			downloaded.push(d.id);
			return download(d);
		},
	};
	return { adapter, listedPages, downloaded };
}

const env = {
	baseUrl: 'https://portal.example',
	credentials: { username: 'anna', password: 'x' },
	maxFileBytes: 100_000,
} as AdapterEnv;

function options(extra: Partial<CollectOptions> = {}): CollectOptions {
	return { portal: 'demo', filters: {}, fetch: true, listing: 'all', concurrency: 2, ...extra };
}

/** Every listed document is in exactly one place: a stage that stopped it, delivered, or failed. */
function accountedFor(counts: StageCounts): number {
	return Object.values(counts).reduce((a, b) => a + b, 0) - counts.found;
}

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

test('a failed download is a failure with its reason; the other documents still arrive', async () => {
	const { adapter } = fakePortal([[[doc('A:1'), doc('A:2'), doc('A:3'), doc('A:4')]]], (d) => {
		if (d.id === 'A:2')
			throw new PortalError('SESSION_EXPIRED', 'The portal ended the session during the download.');
		if (d.id === 'A:3') throw new Error('socket hang up\n    at Socket.onclose (node:net:1)');
		return { body: pdf(d.id), contentType: 'application/pdf' };
	});
	const run = await collect(adapter, env, options());
	expect(run.documents.map((d) => d.id)).toEqual(['A:1', 'A:4']);
	expect(run.failures).toEqual([
		{
			documentId: 'A:2',
			number: 'INV-A-2',
			reason: 'SESSION_EXPIRED',
			message: 'The portal ended the session during the download.',
		},
		// Anything else is a failed download, with the first line of what went wrong (no stack).
		{ documentId: 'A:3', number: 'INV-A-3', reason: 'DOWNLOAD_FAILED', message: 'socket hang up' },
	]);
	expect(run.counts).toMatchObject({ found: 4, downloaded: 2, failed: 2 });
	expect(accountedFor(run.counts)).toBe(run.counts.found);
});

test('a document without a URL on a portal that cannot download it fails with DOWNLOAD_FAILED', async () => {
	const { adapter } = fakePortal([[[doc('A:1')]]]);
	delete adapter.download;
	const run = await collect(adapter, env, options());
	expect(run.failures).toEqual([
		expect.objectContaining({ documentId: 'A:1', reason: 'DOWNLOAD_FAILED' }),
	]);
});

test('the same file listed twice in one run is delivered once', async () => {
	const { adapter } = fakePortal([[[doc('A:1'), doc('A:1-copy'), doc('A:2')]]], (d) => ({
		body: pdf(d.id.replace('-copy', '')),
		contentType: 'application/pdf',
	}));
	const run = await collect(adapter, env, options());
	expect(run.documents.map((d) => d.id)).toEqual(['A:1', 'A:2']);
	expect(run.counts).toMatchObject({ found: 3, alreadyDelivered: 1, downloaded: 2, failed: 0 });
	expect(accountedFor(run.counts)).toBe(run.counts.found);
});

test('a file delivered before under another id is not delivered again (second dedup key)', async () => {
	const deliveredBefore = new Set([sha256(pdf('A:2'))]);
	const { adapter } = fakePortal([[[doc('A:1'), doc('A:2-renumbered'), doc('A:3')]]], (d) => ({
		body: pdf(d.id.replace('-renumbered', '')),
		contentType: 'application/pdf',
	}));
	const run = await collect(
		adapter,
		env,
		options({ isDeliveredFile: (hash) => deliveredBefore.has(hash) }),
	);
	expect(run.documents.map((d) => d.id)).toEqual(['A:1', 'A:3']);
	expect(run.counts).toMatchObject({ alreadyDelivered: 1, downloaded: 2 });
});

test('a web page, a cut-off PDF or a file over the size limit is INVALID_FILE, not a document', async () => {
	const files: Record<string, RawFile> = {
		// A portal that lost the session answers with its login page, often claiming a PDF.
		'A:login': {
			body: Buffer.from('<!DOCTYPE html><html><body><form id="login"></form></body></html>'),
			contentType: 'application/pdf',
		},
		'A:html': {
			body: Buffer.from('  <html><body>Please sign in</body></html>'),
			contentType: 'text/html; charset=utf-8',
		},
		'A:cut': { body: pdf('A:cut').subarray(0, 40), contentType: 'application/pdf' },
		'A:huge': {
			body: Buffer.concat([pdf('A:huge'), Buffer.alloc(env.maxFileBytes)]),
			contentType: 'application/pdf',
		},
		'A:ok': { body: pdf('A:ok'), contentType: 'application/octet-stream' },
	};
	const { adapter } = fakePortal([[Object.keys(files).map((id) => doc(id))]], (d) => files[d.id]);
	const run = await collect(adapter, env, options());
	expect(run.documents.map((d) => d.id)).toEqual(['A:ok']);
	expect(run.failures.map((f) => [f.documentId, f.reason])).toEqual([
		['A:login', 'INVALID_FILE'],
		['A:html', 'INVALID_FILE'],
		['A:cut', 'INVALID_FILE'],
		['A:huge', 'INVALID_FILE'],
	]);
	expect(run.failures[0].message).toMatch(/web page instead of a document/);
	expect(run.failures[2].message).toMatch(/cut off/);
	expect(run.failures[3].message).toMatch(/above the limit/);
});

test('documents arrive in listing order, however long each download takes', async () => {
	const delays: Record<string, number> = { 'A:1': 40, 'A:2': 0, 'B:1': 20, 'B:2': 5 };
	const { adapter } = fakePortal(
		[[[doc('A:1'), doc('A:2')]], [[doc('B:1'), doc('B:2')]]],
		async (d) => {
			await new Promise((resolve) => setTimeout(resolve, delays[d.id]));
			return { body: pdf(d.id), contentType: 'application/pdf' };
		},
	);
	const run = await collect(adapter, env, options({ concurrency: 4 }));
	expect(run.documents.map((d) => d.id)).toEqual(['A:1', 'A:2', 'B:1', 'B:2']);
});

test('documents with a URL are fetched side by side and still arrive in listing order', async () => {
	const delays: Record<string, number> = { 'A:1': 40, 'A:2': 0, 'A:3': 20, 'A:4': 5 };
	let inFlight = 0;
	let mostInFlight = 0;
	// The engine's surface fetches a file whose address is known (both engines: Node's HTTP client).
	const fetchFile = async (url: string) => {
		const id = new URL(url).searchParams.get('id')!;
		inFlight += 1;
		mostInFlight = Math.max(mostInFlight, inFlight);
		await new Promise((resolve) => setTimeout(resolve, delays[id]));
		inFlight -= 1;
		return { body: pdf(id), contentType: 'application/pdf' };
	};
	const docs = Object.keys(delays).map((id) =>
		doc(id, { downloadUrl: `https://portal.example/file?id=${encodeURIComponent(id)}` }),
	);
	const { adapter, downloaded } = fakePortal([[docs]]);
	const run = await collect(
		adapter,
		{
			...env,
			surface: { fetchFile },
		} as unknown as AdapterEnv,
		options({ concurrency: 3 }),
	);
	expect(run.documents.map((d) => d.id)).toEqual(['A:1', 'A:2', 'A:3', 'A:4']);
	expect(downloaded).toEqual([]);
	expect(mostInFlight).toBeGreaterThan(1);
	expect(mostInFlight).toBeLessThanOrEqual(3);
	// The download address never leaves the engine.
	expect(run.documents[0]).not.toHaveProperty('downloadUrl');
});

test('a listing that fails part-way passes its error on and delivers nothing', async () => {
	const { adapter, downloaded } = fakePortal(
		[[[doc('A:2'), doc('A:1')], [doc('A:0')]]],
		undefined,
		1,
	);
	await expect(collect(adapter, env, options())).rejects.toMatchObject({
		code: 'SESSION_EXPIRED',
		message: 'The portal ended the session on page 2.',
	});
	expect(downloaded).toEqual([]);
});

test('onDownloaded is told of each checked file as it arrives, before the next download; never of a failed, broken or known one', async () => {
	const events: string[] = [];
	const { adapter } = fakePortal(
		[[[doc('A:1'), doc('A:2'), doc('A:3'), doc('A:4'), doc('A:5')]]],
		(d) => {
			events.push(`download ${d.id}`);
			if (d.id === 'A:2') throw new PortalError('DOWNLOAD_FAILED', 'The portal answered 500.');
			if (d.id === 'A:3')
				return { body: Buffer.from('<html>oops</html>'), contentType: 'text/html' };
			// A:5 is A:1's file once more (a bill listed twice): delivered once.
			return { body: pdf(d.id === 'A:5' ? 'A:1' : d.id), contentType: 'application/pdf' };
		},
	);
	const told: DownloadedDocument[] = [];
	const run = await collect(
		adapter,
		env,
		options({
			isDeliveredFile: (hash) => hash === sha256(pdf('A:4')),
			onDownloaded: (file) => {
				events.push(`told ${file.id}`);
				told.push(file);
			},
		}),
	);
	expect(events).toEqual([
		'download A:1',
		'told A:1',
		'download A:2',
		'download A:3',
		'download A:4',
		'download A:5',
	]);
	// Handed over with its bytes, and the result delivers that very document.
	expect(told[0].data.subarray(0, 5).toString()).toBe('%PDF-');
	expect(run.documents).toHaveLength(1);
	expect(run.documents[0]).toBe(told[0]);
	expect(run.failures.map((f) => f.documentId)).toEqual(['A:2', 'A:3']);
	expect(run.counts).toMatchObject({ downloaded: 1, failed: 2, alreadyDelivered: 2 });
});

test('files with an address are handed over while the listing goes on; a callback that throws loses no document', async () => {
	const events: string[] = [];
	const withUrl = (id: string) => doc(id, { downloadUrl: `https://portal.example/${id}.pdf` });
	const { adapter } = fakePortal([[[withUrl('A:1')], [withUrl('A:2')], [withUrl('A:3')]]]);
	const listing = adapter.listDocuments.bind(adapter);
	adapter.listDocuments = async function* (...args) {
		for await (const d of listing(...args)) {
			events.push(`listed ${d.id}`);
			yield d;
			// The next page takes a while to come, as a portal's does.
			await new Promise((done) => setTimeout(done, 20));
		}
	};
	const surface = {
		fetchFile: async (url: string) => ({ body: pdf(url), contentType: 'application/pdf' }),
	};
	const run = await collect(
		adapter,
		{ ...env, surface } as unknown as AdapterEnv,
		options({
			onDownloaded: (file) => {
				events.push(`told ${file.id}`);
				throw new Error('the caller stumbled');
			},
		}),
	);
	expect(events.indexOf('told A:1')).toBeLessThan(events.indexOf('listed A:3'));
	expect(events.filter((e) => e.startsWith('told'))).toHaveLength(3);
	expect(run.documents.map((d) => d.id)).toEqual(['A:1', 'A:2', 'A:3']);
	expect(run.failures).toEqual([]);
});
