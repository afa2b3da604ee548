import type { RawFile } from '../../../../../portals/core/contract/raw-file';
import { sha256 } from '../../../../../portals/core/collection/files';
import { collect } from '../../../../../portals/core/collection/pipeline';
import { PortalError } from '../../../../../portals/core/outcomes/errors';
import { pdf, doc, fakePortal, env, options, accountedFor } from './pipeline-fixtures';

/** The pipeline's files: a failed download, a missing address, a file delivered twice, a file that is not a PDF. */

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
