import { startsAsPdf } from '../../../portals/core/collection/files';
import type { InvoiceData, InvoiceReadResult } from '../../../portals/invoice-data';

/** One file's result as --json writes it: the reader's full result, with the file it came from. */
export type FileResult = { file: string } & (
	| InvoiceReadResult
	| { isEInvoice: false; error: { code: 'file-unreadable'; message: string } }
);

export type Outcome = 'valid' | 'invalid' | 'not checked' | 'not an e-invoice' | 'error';

/**
 * Codes of files that were read but hold no e-invoice we read (a plain PDF, another kind of
 * XML): a normal answer, not an error. Every other code means the file itself could not be read.
 */
const NOT_E_INVOICE = new Set(['no-embedded-invoice', 'not-e-invoice', 'unsupported-syntax']);

/** What to do about a file that could not be read, by error code. */
const WHAT_TO_DO: Record<string, string> = {
	malformed: 'check that the file is complete, or download it again',
	encrypted: 'save it without a password, then read it again',
	'too-large': 'this is larger than any invoice the reader accepts',
	dtd: 'the reader refuses XML with a DTD for safety',
	unreadable: 'report this file if it opens elsewhere',
};

export function outcomeOf(result: FileResult): Outcome {
	if (result.isEInvoice) return result.validation.status;
	return NOT_E_INVOICE.has(result.error.code) ? 'not an e-invoice' : 'error';
}

/**
 * One line for a file: for an e-invoice the fields a user books by (syntax, profile, number,
 * issue date, payable amount and currency, validation status and the rule ids found); otherwise
 * why not. Only those fields: never names, addresses or accounts, the output may be pasted.
 */
export function lineFor(result: FileResult, body?: Buffer): string {
	// `!` marks an invoice that breaks a fatal rule: read, but not one to book as it is.
	if (result.isEInvoice) {
		return `${result.validation.status === 'invalid' ? '!' : '✓'} ${result.file}: ${fieldsOf(result)}`;
	}
	const outcome = outcomeOf(result);
	if (outcome === 'not an e-invoice')
		return `- ${result.file}: not an e-invoice (${result.error.message})${plainOf(result)}`;
	if (result.error.code === 'malformed' && body && isNeither(body)) {
		return `✗ ${result.file}: neither a PDF nor an XML file; only PDF and XML invoices are read`;
	}
	const todo = WHAT_TO_DO[result.error.code];
	return `✗ ${result.file}: ${result.error.code}: ${result.error.message}${todo ? ` (${todo})` : ''}`;
}

/**
 * A plain PDF's recognised fields, each with its confidence: number, dates, gross total and
 * currency (not the IBAN or names, as for e-invoices above); or why its text gave none.
 */
function plainOf(result: FileResult): string {
	if (!('text' in result) || !result.text) return '';
	if (result.text.status !== 'read') return `; ${result.text.message}`;
	const r = result.recognized;
	if (!r) return '';
	const sure = (f?: { confidence: number }) => (f ? ` (${f.confidence})` : '');
	const gross = r.totals.gross;
	const fields = [
		r.number ? `number ${r.number.value}${sure(r.number)}` : 'no number',
		r.issueDate ? `issued ${r.issueDate.value}${sure(r.issueDate)}` : 'no issue date',
		...(r.dueDate ? [`due ${r.dueDate.value}${sure(r.dueDate)}`] : []),
		gross
			? `gross ${gross.value} ${r.currency?.value ?? '(no currency)'}${sure(gross)}`
			: 'no gross total',
	];
	return `; recognised in its text: ${fields.join(' · ')}`;
}

function fieldsOf(invoice: InvoiceData): string {
	const { source, totals, validation } = invoice;
	const payable =
		totals.payable === undefined
			? 'payable amount missing'
			: `payable ${totals.payable} ${invoice.currency ?? '(no currency)'}`;
	const findings = validation.findings.map((f) =>
		f.flag === 'fatal' ? f.rule : `${f.rule} (warning)`,
	);
	return [
		`${source.syntax}${source.container === 'pdf' ? ' in PDF' : ''}`,
		`profile ${source.profile}`,
		invoice.number === undefined ? 'no number' : `number ${invoice.number}`,
		invoice.issueDate === undefined ? 'no issue date' : `issued ${invoice.issueDate}`,
		payable,
		`${validation.status}${findings.length ? `: ${findings.join(', ')}` : ''}`,
	].join(' · ');
}

/** Not a PDF and not markup: no `%PDF-` start, and its first character (after a byte order mark and spaces) is no `<`. */
function isNeither(body: Buffer): boolean {
	if (startsAsPdf(body)) return false;
	const start = body
		.subarray(0, 1024)
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.trimStart();
	return !start.startsWith('<');
}

/** The last line: how many of each. */
export function summaryOf(results: FileResult[], skipped: number): string {
	const count = (...outcomes: Outcome[]) =>
		results.filter((r) => outcomes.includes(outcomeOf(r))).length;
	const eInvoices = count('valid', 'invalid', 'not checked');
	const notChecked = count('not checked');
	const errors = count('error');
	return [
		`${results.length} file(s): ${results.length - errors} read`,
		`${eInvoices} e-invoice(s) (${count('valid')} valid, ${count('invalid')} invalid${notChecked ? `, ${notChecked} not checked` : ''})`,
		`${count('not an e-invoice')} not an e-invoice`,
		`${errors} error(s)`,
		...(skipped ? [`${skipped} other file(s) skipped (not .pdf or .xml)`] : []),
	].join(', ');
}
