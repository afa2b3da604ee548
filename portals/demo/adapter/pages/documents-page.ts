import type { Page } from 'playwright';
import { required } from '../../../core/page-tools';

export interface RawRow {
	rowId: string;
	cells: Record<string, string>;
	/** Absolute link when the row has one; statements only have an export button. */
	href?: string;
	hasExportButton: boolean;
}

/** The invoices list at /invoices: the sub-account switcher, the table, the pager. */
export class DocumentsPage {
	constructor(private readonly page: Page) {}

	static isAt(page: Page): boolean {
		return new URL(page.url()).pathname === '/invoices';
	}

	async accountIds(): Promise<{ ids: string[]; active: string }> {
		const select = await required(this.page.locator('select[name="account"]'), 'documents page: customer number switcher');
		const ids = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
		return { ids, active: await select.inputValue() };
	}

	async switchTo(accountId: string): Promise<void> {
		const select = await required(this.page.locator('select[name="account"]'), 'documents page: customer number switcher');
		await Promise.all([this.page.waitForEvent('domcontentloaded'), select.selectOption(accountId)]);
	}

	/** All rows of the current page in one round trip, keyed by column header. */
	async rows(): Promise<RawRow[]> {
		const table = await required(this.page.locator('table#documents'), 'documents page: documents table');
		return table.evaluate((el) => {
			const headers = [...el.querySelectorAll('thead th')].map((th) => (th.textContent ?? '').trim());
			return [...el.querySelectorAll('tbody tr[data-id]')].map((tr) => {
				const cells: Record<string, string> = {};
				tr.querySelectorAll('td').forEach((td, i) => {
					if (headers[i]) cells[headers[i]] = (td.textContent ?? '').trim();
				});
				const link = tr.querySelector('a.download') as HTMLAnchorElement | null;
				return { rowId: tr.getAttribute('data-id') ?? '', cells, href: link?.href, hasExportButton: !!tr.querySelector('form.export button') };
			});
		});
	}

	async headers(): Promise<string[]> {
		const table = await required(this.page.locator('table#documents'), 'documents page: documents table');
		return (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
	}

	async nextPageUrl(): Promise<string | undefined> {
		const next = this.page.locator('.pager a[rel="next"]');
		if ((await next.count()) === 0) return undefined;
		return new URL((await next.getAttribute('href'))!, this.page.url()).toString();
	}

	/** Starts the export of one row; the caller waits for the download event. */
	async clickExport(rowId: string): Promise<void> {
		const button = await required(this.page.locator(`tr[data-id="${rowId}"] form.export button`), `documents page: download button of row ${rowId}`);
		await button.click();
	}
}
