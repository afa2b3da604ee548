import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { DOCUMENT_TYPES, type DocumentType } from '../../portals/core/contract/documents';
import type { DocumentFilters } from '../../portals/core/contract/filters';

const TYPE_NAMES: Record<DocumentType, string> = {
	invoice: 'Invoice',
	credit_note: 'Credit Note',
	reminder: 'Reminder',
	statement: 'Statement',
	receipt: 'Receipt',
	contract: 'Contract',
	other: 'Other',
};

/** The filters of Download and List, and (without the dates, which it sets itself) of the trigger. */
export const FILTER_OPTIONS: INodeProperties[] = [
	{
		displayName: 'Account IDs',
		name: 'accountIds',
		type: 'string',
		default: '',
		description:
			'Sub-accounts, customer or contract numbers to include, separated by commas. Empty means all.',
	},
	{
		displayName: 'Document Types',
		name: 'types',
		type: 'multiOptions',
		default: [],
		options: DOCUMENT_TYPES.map((t) => ({ name: TYPE_NAMES[t], value: t })),
		description: 'Only these types. None selected means all.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description: 'Latest issue date to include',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
	},
	{
		displayName: 'Maximum Amount',
		name: 'maxAmount',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
	},
	{
		displayName: 'Minimum Amount',
		name: 'minAmount',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		default: 0,
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description: 'Earliest issue date to include',
	},
];

/**
 * The filters collection of an operation, which shows it for itself (showFor); List leaves out
 * Limit (it has Return All / Limit of its own).
 */
export function filtersProperty(options: INodeProperties[] = FILTER_OPTIONS): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/** The collection's values as engine filters; the engine validates them and names a bad field. */
export function filtersFrom(raw: IDataObject): DocumentFilters {
	const date = (value: unknown) => (value ? String(value).slice(0, 10) : undefined);
	const number = (value: unknown) =>
		value === undefined || value === '' || value === null ? undefined : Number(value);
	const accountIds = String(raw.accountIds ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	return {
		startDate: date(raw.startDate),
		endDate: date(raw.endDate),
		types: Array.isArray(raw.types) && raw.types.length ? (raw.types as DocumentType[]) : undefined,
		accountIds: accountIds.length ? accountIds : undefined,
		minAmount: number(raw.minAmount),
		maxAmount: number(raw.maxAmount),
		limit: number(raw.limit),
	};
}
