import { constants, inflateSync } from 'node:zlib';
import { InvoiceReadError } from '../read-error';

/** An object or cross-reference stream, inflated: real ones hold well under a megabyte. */
export const MAX_OBJECT_STREAM_BYTES = 32 * 1024 * 1024;

/** `/Type /ObjStm` or `/Type /XRef` in a stream's dictionary (names may use `#xx` escapes). */
const STRUCTURE_STREAM = /\/Type\s*\/(?:ObjStm|XRef)(?![A-Za-z0-9#])/g;
/** How far after the /Type the `stream` keyword may be: the rest of the dictionary. */
const DICT_REACH = 4096;

/**
 * pdf-lib inflates a PDF's object streams and cross-reference streams while it opens the file,
 * with no limit; a "zip bomb" there would take the worker's memory before we see an attachment.
 * So before pdf-lib opens the file, each such stream is inflated here with zlib's output cap,
 * and a file with one that inflates past it is refused. zlib stops at the end of the deflate
 * data, so the stream's /Length (possibly an indirect object) is not needed. Any other fault
 * is left to pdf-lib, which reports it as a malformed PDF.
 */
export function refuseInflatingStructure(body: Buffer): void {
	const text = body.toString('latin1');
	for (const match of text.matchAll(STRUCTURE_STREAM)) {
		const at = match.index ?? 0;
		const keyword = text.indexOf('stream', at);
		if (keyword < 0 || keyword - at > DICT_REACH || !/FlateDecode/.test(text.slice(at, keyword))) {
			continue;
		}
		let start = keyword + 'stream'.length;
		if (text[start] === '\r') start += 1;
		if (text[start] === '\n') start += 1;
		try {
			inflateSync(body.subarray(start), {
				maxOutputLength: MAX_OBJECT_STREAM_BYTES,
				finishFlush: constants.Z_SYNC_FLUSH,
			});
		} catch (e) {
			if ((e as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') continue;
			throw new InvoiceReadError(
				'too-large',
				`The PDF has a compressed object stream that inflates to more than ${MAX_OBJECT_STREAM_BYTES} bytes; it is not read.`,
			);
		}
	}
}
