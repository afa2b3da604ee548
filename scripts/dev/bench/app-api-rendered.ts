import { chromium, type Browser, type Page } from 'playwright';
import { findBrowser } from '../../../portals/core/browser/finder';
import { needsNoSandbox } from '../../../portals/core/browser/launch';
import { codeAt, parseTotpSecret } from '../../../portals/core/login/totp';

/**
 * The old way for an app: Playwright renders the /spa/ app's list, page after page ("Older
 * invoices"), and reads the rows from the DOM. The rows hold no file address (only the app's
 * JSON does), so each file comes as the page gives it: its row's Download button (the app's
 * fetch), one press after another, as the engine presses a row's download button. (Four presses
 * at once were tried: Chromium answered 17 of a page's 20 fetches, then none, and the script
 * waited for ever.) Signing in and listing use no concurrency in the floor either. Same documents, same
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
	// Files are read from the app's fetch (downloadRows), not from the browser's downloads.
	const page = await browser.newPage({ acceptDownloads: false });
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

/**
 * Presses each row's Download button in turn; the bytes of every file. The file is read where the
 * app hands it on, as the blob it links to (URL.createObjectURL, watched in the page): the first
 * contract's blob is made from the item's base64, the other's fetched from the signed address.
 * (Download events stopped coming after a few in a first try: Chromium limits downloads a page
 * starts outside a user's gesture, as we read it.)
 */
async function downloadRows(page: Page, rows: Row[]): Promise<number> {
	let bytes = 0;
	for (const row of rows) {
		const before = await page.evaluate(() => (window as unknown as Watched).__blobs.length);
		await page.locator(`tr.invoice[data-id="${row.id}"] button.download`).click();
		const size = await page.waitForFunction(
			(n) => (window as unknown as Watched).__blobs[n],
			before,
		);
		bytes += (await size.jsonValue()) as number;
	}
	return bytes;
}

interface Watched {
	__blobs: number[];
}

/** Watches the blobs the app makes (their sizes): where its files end up. */
const watchBlobs = (page: Page) =>
	page.evaluate(() => {
		const w = window as unknown as Watched;
		w.__blobs = [];
		const made = URL.createObjectURL.bind(URL);
		URL.createObjectURL = (blob: Blob | MediaSource) => {
			w.__blobs.push((blob as Blob).size);
			return made(blob);
		};
	});

/** Every list page of the contract shown: its rows read and their files downloaded. */
async function renderContract(page: Page): Promise<{ files: number; bytes: number }> {
	let files = 0;
	let bytes = 0;
	for (;;) {
		await page.waitForSelector('tr.invoice');
		const rows = await readRows(page);
		if (rows.some((r) => r.cells.length < 5)) throw new Error('rendered: a row without cells');
		bytes += await downloadRows(page, rows);
		files += rows.length;
		const older = page.locator('button.older');
		if ((await older.count()) === 0) return { files, bytes };
		await older.click();
		// The app replaces the rows once the next page's JSON is in.
		await page.waitForFunction(
			(first) => document.querySelector<HTMLElement>('tr.invoice')?.dataset.id !== first,
			rows[0].id,
		);
	}
}

/** Renders every list page, reads its rows and downloads their files; then closes the browser. */
export async function renderedFetchAll(session: {
	browser: Browser;
	page: Page;
}): Promise<{ files: number; bytes: number }> {
	const { browser, page } = session;
	try {
		await watchBlobs(page);
		let files = 0;
		let bytes = 0;
		// Each contract by its link, as a person switches them. The app draws the links after its
		// accounts call, which ends after the sign-out button is drawn (where renderedSignIn stops
		// waiting): read them before they exist and there is nothing to render, as one CI run saw.
		await page.waitForSelector('a.contract');
		const contracts = await page
			.locator('a.contract')
			.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
		for (const [i, href] of contracts.entries()) {
			if (i > 0) {
				const shown = await page.locator('tr.invoice').first().getAttribute('data-id');
				await page.click(`a.contract[href="${href}"]`);
				await page.waitForFunction(
					(first) => document.querySelector<HTMLElement>('tr.invoice')?.dataset.id !== first,
					shown,
				);
			}
			const one = await renderContract(page);
			files += one.files;
			bytes += one.bytes;
		}
		return { files, bytes };
	} finally {
		await browser.close();
	}
}
