import { createHash } from 'node:crypto';
import type { DocumentType, PortalDocument } from '../core/contract/documents';
import { PortalError } from '../core/outcomes/errors';
import { DateTime, type TokenParser } from 'luxon';
import { printLocator } from './print';
import { parseAmount } from '../adapter-kit/parsers';
import type { RawRow } from './page-reader';
import type { DefinitionSpec, DetailSpec, FieldName, FieldSpec } from './spec';
import { markNoFile, throwIfNoFileOnPage } from './no-file';

/** Applies a field's regex: the first capture group, or the whole match. */
export function fieldValue(field: FieldSpec, raw: string | undefined): string | undefined {
	const text = field.value ?? raw;
	if (text === undefined || !field.regex) return text;
	const match = text.match(new RegExp(field.regex));
	return match ? (match[1] ?? match[0]).trim() : undefined;
}

/** Per locale: building an Intl.NumberFormat costs about a millisecond, and every row asks. */
const decimals = new Map<string, 'dot' | 'comma'>();

/** Per format and locale: luxon's fromFormat builds its parser anew at every call (about half a millisecond, every row has dates). */
const dateParsers = new Map<string, TokenParser>();

/** adapter-kit's parseDate (the same normalising, locale and zone), with the format's parser built once. */
function parseDate(text: string, format: string, locale = 'en'): string | undefined {
	const key = `${locale}\u0000${format}`;
	let parser = dateParsers.get(key);
	if (!parser) {
		parser = DateTime.buildFormatParser(format, { locale });
		dateParsers.set(key, parser);
	}
	const parsed = DateTime.fromFormatParser(text.trim().replace(/\s+/g, ' '), parser, {
		locale,
		zone: 'utc',
	});
	return parsed.isValid ? parsed.toISODate()! : undefined;
}

/** Which decimal mark a locale writes: nl/de/fr 1.234,56; en 1,234.56. */
function decimalOf(locale = 'en'): 'dot' | 'comma' {
	let decimal = decimals.get(locale);
	if (!decimal) {
		const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal');
		decimal = part?.value === ',' ? 'comma' : 'dot';
		decimals.set(locale, decimal);
	}
	return decimal;
}

/** The portal's word for a type, through the definition's map (case-insensitive); no type field means invoices. */
function typeOf(word: string | undefined, map: Record<string, DocumentType> = {}): DocumentType {
	if (word === undefined) return 'invoice';
	return (
		map[word] ??
		Object.entries(map).find(([w]) => w.toLowerCase() === word.toLowerCase())?.[1] ??
		'other'
	);
}

function layoutChanged(spec: DefinitionSpec, what: string, message: string): PortalError {
	return new PortalError('LAYOUT_CHANGED', `${spec.name}: ${message}`, { missingElement: what });
}

/** A field's value in a row, through its regex; undefined when the definition has no such field. */
function readField(spec: DefinitionSpec, row: RawRow, name: FieldName): string | undefined {
	const field = spec.documents.fields[name];
	return field ? fieldValue(field, row.values[name]) : undefined;
}

/** A date field as yyyy-MM-dd: parsed in its format and language, or already ISO without one. */
function dateOf(
	spec: DefinitionSpec,
	row: RawRow,
	name: 'issueDate' | 'dueDate',
): string | undefined {
	const field = spec.documents.fields[name];
	const text = readField(spec, row, name);
	if (!field || text === undefined) return undefined;
	const iso = field.date
		? parseDate(text, field.date, field.locale)
		: /^\d{4}-\d{2}-\d{2}/.test(text)
			? text.slice(0, 10)
			: undefined;
	if (!iso)
		throw layoutChanged(
			spec,
			`documents.fields.${name}`,
			`"${text}" in row ${row.index + 1} is not a date in the format ${field.date ?? 'yyyy-MM-dd'}.`,
		);
	return iso;
}

/** The amount in the locale's notation; a currency column wins over a symbol in the amount. */
function amountOf(
	spec: DefinitionSpec,
	row: RawRow,
): { amount: number | undefined; currency: string | undefined } {
	let amount: number | undefined;
	let currency = readField(spec, row, 'currency');
	const amountText = readField(spec, row, 'amount');
	if (amountText !== undefined) {
		const parsed = parseAmount(amountText, decimalOf(spec.documents.fields.amount?.locale));
		if (!parsed)
			throw layoutChanged(
				spec,
				'documents.fields.amount',
				`"${amountText}" in row ${row.index + 1} is not an amount.`,
			);
		amount = parsed.amount;
		currency ??= parsed.currency;
	}
	return { amount, currency };
}

/**
 * One listed row as a document, parsed by the definition: dates in their format and language,
 * amounts in the locale's notation, the portal's type words mapped to ours, and a stable id.
 * A row whose required fields cannot be read means the portal changed: LAYOUT_CHANGED names
 * the field and what was found. Fields are read in a fixed order, so that a row with several
 * problems always reports the same one first.
 */
