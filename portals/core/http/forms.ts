import { NeedsBrowser } from '../contract/needs-browser';
import { resolve, type HtmlPage } from './html-page';

/** Where and how a form is sent. */
export interface Submission {
	method: 'GET' | 'POST';
	url: string;
	/** POST only: URL-encoded fields, or multipart (enctype="multipart/form-data"). */
	body?: URLSearchParams | FormData;
}

/**
 * What was typed, ticked and chosen on the current page. Kept beside the parsed document, not in
 * its attributes: a typed password must never show up in the page's HTML (a debug dump, a
 * reader), just as a browser keeps it in the field's value and not in the markup. A new page
 * brings new elements, so edits of the old one are forgotten with it.
 */
export class FormEdits {
	private readonly values = new WeakMap<Element, string>();
	private readonly checked = new WeakMap<Element, boolean>();
	private readonly chosen = new WeakMap<Element, Element>();

	/** Types into an input or textarea. */
	setValue(field: Element, value: string): void {
		this.values.set(field, value);
	}

	/** Ticks (or clears) a checkbox or radio button; ticking a radio clears the rest of its group. */
	setChecked(box: Element, checked: boolean): void {
		if (checked && typeOf(box) === 'radio') {
			const name = box.getAttribute('name');
			const owner = formOwner(box);
			const root = box.ownerDocument;
			if (name && root)
				for (const other of Array.from(root.querySelectorAll('input'))) {
					if (typeOf(other) === 'radio' && other.getAttribute('name') === name)
						if (formOwner(other) === owner) this.checked.set(other, false);
				}
		}
		this.checked.set(box, checked);
	}

	/** Selects one option of a <select> (the others are no longer selected). */
	choose(select: Element, option: Element): void {
		this.chosen.set(select, option);
	}

	value(field: Element): string {
		const typed = this.values.get(field);
		if (typed !== undefined) return typed;
		if (field.localName === 'textarea') {
			// The HTML parser drops a newline right after <textarea>; linkedom keeps it.
			return (field.textContent ?? '').replace(/^\r?\n/, '');
		}
		return field.getAttribute('value') ?? '';
	}

	isChecked(box: Element): boolean {
		return this.checked.get(box) ?? box.hasAttribute('checked');
	}

	/** The options of a <select> that are sent with its form. */
	selectedOptions(select: Element): Element[] {
		const options = Array.from(select.querySelectorAll('option'));
		const picked = this.chosen.get(select);
		if (picked) return [picked];
		const selected = options.filter((o) => o.hasAttribute('selected'));
		if (select.hasAttribute('multiple')) return selected;
		// A single select always shows one option: the last one marked selected, or else the
		// first that is not disabled (the browser's selectedness algorithm).
		if (selected.length) return [selected[selected.length - 1]];
		const first = options.find((o) => !isDisabled(o));
		return first ? [first] : [];
	}
}

/** An input's type as the browser understands it (missing or unknown types are text). */
export function typeOf(el: Element): string {
	return (el.getAttribute('type') ?? '').trim().toLowerCase();
}

/** An option's value: its value attribute, else its text with whitespace collapsed. */
export function optionValue(option: Element): string {
	return (
		option.getAttribute('value') ?? (option.textContent ?? '').replace(/[\t\n\f\r ]+/g, ' ').trim()
	);
}

/**
 * Whether pressing the element submits its form: a <button> (its type is submit unless it says
 * button, reset or menu), or an input of type submit or image.
 */
export function isSubmitControl(el: Element): boolean {
	if (el.localName === 'button') {
		const type = typeOf(el);
		return type !== 'button' && type !== 'reset' && type !== 'menu';
	}
	return el.localName === 'input' && ['submit', 'image'].includes(typeOf(el));
}

/**
 * The form a control belongs to: the form its form="id" attribute names (that attribute wins
 * even when nothing matches), else the form around it. linkedom has no `form.elements` or
 * `control.form`, so this is worked out from the markup.
 */
export function formOwner(control: Element): Element | null {
	const id = control.getAttribute('form');
	if (id !== null) {
		// linkedom answers getElementById('') with the first element; a browser with nothing.
		const named = id ? control.ownerDocument?.getElementById(id) : null;
		return named?.localName === 'form' ? named : null;
	}
	return control.closest('form');
}

