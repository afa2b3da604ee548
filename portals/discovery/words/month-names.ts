import { Info } from 'luxon';

/**
 * The six languages whose written dates discovery reads ("3 Oct 2026", "3. Oktober 2026",
 * "3 octobre 2026", "3 oktober 2026", "3 de octubre de 2026", "3 ottobre 2026"). The names come
 * from luxon (the same tables its parser uses), so a detected language always parses.
 */
export const DATE_LOCALES = ['en', 'de', 'fr', 'nl', 'es', 'it'] as const;

/** Which languages' month names (long or short) a text contains, best guess first. */
export function monthLocales(text: string): string[] {
	const words = text
		.toLowerCase()
		.split(/[^\p{L}]+/u)
		.filter((w) => w.length >= 3);
	return DATE_LOCALES.filter((locale) => {
		const names = [
			...Info.months('long', { locale }),
			...Info.months('short', { locale }),
			...Info.monthsFormat('short', { locale }),
		].map((n) => n.toLowerCase().replace(/\.$/, ''));
		return words.some((w) => names.includes(w));
	});
}
