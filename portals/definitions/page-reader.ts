import type { Readable } from '../core/engine/surface';
import type { Detect, FieldName, FieldSpec } from './spec';

/**
 * Reads what a definition points at on the current page, in one evaluate each (in the browser a
 * locator call costs an animation frame). The same functions run inside the browser and in Node
 * against the HTML the HTTP engine parsed (see engine/surface.ts): only standard DOM calls both
 * have, so links are read as attributes and resolved against document.baseURI, options' labels
 * as textContent. It reads only; the flow decides what to do with it.
 */
export interface RawRow {
	index: number;
	values: Partial<Record<FieldName | 'id' | 'link', string>>;
}

/** Whether the page matches a detect rule: an element (with a text), or an address. */
export async function matches(page: Readable, detect: Detect): Promise<boolean> {
	if (detect.urlContains && !page.url().includes(detect.urlContains)) return false;
	if (!detect.selector) return true;
	return page.evaluate(
		({ selector, text }) => {
			const found = Array.from(document.querySelectorAll<HTMLElement>(selector));
			if (!text) return found.length > 0;
			const wanted = text.toLowerCase();
			return found.some((el) =>
				(el.innerText || el.textContent || '').toLowerCase().includes(wanted),
			);
		},
		{ selector: detect.selector, text: detect.text },
	);
}

/** The text of the first element matching the selector, or undefined. */
export async function textOf(page: Readable, selector: string): Promise<string | undefined> {
	return page.evaluate((s) => {
		const el = document.querySelector<HTMLElement>(s);
		const text = (el?.innerText || el?.textContent || '').trim();
		return text || undefined;
	}, selector);
}

/** Every row's raw values: each field's text or attribute, before any parsing. */
export async function readRows(
	page: Readable,
	rows: string,
	fields: Partial<Record<FieldName | 'id' | 'link', FieldSpec>>,
): Promise<RawRow[]> {
	const wanted = Object.entries(fields).filter(([, f]) => f && f.value === undefined) as [
		string,
		FieldSpec,
	][];
	return page.evaluate(
		({ rows, wanted }) =>
			Array.from(document.querySelectorAll(rows)).map((row, index) => {
				const values: Record<string, string> = {};
				for (const [name, field] of wanted) {
					const el = field.selector
						? row.querySelector<HTMLElement>(field.selector)
						: (row as HTMLElement);
					if (!el) continue;
					const raw = field.attribute
						? el.getAttribute(field.attribute)
						: el.innerText || el.textContent;
					if (raw !== null && raw !== undefined) values[name] = String(raw).trim();
				}
				return { index, values };
			}),
		{ rows, wanted },
	);
}

export async function rowCount(page: Readable, rows: string): Promise<number> {
	return page.evaluate((s) => document.querySelectorAll(s).length, rows);
}

/** The options of a sub-account <select>: value and label. */
export async function selectOptions(
	page: Readable,
	select: string,
): Promise<{ value: string; label: string; selected: boolean }[]> {
	return page.evaluate((s) => {
		const el = document.querySelector<HTMLSelectElement>(s);
		return el
			? Array.from(el.querySelectorAll('option')).map((o) => ({
					value: o.value,
					label: (o.textContent ?? '').trim(),
					selected: o.selected,
				}))
			: [];
	}, select);
}

/** The href of the first element matching the selector, resolved against the page. */
export async function hrefOf(page: Readable, selector: string): Promise<string | undefined> {
	return page.evaluate((s) => {
		const href = document.querySelector(s)?.getAttribute('href');
		return href ? new URL(href, document.baseURI).href : undefined;
	}, selector);
}
