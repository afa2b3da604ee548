import { chromium, type Browser, type Page } from 'playwright';
import { findBrowser } from '../../../portals/core/browser/finder';
import { needsNoSandbox } from '../../../portals/core/browser/launch';
import { codeAt, parseTotpSecret } from '../../../portals/core/login/totp';

/**
 * The old way for an app: Playwright renders the /spa/ app's list, page after page ("Older
 * invoices"), and reads the rows from the DOM. The rows hold no file address (only the app's
 * JSON does), so each file comes as the page gives it: its row's Download button (the app's
 * fetch + blob), four presses at a time, the engine's download concurrency. Same documents, same
 * files as the floor and ours.
 */
export async function renderedSignIn(
	base: string,
	login: string,
	password: string,
	secret: string,
): Promise<{ browser: Browser; page: Page }> {
	const location = findBrowser();
	if (location.kind !== 'executable') throw new Error('rendered: set a local Chromium');
	const browser = await chromium.launch({
		executablePath: location.path,
		args: needsNoSandbox() ? ['--no-sandbox'] : [],
	});
	const page = await browser.newPage({ acceptDownloads: true });
	page.setDefaultTimeout(60_000);
	await page.goto(`${base}/spa/login`);
	await page.fill('#email', login);
	await page.fill('#password', password);
	await page.click('#login');
	await page.waitForSelector('#totp');
	// A code typed at its window's end can arrive late: the next one, once.
	for (let attempt = 0; attempt < 2; attempt++) {
		await page.fill('#totp', codeAt(parseTotpSecret(secret), Date.now()));
		await page.click('#confirm');
		const landed = await page
			.waitForSelector('.sign-out', { timeout: 10_000 })
			.then(() => true)
			.catch(() => false);
		if (landed) return { browser, page };
	}
	await browser.close();
	throw new Error('rendered: the /spa/ sign-in failed');
}

interface Row {
	id: string;
	cells: string[];
}

/** The rows the app drew: what a definition reading rendered cards would read. */
const readRows = (page: Page): Promise<Row[]> =>
	page.locator('tr.invoice').evaluateAll((rows) =>
		rows.map((tr) => ({
			id: (tr as HTMLElement).dataset.id ?? '',
			cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
		})),
	);

/** Presses each row's Download button, `concurrency` at a time; the bytes of every file. */
async function downloadRows(page: Page, rows: Row[], concurrency: number): Promise<number> {
	let bytes = 0;
	let next = 0;
	const one = async (row: Row) => {
		// The app names the file after the number (the row's second cell).
		const name = `${row.cells[1]}.pdf`;
		const [download] = await Promise.all([
			page.waitForEvent('download', { predicate: (d) => d.suggestedFilename() === name }),
			page.locator(`tr.invoice[data-id="${row.id}"] button.download`).click(),
		]);
		for await (const chunk of await download.createReadStream()) bytes += (chunk as Buffer).length;
	};
	await Promise.all(
		Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
			while (next < rows.length) await one(rows[next++]);
		}),
	);
	return bytes;
}

/** Renders every list page, reads its rows and downloads their files; then closes the browser. */
export async function renderedFetchAll(
	session: { browser: Browser; page: Page },
	concurrency: number,
): Promise<{ files: number; bytes: number }> {
	const { browser, page } = session;
	try {
		let files = 0;
		let bytes = 0;
		for (;;) {
			await page.waitForSelector('tr.invoice');
			const rows = await readRows(page);
			if (rows.some((r) => r.cells.length < 5)) throw new Error('rendered: a row without cells');
			bytes += await downloadRows(page, rows, concurrency);
			files += rows.length;
			const older = page.locator('button.older');
			if ((await older.count()) === 0) break;
			await older.click();
			// The app replaces the rows once the next page's JSON is in.
			await page.waitForFunction(
				(first) => document.querySelector<HTMLElement>('tr.invoice')?.dataset.id !== first,
				rows[0].id,
			);
		}
		return { files, bytes };
	} finally {
		await browser.close();
	}
}
