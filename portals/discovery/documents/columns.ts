import type { FieldName, FieldSpec } from '../../definitions/spec';
import {
	ACCOUNT_WORDS,
	AMOUNT_WORDS,
	CURRENCY_WORDS,
	DUE_DATE_WORDS,
	ISSUE_DATE_WORDS,
	labelSays,
	NUMBER_WORDS,
	TITLE_WORDS,
} from '../words/document-words';
import { amountFormatOf } from './amounts';
import { dateFormatOf } from './dates';
import type { Column, RowsFound } from './rows';
import { typeMapOf } from './types';

export type Fields = Partial<Record<FieldName, FieldSpec>>;

/** What each field was read from: for the report (selector and three sample values). */
export interface FieldFinding {
	name: FieldName;
	spec: FieldSpec;
	samples: string[];
}

const present = (c: Column) => c.values.filter((v): v is string => !!v);
const everyRow = (c: Column) => c.values.every((v) => !!v);

/** Invoice-number-like: letters and digits, often with - / . _ #, no spaces, mostly unique. */
function numberScore(c: Column): number {
	const values = present(c);
	if (
		!everyRow(c) ||
		!values.every((v) => /^[\p{L}\d][\p{L}\d\-/._#]{1,39}$/u.test(v) && /\d/.test(v))
	)
		return 0;
	const unique = new Set(values).size / values.length;
	if (unique < 0.8) return 0;
	return (
		1 +
		(labelSays(c.label, NUMBER_WORDS) ? 2 : 0) +
		(values.every((v) => /\p{L}/u.test(v)) ? 1 : 0) +
		(labelSays(c.label, ACCOUNT_WORDS) ? -2 : 0)
	);
}

/**
 * Gives each column a meaning, by its values first (dates parse, amounts have a currency or two
 * decimals, type words map) and by its header or class name where values alone cannot tell
 * (two date columns: issue or due; an account number beside the document number).
 */
export function fieldsOf(rows: RowsFound, pageLang: string): FieldFinding[] {
	const found: FieldFinding[] = [];
	const used = new Set<Column>();
	const take = (name: FieldName, column: Column, spec: FieldSpec) => {
		used.add(column);
		found.push({
			name,
			spec: { selector: column.selector, ...spec },
			samples: present(column).slice(0, 3),
		});
	};

	const dates = rows.columns
		.map((c) => ({ c, format: dateFormatOf(present(c), pageLang) }))
		.filter((d) => d.format);
	const due = dates.find((d) => labelSays(d.c.label, DUE_DATE_WORDS));
	// The issue date is required in every row: the one headed "date", else the first.
	const issues = dates.filter((d) => d !== due && everyRow(d.c));
	const issue = issues.find((d) => labelSays(d.c.label, ISSUE_DATE_WORDS)) ?? issues[0];
	if (issue) take('issueDate', issue.c, { ...issue.format });
	if (due && issue) take('dueDate', due.c, { ...due.format });

	const rest = () => rows.columns.filter((c) => !used.has(c));
	const amounts = rest()
		.map((c) => ({ c, format: amountFormatOf(present(c), pageLang) }))
		.filter((a) => a.format)
		.sort(
			(a, b) =>
				Number(labelSays(b.c.label, AMOUNT_WORDS)) - Number(labelSays(a.c.label, AMOUNT_WORDS)),
		);
	if (amounts[0]) take('amount', amounts[0].c, { amount: true, locale: amounts[0].format!.locale });

	const types = rest()
		.map((c) => ({ c, map: typeMapOf(present(c), c.label, pageLang) }))
		.filter((t) => t.map);
	if (types[0]) take('type', types[0].c, { map: types[0].map });

	const numbers = rest()
		.map((c) => ({ c, score: numberScore(c) }))
		.filter((n) => n.score > 0)
		.sort((a, b) => b.score - a.score);
	if (numbers[0]) take('number', numbers[0].c, {});

	const account = rest().find(
		(c) =>
			labelSays(c.label, ACCOUNT_WORDS) && everyRow(c) && present(c).every((v) => v.length <= 40),
	);
	if (account) take('accountId', account, {});
	const currency = rest().find(
		(c) => labelSays(c.label, CURRENCY_WORDS) && present(c).every((v) => /^[A-Z]{3}$/.test(v)),
	);
	if (currency) take('currency', currency, {});
	const title = rest().find((c) => labelSays(c.label, TITLE_WORDS) && present(c).length);
	if (title) take('title', title, {});
	return found;
}
