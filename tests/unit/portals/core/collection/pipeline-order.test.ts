import type { AdapterEnv } from '../../../../../portals/core/contract/adapter';
import type { DownloadedDocument } from '../../../../../portals/core/contract/documents';
import { sha256 } from '../../../../../portals/core/collection/files';
import { collect } from '../../../../../portals/core/collection/pipeline';
import { PortalError } from '../../../../../portals/core/outcomes/errors';
import { pdf, doc, fakePortal, env, options } from './pipeline-fixtures';

/** The pipeline's order and streaming: listing order whatever the download times, files handed over as they arrive. */

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

test('documents the adapter fetches without a page (fetchAlongside) come side by side while the listing goes on; the others one by one after it', async () => {
	const measure = async (fetchAlongside: boolean) => {
		let inFlight = 0;
		let mostInFlight = 0;
		const pagesListedAtDownload: number[] = [];
		const ids = ['A:1', 'A:2', 'A:3', 'A:4', 'A:5', 'A:6'];
		const docs = ids.map((id) => doc(id, fetchAlongside ? { fetchAlongside } : {}));
		const portal = fakePortal([[docs.slice(0, 3), docs.slice(3)]], async (d) => {
			pagesListedAtDownload.push(portal.listedPages.length);
			inFlight += 1;
			mostInFlight = Math.max(mostInFlight, inFlight);
			await new Promise((resolve) => setTimeout(resolve, 10));
			inFlight -= 1;
			return { body: pdf(d.id), contentType: 'application/pdf' };
		});
		const run = await collect(portal.adapter, env, options({ concurrency: 4 }));
		expect(run.documents.map((d) => d.id)).toEqual(ids);
		// The flag stays inside the engine, like a download address.
		expect(run.documents[0]).not.toHaveProperty('fetchAlongside');
		return { mostInFlight, firstDownloadAfterPages: pagesListedAtDownload[0] };
	};
	expect(await measure(true)).toEqual({ mostInFlight: 4, firstDownloadAfterPages: 1 });
	expect(await measure(false)).toEqual({ mostInFlight: 1, firstDownloadAfterPages: 2 });
});
