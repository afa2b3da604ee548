import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withContext } from '../../../portals/core/browser/launch';
import { NeedsBrowser } from '../../../portals/core/contract/needs-browser';
import type { Surface } from '../../../portals/core/contract/surface';
import { HttpSurface } from '../../../portals/core/http/http-surface';
import { PortalError } from '../../../portals/core/outcomes/errors';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { credentials, startDemo } from '../../helpers/demo';

/**
 * The HTTP engine against the demo portal: the classic layout works without a browser (login
 * with its CSRF token, list pages, sub-accounts, pager, downloads), the single-page app layout
 * asks for the browser, and nothing is ever sent outside the portal.
 */
const anna = credentials('anna@example.test');
const LOGGED_IN = "a[href='/logout']";

/** A list page's rows as a definition reads them: the same function runs in the browser. */
function readRows(rows: string) {
	return Array.from(document.querySelectorAll(rows)).map((row) => {
		const cells = Array.from(row.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim());
		const link = row.querySelector('a.download')?.getAttribute('href');
		return {
			number: cells[1],
			type: cells[2],
			pdf: link ? new URL(link, document.baseURI).href : undefined,
		};
	});
}

const ROWS = 'table#documents tbody tr[data-id]';

/** The demo's documents of one customer number, newest first, as its list pages show them. */
function listed(demo: DemoPortal, accountId: string): string[] {
	return demo.state.documents
		.filter((d) => d.login === anna.username && d.accountId === accountId)
		.sort((a, b) => b.issueDate.localeCompare(a.issueDate))
		.map((d) => d.number);
}

async function logIn(demo: DemoPortal): Promise<HttpSurface> {
	const surface = new HttpSurface([demo.url]);
	await surface.open(`${demo.url}/login`);
	await surface.fill('#username', anna.username, 'the e-mail field');
	await surface.fill('#password', anna.password, 'the password field');
	await surface.press(
		'button[type=submit]',
		'the log-in button',
		async () => (await surface.count(LOGGED_IN)) > 0,
	);
	return surface;
}

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});

test('logs in on the classic layout: the hidden CSRF token goes along with the typed fields', async () => {
	const surface = await logIn(demo);
	expect(surface.url()).toBe(`${demo.url}/dashboard`);
	expect(await surface.count(LOGGED_IN)).toBe(1);
	// A typed password stays out of the page a reader or a debug dump sees.
	expect(await surface.evaluate(() => document.documentElement.outerHTML, undefined)).not.toContain(
		anna.password,
	);

	// A wrong password: the portal answers with its form again (no scripts there, so no browser needed).
	const wrong = new HttpSurface([demo.url]);
	await wrong.open(`${demo.url}/login`);
	await wrong.fill('#username', anna.username, 'the e-mail field');
	await wrong.fill('#password', 'not-the-password', 'the password field');
	await wrong.press('button[type=submit]', 'the log-in button', async () => false);
	expect(await wrong.count(LOGGED_IN)).toBe(0);
	expect(
		await wrong.evaluate(() => document.querySelector('[role=alert]')?.textContent, undefined),
	).toBe('The e-mail address or password is incorrect.');
});

test('reads list pages, switches the sub-account and follows the pager', async () => {
	const surface = await logIn(demo);
	await surface.open(`${demo.url}/invoices`);
	const first = await surface.evaluate(readRows, ROWS);
	expect(first.map((r) => r.number)).toEqual(listed(demo, 'CUST-1001').slice(0, 10));
	expect(first[0].pdf).toMatch(new RegExp(`^${demo.url}/invoices/\\d+/download$`));

	// The <select onchange="this.form.submit()"> is a POST to /account/switch (with its CSRF field).
	await surface.choose('select#account', 'CUST-1002', 'the customer number');
	expect(surface.url()).toBe(`${demo.url}/invoices`);
	const switched = await surface.evaluate(readRows, ROWS);
	expect(switched.map((r) => r.number)).toEqual(listed(demo, 'CUST-1002').slice(0, 10));

	await surface.press(
		'a[rel=next]',
		'the next page link',
		async () => (await surface.count(ROWS)) > 0,
	);
	expect(surface.url()).toBe(`${demo.url}/invoices?page=2`);
	expect((await surface.evaluate(readRows, ROWS)).map((r) => r.number)).toEqual(
		listed(demo, 'CUST-1002').slice(10),
	);
	expect(await surface.count('a[rel=next]')).toBe(0);
});

test('downloads PDFs by link and by export form, within the size cap', async () => {
	const surface = await logIn(demo);
	await surface.open(`${demo.url}/invoices`);
	const rows = await surface.evaluate(readRows, ROWS);
	const file = await surface.fetchFile(rows[0].pdf!, 1_000_000);
	expect(file.body.subarray(0, 5).toString()).toBe('%PDF-');
	expect(file.contentType).toBe('application/pdf');
	expect(file.suggestedName).toBe(`${rows[0].number}.pdf`);

	await expect(surface.fetchFile(rows[0].pdf!, 100)).rejects.toMatchObject({
		code: 'INVALID_FILE',
	});

	// A statement has no link: its Download button posts an export form (with the CSRF field).
	const statement = rows.findIndex((r) => r.type === 'Statement');
	expect(statement).toBeGreaterThanOrEqual(0);
	const exported = await surface.downloadByPress(
		ROWS,
		statement,
		'.download',
		'the download button',
		1_000_000,
	);
	expect(exported.body.subarray(0, 5).toString()).toBe('%PDF-');
	expect(exported.suggestedName).toBe(`${rows[statement].number}.pdf`);
	expect(demo.state.formsReceived).toContain(
		`POST /invoices/${demo.state.documents.find((d) => d.number === rows[statement].number)!.id}/export`,
	);
});