export function toDocument(
	spec: DefinitionSpec,
	row: RawRow,
	accountId: string,
	pageUrl: string,
): PortalDocument {
	const fields = spec.documents.fields;
	const read = (name: FieldName) => readField(spec, row, name);
	const number = read('number');
	if (!number)
		throw layoutChanged(
			spec,
			`documents.fields.number (${fields.number.selector ?? 'row'})`,
			`row ${row.index + 1} has no document number.`,
		);
	const issueDate = dateOf(spec, row, 'issueDate');
	if (!issueDate)
		throw layoutChanged(
			spec,
			`documents.fields.issueDate (${fields.issueDate.selector ?? 'row'})`,
			`row ${row.index + 1} has no issue date.`,
		);
	const { amount, currency } = amountOf(spec, row);
	const type = typeOf(read('type'), fields.type?.map);
	const account = read('accountId') ?? accountId;
	const doc: PortalDocument = {
		id: '',
		accountId: account,
		number,
		type,
		issueDate,
		dueDate: dateOf(spec, row, 'dueDate'),
		amount,
		currency,
		title: read('title'),
	};
	doc.id = documentId(spec, row, doc, account);
	addDownload(spec, row, doc, accountId, pageUrl);
	return doc;
}

/** The row's own id (documents.id.field), or a hash of the named fields; prefixed by the sub-account. */
function documentId(
	spec: DefinitionSpec,
	row: RawRow,
	doc: PortalDocument,
	account: string,
): string {
	const idRule = spec.documents.id;
	const own = idRule.field ? fieldValue(idRule.field, row.values.id) : undefined;
	if (idRule.field && !own)
		throw layoutChanged(spec, 'documents.id.field', `row ${row.index + 1} has no id.`);
	// A composed id hashes the named fields: stable as long as the portal shows the same values.
	const ownId =
		own ??
		createHash('sha256')
			.update(
				JSON.stringify(
					(idRule.compose ?? []).map((name) => doc[name as keyof PortalDocument] ?? ''),
				),
			)
			.digest('hex')
			.slice(0, 24);
	// The sub-account prefixes the id only when there is one: a portal without sub-accounts gets
	// the site's own id ("1", not ":1"). Ledgers that still hold the old ":1" form recognise it
	// (DeliveryLedger.has), so upgrading delivers nothing twice.
	return account ? `${account}:${ownId}` : ownId;
}

/** How the document is fetched: its link, else the page and account to press its button on. */
function addDownload(
	spec: DefinitionSpec,
	row: RawRow,
	doc: PortalDocument,
	accountId: string,
	pageUrl: string,
): void {
	const { link, click, detail } = spec.documents.download;
	// A row may have a link (most documents) or only a button (an export form, say).
	const href = link ? fieldValue(link, row.values.link) : undefined;
	// Else an invoice page to print (documents.download.print), where the definition names one.
	const toPrint = spec.documents.download.print;
	if (!href && printLocator(doc, pageUrl, toPrint && fieldValue(toPrint.open, row.values.print)))
		return;
	if (href) doc.downloadUrl = new URL(href, pageUrl).toString();
	else if (detail) addDetail(spec, detail, row, doc, accountId, pageUrl);
	else if (click) doc.locator = JSON.stringify({ pageUrl, account: accountId });
	else markNoFile(doc, 'documents.download.link', `row ${row.index + 1} has no download link`);
}

/**
 * One level down (documents.download.detail, read by detail-download.ts): the listing only notes
 * where to look. A detail link becomes the locator's address; a popover's link already in the
 * row's markup (a menu only hidden until pressed) is the file's address itself, as a row's own
 * link would be; else the row is pressed when the document is downloaded (browser).
 */
function addDetail(
	spec: DefinitionSpec,
	detail: DetailSpec,
	row: RawRow,
	doc: PortalDocument,
	accountId: string,
	pageUrl: string,
): void {
	if (detail.open) {
		const href = fieldValue(detail.open, row.values.detail);
		if (!href)
			return markNoFile(
				doc,
				'documents.download.detail.open',
				`row ${row.index + 1} has no link to its detail page`,
			);
		doc.locator = JSON.stringify({ detailUrl: new URL(href, pageUrl).toString() });
		return;
	}
	const inMarkup = fieldValue(detail.link, row.values.detailLink);
	if (inMarkup) doc.downloadUrl = new URL(inMarkup, pageUrl).toString();
	else doc.locator = JSON.stringify({ pageUrl, account: accountId, press: true });
}

/**
 * A page's rows as documents. When a field's text cannot be parsed (a date in another format, an
 * amount in another notation), the error quotes what that column shows in the first rows: whoever
 * writes or fixes the definition sees the site's format at once.
 */
export function toDocuments(
	spec: DefinitionSpec,
	rows: RawRow[],
	accountId: string,
	pageUrl: string,
): PortalDocument[] {
	const docs = rows.map((row) => {
		try {
			return toDocument(spec, row, accountId, pageUrl);
		} catch (error) {
			// Parse failures name the bare field ("documents.fields.issueDate"); missing ones add a selector.
			const name = /^documents\.fields\.(\w+)$/.exec(
				(error instanceof PortalError && error.details.missingElement) || '',
			)?.[1] as FieldName | undefined;
			const field = name ? spec.documents.fields[name] : undefined;
			if (!name || !field) throw error;
			const shown = [
				...new Set(rows.map((r) => fieldValue(field, r.values[name])).filter(Boolean)),
			].slice(0, 3);
			const portalError = error as PortalError;
			throw new PortalError(
				portalError.code,
				`${portalError.message} The page shows: ${shown.map((s) => `"${s}"`).join(', ')}.`,
				portalError.details,
			);
		}
	});
	throwIfNoFileOnPage(spec, docs);
	return docs;
}
