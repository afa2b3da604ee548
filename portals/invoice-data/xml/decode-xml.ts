import { InvoiceReadError } from '../read-error';

/**
 * The text of an XML file as its bytes say: a UTF-16 or UTF-8 byte order mark first, else the
 * declaration's `encoding` (e-invoices are nearly always UTF-8, but ISO-8859-1 exports exist and
 * decoding them as UTF-8 would garble every umlaut in a name), else UTF-8 as XML prescribes.
 */
export function decodeXml(input: Buffer | string): string {
	if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
	if (input[0] === 0xff && input[1] === 0xfe) return new TextDecoder('utf-16le').decode(input);
	if (input[0] === 0xfe && input[1] === 0xff) return new TextDecoder('utf-16be').decode(input);
	// The declaration is ASCII in every ASCII-compatible encoding, so it can be read before decoding.
	const head = input.subarray(0, 200).toString('latin1');
	const declared =
		/^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
			head,
		)?.[1];
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(declared ?? 'utf-8');
	} catch {
		throw new InvoiceReadError(
			'malformed',
			`The XML declares an encoding we cannot read: ${declared}.`,
		);
	}
	// TextDecoder drops a UTF-8 byte order mark itself.
	return decoder.decode(input);
}
