import type { Page } from 'playwright';
import { required } from '../../../adapter-kit/page-tools';

export interface RawRow {
	rowId: string;
	cells: Record<string, string>;
	/** Absolute link when the row has one; statements only have an export button. */
	href?: string;
	hasExportButton: boolean;
	/** The export button's form, when it has one: its absolute action and its fields (the CSRF token). */
	exportForm?: { action: string; fields: Record<string, string> };
}

const TABLE = 'table#documents';

/**
 * Runs in the page: the table's rows and the next-page link, read from this page or from the
 * HTML of another list page parsed here (with that page's address as base, so links come out
 * absolute). Rows are null when there is no documents table.
 */
function readList(args: { selector: string; html?: string; base?: string }): {
	rows: RawRow[] | null;
	next?: string;
} {
	const root: ParentNode = args.html
		? new DOMParser().parseFromString(
				args.html.replace(/<head>/i, `<head><base href="${args.base}">`),
				'text/html',
			)
		: document;
	const next =
		(root.querySelector('.pager a[rel="next"]') as HTMLAnchorElement | null)?.href || undefined;
	const el = root.querySelector(args.selector);
	if (!el) return { rows: null, next };
	const headers = [...el.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
	const rows = [...el.querySelectorAll('tbody tr[data-id]')].map((tr) => {
		const cells: Record<string, string> = {};
		tr.querySelectorAll('td').forEach((td, i) => {
			if (headers[i]) cells[headers[i]] = (td.textContent ?? '').trim();
		});
		const link = tr.querySelector('a.download') as HTMLAnchorElement | null;
		const form = tr.querySelector('form.export') as HTMLFormElement | null;
		const exportForm = form
			? {
					action: form.action,
					fields: Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)])),
				}
			: undefined;
		return {
			rowId: tr.getAttribute('data-id') ?? '',
			cells,
			href: link?.href,
			hasExportButton: !!tr.querySelector('form.export button, button.export'),
			exportForm,
		};
	});
	return { rows, next };
}

/** The invoices list at /invoices: the sub-account switcher, the table, the pager. */
export class DocumentsPage {
	constructor(private readonly page: Page) {}

	static isAt(page: Page): boolean {
		return new URL(page.url()).pathname === '/invoices';
	}

	async accountIds(): Promise<{ ids: string[]; active: string }> {
		// One evaluate (see rows()); the locator only to wait and report when the switcher is missing.
		const read = () =>
			this.page.evaluate(() => {
				const select = document.querySelector('select[name="account"]') as HTMLSelectElement | null;
				return select
					? { ids: [...select.options].map((o) => o.value), active: select.value }
					: null;
			});
		const found = await read();
		if (found) return found;
		await required(
			this.page.locator('select[name="account"]'),
			'documents page: customer number switcher',
		);
		return (await read())!;
	}

	async switchTo(accountId: string): Promise<void> {
		const select = await required(
			this.page.locator('select[name="account"]'),
			'documents page: customer number switcher',
		);
		await Promise.all([this.page.waitForEvent('domcontentloaded'), select.selectOption(accountId)]);
	}

	/**
	 * All rows of the current page in one round trip, keyed by column header. Read with one
	 * page.evaluate: a locator costs an animation frame (~17 ms headless) per call, which adds
	 * up over hundreds of list pages. Only when the table is missing does it wait (and then
	 * report the layout change).
	 */
	async rows(): Promise<RawRow[]> {
		const { rows } = await this.page.evaluate(readList, { selector: TABLE });
		if (rows) return rows;
		await required(this.page.locator(TABLE), 'documents page: documents table');
		return (await this.page.evaluate(readList, { selector: TABLE })).rows ?? [];
	}

	/** Reads another list page from its HTML without showing it (see readList). */
	async readHtml(html: string, url: string): Promise<{ rows: RawRow[] | null; next?: string }> {
		return this.page.evaluate(readList, { selector: TABLE, html, base: url });
	}

	async headers(): Promise<string[]> {
		const read = () =>
			this.page.evaluate((selector) => {
				const table = document.querySelector(selector);
				return table
					? [...table.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim())
					: null;
			}, TABLE);
		const found = await read();
		if (found) return found;
		await required(this.page.locator(TABLE), 'documents page: documents table');
		return (await read()) ?? [];
	}

	async nextPageUrl(): Promise<string | undefined> {
		// One evaluate, not a locator: see rows().
		return (await this.page.evaluate(readList, { selector: TABLE })).next;
	}

	/** Starts the export of one row; the caller waits for the download event. */
	async clickExport(rowId: string): Promise<void> {
		const button = await required(
			this.page.locator(
				`tr[data-id="${rowId}"] form.export button, tr[data-id="${rowId}"] button.export`,
			),
			`documents page: download button of row ${rowId}`,
		);
		await button.click();
	}
}
