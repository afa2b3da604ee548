import type { Readable } from '../core/contract/surface';
import type { Detect, FieldName, FieldSpec } from './spec';

/**
 * Reads what a definition points at on the current page, in one evaluate each (in the browser a
 * locator call costs an animation frame). The same functions run inside the browser and in Node
 * against the HTML the HTTP engine parsed (see core/contract/surface.ts): only standard DOM calls both
 * have, so links are read as attributes and resolved against document.baseURI, options' labels
 * as textContent. It reads only; the flow decides what to do with it.
 */
type RowValue = FieldName | 'id' | 'link' | 'print' | 'detail' | 'detailLink';

export interface RawRow {
	index: number;
	/** detail, detailLink: documents.download.detail's open and (a menu in the row's markup) link. */
	values: Partial<Record<RowValue, string>>;
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
	fields: Partial<Record<RowValue, FieldSpec>>,
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

/**
 * The options of a sub-account <select>: value and label, and which one the page shows. Spelled
 * out as HTML defines them, not read from the option's properties, which a parsed page in Node
 * (linkedom) does not fill in as a browser does: an option without a value attribute has its
 * text (whitespace collapsed) as value; in a single select without a selected option the first
 * one not disabled is shown.
 */
export async function selectOptions(
	page: Readable,
	select: string,
): Promise<{ value: string; label: string; selected: boolean }[]> {
	return page.evaluate((s) => {
		const el = document.querySelector<HTMLSelectElement>(s);
		if (!el) return [];
		const options = Array.from(el.querySelectorAll('option'));
		const text = (o: HTMLOptionElement) => (o.textContent ?? '').replace(/\s+/g, ' ').trim();
		// A browser's live choice where it has one, else the markup's (the last one counts).
		const live = options.filter((o) => o.selected);
		const marked = live.length ? live : options.filter((o) => o.hasAttribute('selected'));
		const shown = el.hasAttribute('multiple')
			? marked
			: marked.length
				? marked.slice(-1)
				: options.filter((o) => !o.hasAttribute('disabled')).slice(0, 1);
		return options.map((o) => ({
			value: o.hasAttribute('value') ? (o.getAttribute('value') ?? '') : text(o),
			label: text(o),
			selected: shown.includes(o),
		}));
	}, select);
}

/** The href of the first element matching the selector, resolved against the page. */
export async function hrefOf(page: Readable, selector: string): Promise<string | undefined> {
	return page.evaluate((s) => {
		const href = document.querySelector(s)?.getAttribute('href');
		return href ? new URL(href, document.baseURI).href : undefined;
	}, selector);
}

/** The request a row's download button sends, where the markup alone says it (see rowForms). */
export interface RowForm {
	url: string;
	/** POST: the form's fields; GET forms put them into `url`. */
	fields?: Record<string, string>;
}

/**
 * What pressing each row's download button sends, when it is a plain form anyone can read off
 * the markup: a submit button in a <form> (no script attributes, no form="…" or formaction
 * tricks), URL-encoded, with only hidden and text fields. null for a row whose button is
 * anything else (a link, a button a script handles, a form with choices): that row keeps
 * being pressed. `scripted`: the page runs scripts, which in a browser may act on the press.
 * Why: a form read here is fetched like a link (several at a time, while the listing goes on)
 * instead of one by one, each after reloading its page.
 */
export async function rowForms(
	page: Readable,
	rows: string,
	button: string,
): Promise<{ scripted: boolean; forms: (RowForm | null)[] }> {
	return page.evaluate(
		({ rows, button }) => {
			const runs = (s: Element) => {
				const type = (s.getAttribute('type') ?? '').trim().toLowerCase();
				return (
					(!type || /javascript|ecmascript|module/.test(type)) &&
					(s.hasAttribute('src') || (s.textContent ?? '').trim() !== '')
				);
			};
			const scripted =
				!!document.querySelector('body[onload]') ||
				Array.from(document.querySelectorAll('script')).some(runs);
			const plain = (el: Element) =>
				!Array.from(el.attributes).some((a) => /^on/i.test(a.name)) && !el.hasAttribute('form');
			const formOf = (row: Element) => {
				const pressed = row.querySelector(button);
				const el = pressed?.closest('a[href], button, input') ?? pressed;
				if (!el || !plain(el)) return null;
				const type = (el.getAttribute('type') ?? '').trim().toLowerCase();
				const submits =
					el.localName === 'button'
						? !['button', 'reset', 'menu'].includes(type)
						: el.localName === 'input' && type === 'submit';
				if (
					!submits ||
					['action', 'method', 'enctype', 'target'].some((a) => el.hasAttribute(`form${a}`))
				)
					return null;
				const form = el.closest('form');
				if (!form || !plain(form)) return null;
				const method = (form.getAttribute('method') ?? 'get').trim().toLowerCase();
				const enctype = (form.getAttribute('enctype') ?? '').trim().toLowerCase();
				const action = (form.getAttribute('action') ?? '').trim();
				if (!['get', 'post'].includes(method) || !action) return null;
				if (enctype && enctype !== 'application/x-www-form-urlencoded') return null;
				// Controls elsewhere on the page that belong to this form by form="id".
				if (
					form.id &&
					Array.from(document.querySelectorAll('[form]')).some(
						(c) => c.getAttribute('form') === form.id,
					)
				)
					return null;
				const url = new URL(action, document.baseURI);
				if (!/^https?:$/.test(url.protocol)) return null;
				const fields: Record<string, string> = {};
				for (const control of Array.from(
					form.querySelectorAll('button, input, select, textarea'),
				)) {
					const name = control.getAttribute('name') ?? '';
					const kind = (control.getAttribute('type') ?? '').trim().toLowerCase();
					const isButton =
						control.localName === 'button' || ['submit', 'image', 'reset', 'button'].includes(kind);
					// Of the buttons only the pressed one is sent; nameless ones send nothing.
					if ((isButton && control !== el) || !name) continue;
					if (
						name in fields ||
						control.hasAttribute('disabled') ||
						control.closest('fieldset[disabled]')
					)
						return null;
					if (
						!isButton &&
						(control.localName !== 'input' || !['', 'hidden', 'text'].includes(kind))
					)
						return null;
					fields[name] = control.getAttribute('value') ?? '';
				}
				if (method === 'post') return { url: url.href, fields };
				url.search = new URLSearchParams(fields).toString();
				return { url: url.href };
			};
			return { scripted, forms: Array.from(document.querySelectorAll(rows)).map(formOf) };
		},
		{ rows, button },
	);
}
