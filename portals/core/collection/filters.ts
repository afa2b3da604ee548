import { DateTime } from 'luxon';
import { DOCUMENT_TYPES, type PortalDocument } from '../contract/documents';
import { invalidInput } from '../outcomes/errors';
import type { DocumentFilters } from '../contract/filters';
import type { FilterStage } from '../contract/counts';

function checkDate(field: string, value: string | undefined): void {
	if (value === undefined) return;
	if (!DateTime.fromISO(value, { zone: 'utc' }).isValid || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
		throw invalidInput(field, `"${value}" is not a date in the form YYYY-MM-DD.`);
	}
}

function checkAmount(field: string, value: number | undefined): void {
	if (value !== undefined && !Number.isFinite(value))
		throw invalidInput(field, 'must be a number.');
}

/** Throws INVALID_INPUT naming the field for filters that cannot be meant. */
export function validateFilters(filters: DocumentFilters): DocumentFilters {
	checkDate('startDate', filters.startDate);
	checkDate('endDate', filters.endDate);
	if (filters.startDate && filters.endDate && filters.endDate < filters.startDate) {
		throw invalidInput(
			'endDate',
			`the end date ${filters.endDate} is before the start date ${filters.startDate}.`,
		);
	}
	for (const type of filters.types ?? []) {
		if (!DOCUMENT_TYPES.includes(type)) {
			throw invalidInput(
				'types',
				`"${type}" is not a document type; use one of ${DOCUMENT_TYPES.join(', ')}.`,
			);
		}
	}
	checkAmount('minAmount', filters.minAmount);
	checkAmount('maxAmount', filters.maxAmount);
	if (
		filters.minAmount !== undefined &&
		filters.maxAmount !== undefined &&
		filters.maxAmount < filters.minAmount
	) {
		throw invalidInput(
			'maxAmount',
			`the maximum amount ${filters.maxAmount} is below the minimum ${filters.minAmount}.`,
		);
	}
	if (filters.limit !== undefined && (!Number.isInteger(filters.limit) || filters.limit < 1)) {
		throw invalidInput('limit', `must be a whole number of at least 1 (got ${filters.limit}).`);
	}
	return filters;
}

/** The first filter that excludes the document, or null when it passes all of them. */
export function excludedBy(doc: PortalDocument, filters: DocumentFilters): FilterStage | null {
	if (
		(filters.startDate && doc.issueDate < filters.startDate) ||
		(filters.endDate && doc.issueDate > filters.endDate)
	) {
		return 'outsideDateRange';
	}
	if (filters.types?.length && !filters.types.includes(doc.type)) return 'excludedByType';
	if (filters.accountIds?.length && !filters.accountIds.includes(doc.accountId))
		return 'excludedByAccount';
	if (filters.minAmount !== undefined || filters.maxAmount !== undefined) {
		// A document without an amount cannot be shown to be inside the range.
		if (doc.amount === undefined) return 'excludedByAmount';
		if (filters.minAmount !== undefined && doc.amount < filters.minAmount)
			return 'excludedByAmount';
		if (filters.maxAmount !== undefined && doc.amount > filters.maxAmount)
			return 'excludedByAmount';
	}
	return null;
}