/** Disabled itself, or inside a disabled fieldset (except in that fieldset's first legend). */
function isDisabled(el: Element): boolean {
	if (el.hasAttribute('disabled')) return true;
	if (el.localName === 'option') return !!el.closest('optgroup[disabled]');
	for (let fieldset = el.closest('fieldset[disabled]'); fieldset; ) {
		const legend = Array.from(fieldset.children).find((c) => c.localName === 'legend');
		if (!legend || !legend.contains(el)) return true;
		fieldset = fieldset.parentElement?.closest('fieldset[disabled]') ?? null;
	}
	return false;
}

/**
 * The fields a browser sends when the form is submitted (HTML's "constructing the entry list"),
 * in document order: every named, enabled input (hidden ones too: CSRF tokens), the selected
 * options of each select, textareas, ticked checkboxes and radio buttons ("on" without a value),
 * and of the buttons only the one pressed. File inputs are left out: nothing is uploaded.
 */
export function formEntries(
	form: Element,
	edits: FormEdits,
	submitter?: Element,
): [string, string][] {
	const document = form.ownerDocument;
	const entries: [string, string][] = [];
	const controls = Array.from(document.querySelectorAll('button, input, select, textarea'));
	for (const control of controls) {
		if (formOwner(control) !== form) continue;
		if (control.closest('datalist') || isDisabled(control)) continue;
		const type = typeOf(control);
		const name = control.getAttribute('name') ?? '';
		if (control.localName === 'button' || ['submit', 'image', 'reset', 'button'].includes(type)) {
			if (control !== submitter || !isSubmitControl(control)) continue;
			if (type === 'image') {
				// The click position: a pressed image button has no place it was clicked, so 0,0.
				const prefix = name ? `${name}.` : '';
				entries.push([`${prefix}x`, '0'], [`${prefix}y`, '0']);
				continue;
			}
			if (!name) continue;
			// Chrome sends an unlabelled submit input's default label, "Submit".
			const value =
				control.localName === 'input' && !control.hasAttribute('value')
					? 'Submit'
					: (control.getAttribute('value') ?? '');
			entries.push([name, value]);
			continue;
		}
		if (!name) continue;
		if (control.localName === 'select') {
			for (const option of edits.selectedOptions(control))
				if (!isDisabled(option)) entries.push([name, optionValue(option)]);
			continue;
		}
		if (control.localName === 'input') {
			if (type === 'file') continue;
			if (type === 'checkbox' || type === 'radio') {
				if (edits.isChecked(control)) entries.push([name, control.getAttribute('value') ?? 'on']);
				continue;
			}
			if (type === 'hidden' && name.toLowerCase() === '_charset_') {
				entries.push([name, control.getAttribute('value') || 'UTF-8']);
				continue;
			}
		}
		entries.push([name, edits.value(control)]);
	}
	return entries;
}

/**
 * How a browser submits this form, pressed with `submitter` (or with none: a script's
 * form.submit()). The form's action (empty: the page itself), method (GET puts the fields in
 * the query, replacing the action's own) and enctype, each overridden by the pressed button's
 * formaction, formmethod and formenctype.
 */
export function formSubmission(
	page: HtmlPage,
	form: Element,
	edits: FormEdits,
	submitter?: Element,
): Submission {
	const override = (name: string) =>
		submitter && isSubmitControl(submitter) && submitter.hasAttribute(`form${name}`)
			? submitter.getAttribute(`form${name}`)
			: null;
	const action = (override('action') ?? form.getAttribute('action') ?? '').trim();
	const target = action ? resolve(page, action) : new URL(page.url);
	// An action like "javascript:login()" is a script's to run.
	if (!target || target.protocol === 'javascript:')
		throw new NeedsBrowser('the form is sent by a script (its action is no web address)');
	const method = (override('method') ?? form.getAttribute('method') ?? 'get').trim().toLowerCase();
	if (method === 'dialog') throw new NeedsBrowser('the form only closes a dialog on the page');
	const entries = formEntries(form, edits, submitter);
	if (method !== 'post') {
		target.search = new URLSearchParams(entries).toString();
		return { method: 'GET', url: target.href };
	}
	const enctype = (override('enctype') ?? form.getAttribute('enctype') ?? '').trim().toLowerCase();
	if (enctype === 'multipart/form-data') {
		const body = new FormData();
		for (const [name, value] of entries) body.append(name, value);
		return { method: 'POST', url: target.href, body };
	}
	return { method: 'POST', url: target.href, body: new URLSearchParams(entries) };
}
