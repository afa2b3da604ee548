import type { RawFile } from '../../../core/contract/raw-file';
import type { Readable, Surface } from '../../../core/contract/surface';

export interface RawRow {
	rowId: string;
	cells: Record<string, string>;
	/** Absolute link when the row has one; statements only have an export button. */
	href?: string;
	hasExportButton: boolean;
	/** The export button's form, when it has one: its absolute action and its fields (the CSRF token). */
	exportForm?: { action: string; fields: Record<string, string> };
}

/** What one list page shows; null parts are missing from it. */
export interface ListRead {
	headers: string[] | null;
	rows: RawRow[] | null;
	next?: string;
	accounts: { ids: string[]; active: string } | null;
}

const TABLE = 'table#documents';
const SWITCHER = 'select[name="account"]';
const EXPORT_BUTTON = 'form.export button, button.export';

/**
 * Runs in the page (the browser's, or one parsed in Node): everything the list shows, in one
 * round trip. Attributes, not DOM properties, so both engines read it alike: links resolved
 * against document.baseURI, a select's choice from its `selected` option, a form's fields from
 * their value attributes (no script on the list changes them).
 */
function readList(args: { table: string; switcher: string; exportButton: string }): ListRead {
	const absolute = (address: string | null | undefined) =>
		address == null ? undefined : new URL(address, document.baseURI).href;
	const text = (el: Element) => (el.textContent ?? '').trim();
	const select = document.querySelector(args.switcher);
	const options = select ? [...select.querySelectorAll('option')] : [];
	const valueOf = (o: Element) => o.getAttribute('value') ?? text(o);
	const chosen = options.filter((o) => o.hasAttribute('selected')).pop() ?? options[0];
	const accounts = select
		? { ids: options.map(valueOf), active: chosen ? valueOf(chosen) : '' }
		: null;
	const next = absolute(document.querySelector('.pager a[rel="next"]')?.getAttribute('href'));
	const table = document.querySelector(args.table);
	if (!table) return { headers: null, rows: null, next, accounts };
	const headers = [...table.querySelectorAll('thead th')].map(text);
	const fieldsOf = (form: Element) => {
		const fields: Record<string, string> = {};
		for (const input of form.querySelectorAll('input[name]')) {
			const type = (input.getAttribute('type') ?? '').toLowerCase();
			if (input.hasAttribute('disabled') || /^(submit|image|button|reset|file)$/.test(type))
				continue;
			if (/^(checkbox|radio)$/.test(type) && !input.hasAttribute('checked')) continue;
			fields[input.getAttribute('name')!] =
				input.getAttribute('value') ?? (/^(checkbox|radio)$/.test(type) ? 'on' : '');
		}
		return fields;
	};
	const rows = [...table.querySelectorAll('tbody tr[data-id]')].map((tr) => {
		const cells: Record<string, string> = {};
		tr.querySelectorAll('td').forEach((td, i) => {
			if (headers[i]) cells[headers[i]] = text(td);
		});
		const form = tr.querySelector('form.export');
		return {
			rowId: tr.getAttribute('data-id') ?? '',
			cells,
			href: absolute(tr.querySelector('a.download')?.getAttribute('href')),
			hasExportButton: !!tr.querySelector(args.exportButton),
			exportForm: form
				? { action: absolute(form.getAttribute('action') ?? '')!, fields: fieldsOf(form) }
				: undefined,
		};
	});
	return { headers, rows, next, accounts };
}

/** The invoices list at /invoices: the sub-account switcher, the table, the pager. */
export class DocumentsPage {
	constructor(private readonly surface: Surface) {}

	static isAt(page: Readable): boolean {
		return new URL(page.url()).pathname === '/invoices';
	}

	/** Reads a list page: the one shown, or another one opened only to read (see Surface.openToRead). */
	static read(page: Readable): Promise<ListRead> {
		return page.evaluate(readList, {
			table: TABLE,
			switcher: SWITCHER,
			exportButton: EXPORT_BUTTON,
		});
	}

	/**
	 * What the shown page has of `part`; only when it is missing does this wait (an element can
	 * come late in the browser) and then report the layout change, naming `what`. One evaluate
	 * per read: a locator costs an animation frame (~17 ms headless) per call, which adds up over
	 * hundreds of list pages.
	 */
	private async shown<K extends 'headers' | 'rows' | 'accounts'>(
		part: K,
		selector: string,
		what: string,
	): Promise<ListRead[K]> {
		const found = (await DocumentsPage.read(this.surface))[part];
		if (found) return found;
		await this.surface.required(selector, what);
		return (await DocumentsPage.read(this.surface))[part];
	}

	async accountIds(): Promise<{ ids: string[]; active: string }> {
		return (await this.shown('accounts', SWITCHER, 'documents page: customer number switcher'))!;
	}

	async switchTo(accountId: string): Promise<void> {
		await this.surface.choose(SWITCHER, accountId, 'documents page: customer number switcher');
	}

	/** All rows of the current page, keyed by column header. */
	async rows(): Promise<RawRow[]> {
		return (await this.shown('rows', TABLE, 'documents page: documents table')) ?? [];
	}

	async headers(): Promise<string[]> {
		return (await this.shown('headers', TABLE, 'documents page: documents table')) ?? [];
	}

	async nextPageUrl(): Promise<string | undefined> {
		return (await DocumentsPage.read(this.surface)).next;
	}

	/** Presses one row's export button and reads the file it gives (statements have no link). */
	exportFile(rowId: string, maxBytes: number): Promise<RawFile> {
		return this.surface.downloadByPress(
			`tr[data-id="${rowId}"]`,
			0,
			EXPORT_BUTTON,
			`documents page: download button of row ${rowId}`,
			maxBytes,
		);
	}
}
