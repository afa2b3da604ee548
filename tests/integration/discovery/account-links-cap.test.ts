import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright';
import { withContext } from '../../../portals/core/browser/launch';
import { accountLinksOf } from '../../../portals/discovery/documents/account-links';
import { looksLikePdf } from '../../../portals/discovery/documents/links';
import { scorePage } from '../../../portals/discovery/documents/page-score';
import { snapshot } from '../../../portals/discovery/documents/snapshot';

/**
 * Confirming sub-accounts given as links opens other accounts' lists: a page of many contracts
 * (twelve here, each list showing the same files, so none confirms) must not become a crawl of
 * its own. At most three lists are opened in all, and none once the crawl's deadline has passed.
 */
const CONTRACTS = Array.from({ length: 12 }, (_, i) => `C${1000 + i}`);

const listPage = (contract: string) => `<!doctype html><html lang="en"><body>
<h1>Invoices of contract ${contract}</h1>
<ul class="contracts">${CONTRACTS.map((c) => `<li><a class="contract" href="/c/${c}/invoices">Contract ${c}</a></li>`).join('')}</ul>
<table><tbody><tr class="row"><td>Invoice 1</td><td><a href="/files/1.pdf">PDF</a></td></tr></tbody></table>
</body></html>`;

let server: Server;
let origin = '';
const opened: string[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		const list = /^\/c\/(\w+)\/invoices$/.exec(req.url ?? '');
		if (list) {
			opened.push(list[1]);
			res.setHeader('content-type', 'text/html');
			return res.end(listPage(list[1]));
		}
		res.statusCode = 404;
		return res.end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function confirm(deadline: number) {
	return withContext(async (context) => {
		const page: Page = await context.newPage();
		await page.goto(`${origin}/c/${CONTRACTS[0]}/invoices`);
		const shot = await snapshot(page, []);
		const pdfs = shot.links.filter((l) => looksLikePdf(l.href)).map((l) => l.href);
		const best = scorePage(shot, '', pdfs);
		opened.length = 0;
		const domains = [new URL(origin).host];
		const found = await accountLinksOf(page, [best], best, 'tr.row', domains, deadline);
		return { found, at: page.url() };
	});
}

test('twelve account links that never confirm: at most three other lists are opened', async () => {
	const { found, at } = await confirm(Date.now() + 60_000);
	expect(found).toBeUndefined();
	expect(opened.filter((c) => c !== CONTRACTS[0]).length).toBeLessThanOrEqual(3);
	expect(opened.filter((c) => c !== CONTRACTS[0]).length).toBeGreaterThan(0);
	expect(at).toBe(`${origin}/c/${CONTRACTS[0]}/invoices`);
}, 60_000);

test("past the crawl's deadline no other account's list is opened", async () => {
	const { found } = await confirm(Date.now() - 1);
	expect(found).toBeUndefined();
	expect(opened.filter((c) => c !== CONTRACTS[0])).toEqual([]);
}, 60_000);
