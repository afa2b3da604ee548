import { amountFormatOf } from '../documents/amounts';
import { dateFormatOf } from '../documents/dates';
import { typeMapOf } from '../documents/types';
import type { ApiDocumentsSpec, ApiFieldSpec } from './api-spec';
import { leaves } from './json-paths';

export type ApiFieldName = keyof ApiDocumentsSpec['fields'];
/** The fields found so far: any of them may be missing until the collection is chosen. */
export type FoundFields = Partial<Record<ApiFieldName, ApiFieldSpec>>;

/** What the items of one JSON array say, field by field, with three sample values each. */
export interface ItemFields {
	fields: FoundFields;
	samples: Partial<Record<ApiFieldName, string[]>>;
	/** Paths whose values are addresses (a file's, a detail's) and base64 PDFs. */
	urlPaths: string[];
	base64Paths: string[];
}

type Column = { path: string; key: string; values: (string | number | boolean)[] };

const CLEAN_ID = /^[A-Za-z0-9](?:[A-Za-z0-9_.:-]*[A-Za-z0-9])?$/;
const text = (v: unknown) => String(v);
const lastKey = (path: string) =>
	path
		.split('.')
		.filter((p) => !/^\d+$/.test(p))
		.pop() ?? '';
const distinct = (values: unknown[]) => new Set(values.map(text)).size === values.length;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const looksLikeUrl = (v: string) => /^(https?:\/\/|\/)[^\s]*$/.test(v) && v.length < 2000;

/** The columns of an array's items: each leaf path with its value in every item that has it. */
function columnsOf(items: Record<string, unknown>[]): Column[] {
	const byPath = new Map<string, Column>();
	for (const item of items.slice(0, 100))
		for (const [path, value] of leaves(item)) {
			const column = byPath.get(path) ?? { path, key: lastKey(path), values: [] };
			column.values.push(value);
			byPath.set(path, column);
		}
	// A field every item has (at least four in five: a credit note may lack a due date).
	return [...byPath.values()].filter(
		(c) => c.values.length >= Math.ceil(items.slice(0, 100).length * 0.8),
	);
}

/** A date column's field: ISO dates and times read by their first ten characters. */
function dateField(column: Column, lang: string): ApiFieldSpec | undefined {
	const values = column.values.filter((v): v is string => typeof v === 'string');
	if (values.length !== column.values.length) return undefined;
	if (values.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)))
		return { path: column.path, date: 'yyyy-MM-dd' };
	if (values.every((v) => ISO_TIME.test(v)))
		return { path: column.path, date: 'yyyy-MM-dd', regex: '^(\\d{4}-\\d{2}-\\d{2})' };
	const format = dateFormatOf(values, lang);
	if (!format) return undefined;
	return { path: column.path, ...format };
}

const AMOUNT_KEY =
	/amount|total|sum|price|gross|net|balance|due_?amount|betrag|montant|importe|bedrag|importo/i;

function amountField(column: Column, lang: string): ApiFieldSpec | undefined {
	if (column.values.every((v) => typeof v === 'number'))
		return AMOUNT_KEY.test(column.key) ? { path: column.path, amount: true } : undefined;
	const values = column.values.map(text);
	const format = amountFormatOf(values, lang);
	return format ? { path: column.path, amount: true, locale: format.locale } : undefined;
}

const preferring = (columns: Column[], hint: RegExp) =>
	[...columns].sort((a, b) => Number(hint.test(b.key)) - Number(hint.test(a.key)));

/**
 * Reads the fields of an array's items by their values (the date, amount and type readers of
 * the HTML discovery) and by their names where values alone cannot tell (an id, a number, an
 * account). Each field a dot path, with the HTML fields' options.
 */