test('a redirect to another site is refused before it is sent', async () => {
	const received: string[] = [];
	const elsewhere: Server = createServer((req, res) => {
		received.push(req.url ?? '');
		res.end('welcome');
	});
	await new Promise<void>((done) => elsewhere.listen(0, '127.0.0.1', done));
	const other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
	try {
		const surface = await logIn(demo);
		demo.state.faults.offsiteRedirect = `${other}/landing?session=abc123`;
		const error = await surface.open(`${demo.url}/dashboard`).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalError);
		expect(error).toMatchObject({
			code: 'NAVIGATION_BLOCKED',
			details: { url: `${other}/landing` },
		});
		expect((error as Error).message).not.toContain('abc123');
		expect(surface.blockedNavigation()).toBe(`${other}/landing`);
		expect(received).toEqual([]);
	} finally {
		delete demo.state.faults.offsiteRedirect;
		elsewhere.closeAllConnections();
		await new Promise((done) => elsewhere.close(done));
	}
});

test('the single-page app layout needs the browser; a plain page missing an element changed', async () => {
	// Through the interface, as a run uses it: the time limits change nothing without scripts to wait for.
	const app: Surface = new HttpSurface([demo.url]);
	await app.open(`${demo.url}/app/`);
	await expect(app.required('#user', 'the e-mail field')).rejects.toBeInstanceOf(NeedsBrowser);
	await expect(app.fill('#user', anna.username, 'the e-mail field')).rejects.toThrow(
		"the e-mail field is not in the server's HTML and the page has scripts",
	);
	await expect(app.appears('.doc-card', 5000)).rejects.toBeInstanceOf(NeedsBrowser);
	await expect(
		app.waitUntil(async () => (await app.count('.doc-card')) > 0, 5000),
	).rejects.toMatchObject({ name: 'NeedsBrowser', sent: false });
	await expect(app.more('.doc-card')).rejects.toBeInstanceOf(NeedsBrowser);

	const plain: Surface = new HttpSurface([demo.url]);
	await plain.open(`${demo.url}/login`);
	await expect(plain.required('#otp', 'the code field')).rejects.toMatchObject({
		code: 'LAYOUT_CHANGED',
		details: { missingElement: 'the code field', url: `${demo.url}/login` },
	});
	expect(await plain.appears('#otp', 5000)).toBe(false);
});

test("the portal's error answers become the browser engine's reasons", async () => {
	const surface = new HttpSurface([demo.url]);
	demo.state.faults.maintenance = true;
	try {
		await expect(surface.open(`${demo.url}/login`)).rejects.toMatchObject({
			code: 'MAINTENANCE',
		});
	} finally {
		demo.state.faults.maintenance = false;
	}
	demo.state.faults.rateLimitSeconds = 120;
	try {
		await expect(surface.open(`${demo.url}/login`)).rejects.toMatchObject({
			code: 'RATE_LIMITED',
			details: { retryAfterSeconds: 120 },
		});
	} finally {
		delete demo.state.faults.rateLimitSeconds;
	}
});

test('a session saved by the HTTP engine is still signed in when restored, in either engine', async () => {
	const surface = await logIn(demo);
	const saved = await surface.storageState();
	expect(saved.cookies.map((c) => c.name)).toContain('dt_session');

	const restored = new HttpSurface([demo.url], { storageState: saved });
	await restored.open(`${demo.url}/invoices`);
	expect(restored.url()).toBe(`${demo.url}/invoices`);
	expect(await restored.count(LOGGED_IN)).toBe(1);

	// Without it, the portal sends a visitor to its login page.
	const stranger = new HttpSurface([demo.url]);
	await stranger.open(`${demo.url}/invoices`);
	expect(stranger.url()).toBe(`${demo.url}/login?expired=1`);

	// The browser continues the HTTP engine's session, and the HTTP engine the browser's.
	const fromBrowser = await withContext(
		async (context) => {
			const page = await context.newPage();
			await page.goto(`${demo.url}/invoices`);
			expect(page.url()).toBe(`${demo.url}/invoices`);
			expect(await page.locator(LOGGED_IN).count()).toBe(1);
			return context.storageState();
		},
		{ storageState: saved },
	);
	const back = new HttpSurface([demo.url], { storageState: fromBrowser });
	await back.open(`${demo.url}/invoices`);
	expect(back.url()).toBe(`${demo.url}/invoices`);
	expect(await back.count(LOGGED_IN)).toBe(1);
});
