import { amountNumber } from './amount';

/** Small helpers the syntax readers share. */

/**
 * A CII date (format 102 `20240131`, or already ISO) as `YYYY-MM-DD`; other formats are kept as
 * written so that nothing is silently invented.
 */
export function isoDate(text: string | undefined): string | undefined {
	if (!text) return undefined;
	const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
	if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
	const iso = /^(\d{4}-\d{2}-\d{2})/.exec(text);
	return iso ? iso[1] : text;
}

/** The object without its undefined members, or undefined when none is left (keeps JSON small). */
export function compact<T extends object>(value: T): T | undefined {
	const entries = Object.entries(value).filter(([, v]) => v !== undefined);
	return entries.length === 0 ? undefined : (Object.fromEntries(entries) as T);
}

/** Like compact, for objects that must exist in the JSON even when empty. */
export function defined<T extends object>(value: T): T {
	return (compact(value) ?? {}) as T;
}

/** Parses the XRechnung Skonto convention in the terms text: `#SKONTO#TAGE=14#PROZENT=2.00#`. */
export function skontoOf(
	terms: string | undefined,
): { days?: number; percent?: number } | undefined {
	const m = terms && /#SKONTO#TAGE=(\d+)#PROZENT=(\d+(?:\.\d+)?)#/i.exec(terms);
	return m ? { days: Number(m[1]), percent: amountNumber(m[2]) } : undefined;
}