export function itemFields(items: Record<string, unknown>[], lang: string): ItemFields {
	const columns = columnsOf(items);
	const fields: FoundFields = {};
	const samples: ItemFields['samples'] = {};
	const used = new Set<string>();
	const take = (name: ApiFieldName, column: Column, spec: ApiFieldSpec) => {
		fields[name] = spec;
		samples[name] = column.values.slice(0, 3).map(text);
		used.add(column.path);
	};
	const free = () => columns.filter((c) => !used.has(c.path));

	const base64Paths = columns
		.filter((c) =>
			c.values.every((v) => typeof v === 'string' && /^JVBER/.test(v) && v.length > 100),
		)
		.map((c) => c.path);
	const urlPaths = columns
		.filter(
			(c) => c.values.every((v) => typeof v === 'string' && looksLikeUrl(v)) && distinct(c.values),
		)
		.map((c) => c.path);
	[...base64Paths, ...urlPaths].forEach((p) => used.add(p));

	for (const column of preferring(free(), /issue|invoice_?date|^date$|created|billed|datum/i)) {
		if (/due|until|paid|period|updated|modified/i.test(column.key)) continue;
		const spec = dateField(column, lang);
		if (spec) {
			take('issueDate', column, spec);
			break;
		}
	}
	// The only date the items carry may be when each was last changed (a file library): the
	// document's date then, as a file browser shows it.
	if (!fields.issueDate)
		for (const column of free().filter((c) => /updated|modified/i.test(c.key))) {
			const spec = dateField(column, lang);
			if (spec) {
				take('issueDate', column, spec);
				break;
			}
		}
	for (const column of free().filter((c) =>
		/due|faellig|fällig|échéance|vervaldatum/i.test(c.key),
	)) {
		const spec = dateField(column, lang);
		if (spec) take('dueDate', column, spec);
		if (spec) break;
	}
	for (const column of preferring(free(), AMOUNT_KEY)) {
		if (/tax|vat|mwst|tva|iva|btw/i.test(column.key)) continue;
		const spec = amountField(column, lang);
		if (spec) {
			take('amount', column, spec);
			break;
		}
	}
	identify(free(), take, lang);
	return { fields, samples, urlPaths, base64Paths };
}

/** The id, number, currency, type and account columns, by value shape and by name. */
function identify(
	columns: Column[],
	take: (name: ApiFieldName, column: Column, spec: ApiFieldSpec) => void,
	lang: string,
): void {
	const taken = new Set<string>();
	const pick = (name: ApiFieldName, column: Column, spec: ApiFieldSpec = column.path) => {
		take(name, column, spec);
		taken.add(column.path);
	};
	const open = () => columns.filter((c) => !taken.has(c.path));
	const strings = (c: Column) => c.values.every((v) => typeof v === 'string');
	const ids = open().filter(
		(c) =>
			/^(id|_id|uuid|guid)$|Id$|_id$/.test(c.key) &&
			distinct(c.values) &&
			c.values.every((v) => CLEAN_ID.test(text(v))),
	);
	const id = ids.sort((a, b) => a.path.split('.').length - b.path.split('.').length)[0];
	if (id) pick('id', id);
	const number = preferring(
		open().filter(
			(c) =>
				strings(c) &&
				distinct(c.values) &&
				c.values.every((v) => /\d/.test(text(v)) && text(v).length <= 40 && !/\s{2}/.test(text(v))),
		),
		/number|^no$|^nr$|num|reference|^ref/i,
	)[0];
	if (number && (/number|^no$|^nr$|num|ref/i.test(number.key) || !id)) pick('number', number);
	else if (number && /title|name|file|label|subject/i.test(number.key)) {
		// No number column beside the id: a title that holds digits ("Invoice 2026 005") is what
		// the user reads as the document's number.
		pick('number', number);
	}
	const currency = open().find(
		(c) =>
			/currency|währung|devise|valuta|moneda/i.test(c.key) ||
			(strings(c) && c.values.every((v) => /^[A-Z]{3}$/.test(text(v)))),
	);
	if (currency) pick('currency', currency);
	for (const column of open().filter(strings)) {
		const map = typeMapOf(column.values.map(text), column.key, lang);
		if (!map) continue;
		pick('type', column, { path: column.path, map });
		break;
	}
	const account = open().find(
		(c) =>
			/account|contract|customer|subscription|vertrag|kunde|contrat/i.test(c.path) &&
			!/name$/i.test(c.key),
	);
	if (account) pick('accountId', account);
}
