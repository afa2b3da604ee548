import type { ServerResponse } from 'node:http';
import { documentsPage, type HostileMode } from './index';

/**
 * A documents page of 50 MB (issue 35, item 4): the usual rows, then padding, streamed in 1 MB
 * pieces as fast as the reader takes them, with or without a Content-Length. `sent` tells how far
 * the last one got: a run that reads no more than its cap leaves it unfinished.
 */
export const HUGE_PAGE_BYTES = 50 * 1024 * 1024;
const PIECE = Buffer.from(`<p class="pad">${'x'.repeat(1024 * 1024 - 24)}</p>\n`);

export interface HugePage extends HostileMode {
	/** Bytes of the last huge page written to the socket, and whether it was sent whole. */
	sent(): { bytes: number; whole: boolean };
}

export function hugeDocumentsPage(declareLength: boolean): HugePage {
	let last = { bytes: 0, whole: false };
	return {
		name: `huge-documents-page${declareLength ? '-with-length' : ''}`,
		sent: () => last,
		handle: (req, res, ctx) => {
			const path = new URL(req.url ?? '/', 'http://portal').pathname;
			if (!ctx.signedIn || path !== '/documents') return false;
			const progress = { bytes: 0, whole: false };
			last = progress;
			stream(res, declareLength, progress);
			return true;
		},
	};
}

function stream(
	res: ServerResponse,
	declareLength: boolean,
	progress: { bytes: number; whole: boolean },
): void {
	const page = documentsPage();
	const [head, tail] = [page.replace('</body></html>', ''), '</body></html>'];
	const pieces = Math.floor((HUGE_PAGE_BYTES - head.length - tail.length) / PIECE.length);
	const total = head.length + pieces * PIECE.length + tail.length;
	res.writeHead(200, {
		'content-type': 'text/html; charset=utf-8',
		...(declareLength ? { 'content-length': String(total) } : {}),
	});
	let closed = false;
	res.on('close', () => (closed = true));
	const write = (chunk: Buffer | string) => {
		progress.bytes += Buffer.byteLength(chunk);
		return res.write(chunk);
	};
	write(head);
	let left = pieces;
	const more = () => {
		while (left > 0 && !closed) {
			left -= 1;
			if (!write(PIECE)) return void res.once('drain', more);
		}
		if (closed) return;
		res.end(tail, () => (progress.whole = true));
		progress.bytes += tail.length;
	};
	more();
}
