import type { DocumentType, PortalDocument } from '../../core/contract/documents';
import { PortalError } from '../../core/outcomes/errors';
import { parseAmount, parseDate } from '../../adapter-kit/parsers';
import type { RawRow } from './pages/documents-page';

// Demo Telecom prints dates as "1 Oct 2026" and amounts as "€ 42.50".
const DATE_FORMAT = 'd LLL yyyy';
const TYPE_WORDS: Record<string, DocumentType> = {
	invoice: 'invoice',
	'credit note': 'credit_note',
	'payment reminder': 'reminder',
	statement: 'statement',
};

export const REQUIRED_COLUMNS = ['Date', 'Number', 'Type', 'Amount'];

/** Turns one table row into a document; a row that cannot be read means the layout changed. */
export function documentFromRow(row: RawRow, accountId: string, locator: string): PortalDocument {
	const cell = (name: string) => row.cells[name] ?? '';
	const issueDate = parseDate(cell('Date'), DATE_FORMAT);
	if (!issueDate) {
		throw new PortalError(
			'LAYOUT_CHANGED',
			`The date "${cell('Date')}" of row ${row.rowId} is not in the expected form (${DATE_FORMAT}).`,
			{ missingElement: 'documents table: Date column' },
		);
	}
	const money = parseAmount(cell('Amount'), 'dot');
	return {
		// The portal's own row id is stable across runs; scoped to the customer number.
		id: `${accountId}:${row.rowId}`,
		accountId,
		number: cell('Number'),
		type: TYPE_WORDS[cell('Type').toLowerCase()] ?? 'other',
		issueDate,
		dueDate: parseDate(cell('Due'), DATE_FORMAT),
		amount: money?.amount,
		currency: money?.currency,
		title: cell('Description') || undefined,
		// Links are fetched directly; export forms are posted directly too (as the button would).
		// Only a button without a form needs the page (the adapter clicks it).
		downloadUrl: row.href ?? row.exportForm?.action,
		downloadForm: row.href ? undefined : row.exportForm?.fields,
		locator,
	};
}
