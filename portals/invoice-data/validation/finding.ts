import type Decimal from 'decimal.js';
import { RULES } from './rule-table';
import type { Finding } from './validation-types';

/** A finding of a rule in the table, where it broke, with the figures that broke it. */
export function finding(rule: string, where: string, figures?: string): Finding {
	const { flag, text } = RULES[rule];
	return { rule, flag, message: figures ? `${text} ${figures}` : text, where };
}

/** A decimal as the figures of a message show it (absent: "none"). */
export function show(d: Decimal | undefined): string {
	return d === undefined ? 'none' : d.toString();
}
