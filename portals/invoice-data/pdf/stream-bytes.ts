import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';
import { InvoiceReadError } from '../read-error';

/**
 * An embedded file's bytes, decoded. pdf-lib would decode without a limit, so we inflate
 * ourselves: zlib stops at `maxBytes`, and a stream that would inflate past it (a "zip bomb")
 * is refused without ever being held whole. Only FlateDecode (or no filter) is read: it is what
 * every e-invoice writer uses; anything else is that attachment's error.
 */
export function streamBytes(stream: PDFRawStream, name: string, maxBytes: number): Buffer {
	const raw = Buffer.from(stream.getContents());
	const filters = filterNames(stream);
	if (filters.length === 0) {
		if (raw.length > maxBytes) throw tooLarge(name, maxBytes);
		return raw;
	}
	if (filters.length > 1 || filters[0] !== 'FlateDecode') {
		throw new InvoiceReadError(
			'malformed',
			`The embedded file ${name} is encoded with ${filters.join(', ')}, which is not read.`,
		);
	}
	if (hasPredictor(stream)) {
		throw new InvoiceReadError('malformed', `The embedded file ${name} uses a predictor.`);
	}
	try {
		// Sync flush: a stream cut short by its writer still gives what it holds.
		return inflateSync(raw, { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH });
	} catch (e) {
		if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name, maxBytes);
		throw new InvoiceReadError('malformed', `The embedded file ${name} cannot be inflated.`);
	}
}

function filterNames(stream: PDFRawStream): string[] {
	const filter = stream.dict.lookup(PDFName.of('Filter'));
	if (filter instanceof PDFName) return [filter.decodeText()];
	if (filter instanceof PDFArray) {
		return filter.asArray().map((f) => (f instanceof PDFName ? f.decodeText() : String(f)));
	}
	return [];
}

function hasPredictor(stream: PDFRawStream): boolean {
	let parms = stream.dict.lookup(PDFName.of('DecodeParms'));
	if (parms instanceof PDFArray) parms = parms.lookup(0);
	if (!(parms instanceof PDFDict)) return false;
	const predictor = parms.lookup(PDFName.of('Predictor'));
	return predictor instanceof PDFNumber && predictor.asNumber() > 1;
}

function tooLarge(name: string, maxBytes: number): InvoiceReadError {
	return new InvoiceReadError(
		'too-large',
		`The embedded file ${name} inflates to more than ${maxBytes} bytes; it is not read.`,
	);
}
