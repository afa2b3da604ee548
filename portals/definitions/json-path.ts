/**
 * A value in parsed JSON by a dot path (`data.invoices`, `links.0.href`; numbers index arrays);
 * "" is the value itself. Undefined where the path leads nowhere.
 */
export function jsonAt(value: unknown, path: string): unknown {
	if (path === '') return value;
	let current = value;
	for (const part of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/**
 * A JSON value as the text a field reader takes: strings as they are, numbers in the field's
 * locale notation (so that the amount reader reads 1234.5 as it reads "1.234,50" on a Dutch page),
 * booleans as words. Objects and arrays are no field value.
 */
export function fieldText(value: unknown, locale = 'en'): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value))
		return value.toLocaleString(locale, { useGrouping: false, maximumFractionDigits: 20 });
	if (typeof value === 'boolean') return String(value);
	return undefined;
}

/**
 * Fills `{name}` placeholders; `{a.b}` reads a path of `item`. Values are URI-encoded for an
 * address (`encode`), left as they are for a query value (URLSearchParams encodes it).
 */
export function fillPlaceholders(
	template: string,
	values: Record<string, string | undefined>,
	item?: unknown,
	encode = true,
): string {
	return template.replace(/\{([^}]+)\}/g, (whole, name: string) => {
		const value = name in values ? values[name] : fieldText(jsonAt(item, name));
		if (value === undefined) return '';
		return encode ? encodeURIComponent(value) : value;
	});
}
