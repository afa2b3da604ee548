/** Why a file could not be read as an e-invoice: a closed list, so callers can branch on it. */
export type InvoiceReadErrorCode =
	| 'too-large'
	| 'dtd'
	| 'malformed'
	| 'not-e-invoice'
	| 'unsupported-syntax'
	| 'encrypted'
	| 'no-embedded-invoice';

/**
 * A file that cannot be read: thrown inside the engine and turned into the result's `error` by
 * readInvoiceXml, so a bad file is one item's error and never a crash.
 */
export class InvoiceReadError extends Error {
	constructor(
		readonly code: InvoiceReadErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'InvoiceReadError';
	}
}
