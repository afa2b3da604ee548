import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withContext } from '../../../portals/core/browser/launch';
import { readRows } from '../../../portals/definitions/page-reader';
import { toDocument } from '../../../portals/definitions/fields';
import { definitionProblems } from '../../../portals/definitions/validate';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { discoverDocuments } from '../../../portals/discovery/documents/discover-documents';
import { DiscoveryReport } from '../../../portals/discovery/report';

/**
 * A portal unlike the demo's layouts, in German: the list is one link away from the start
 * page, its rows have no data attributes (the id is in the download address), the PDF links
 * say nothing about PDF (only the server's content type does), pages are numbered (?seite=2),
 * the contract switcher is a <select name="vertrag">, and Abmelden, Vertrag kündigen, Löschen
 * and Jetzt bezahlen are plain links. Every request is recorded by the server.
 */
const DOCS = Array.from({ length: 7 }, (_, i) => ({
	id: `a${(i + 10).toString(16)}f${i}`,
	number: `RE-2026-${String(120 - i).padStart(4, '0')}`,
	date: `${String(4 + i * 4).padStart(2, '0')}.0${9 - (i % 3)}.2026`,
	type: i === 2 ? 'Gutschrift' : i === 4 ? 'Mahnung' : 'Rechnung',
	amount: `${(1234.56 + i * 10).toLocaleString('de-DE', { minimumFractionDigits: 2 })} €`,
}));
const page = (title: string, body: string) =>
	`<!doctype html><html lang="de"><head><title>${title}</title></head><body><nav><a href="/konto">Übersicht</a> <a href="/profil">Profil</a> <a href="/abmelden">Abmelden</a> <a href="mailto:hilfe@example.test">Hilfe</a> <a href="https://anderswo.example/">Partner</a></nav>${body}</body></html>`;

let server: Server;
let base: string;
const requests: string[] = [];
beforeAll(async () => {
	server = createServer((req, res) => {
		requests.push(`${req.method} ${req.url}`);
		const url = new URL(req.url ?? '/', 'http://x');
		const html = (body: string, status = 200) => {
			res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
			res.end(body);
		};
		if (url.pathname === '/konto')
			return html(
				page(
					'Mein Konto',
					'<h1>Willkommen</h1><p><a href="/rechnungen">Meine Rechnungen</a> · <a href="/vertrag/kuendigen">Vertrag kündigen</a></p>',
				),
			);
		if (url.pathname === '/profil') return html(page('Profil', '<h1>Ihre Daten</h1>'));
		if (url.pathname === '/rechnungen') {
			const seite = Number(url.searchParams.get('seite') ?? 1);
			const rows = DOCS.slice((seite - 1) * 5, seite * 5)
				.map(
					(d) =>
						`<tr><td>${d.number}</td><td>${d.date}</td><td>${d.type}</td><td>${d.amount}</td><td><a href="/rechnungen/${d.id}/datei">Herunterladen</a> <a href="/rechnungen/${d.id}/loeschen">Löschen</a> <a href="/rechnungen/${d.id}/bezahlen">Jetzt bezahlen</a></td></tr>`,
				)
				.join('');
			return html(
				page(
					'Rechnungen',
					`<h1>Ihre Rechnungen</h1><form method="get"><label>Vertrag <select name="vertrag"><option>V-1</option><option>V-2</option></select></label></form>
<table class="belege"><thead><tr><th>Rechnungsnummer</th><th>Datum</th><th>Art</th><th>Betrag</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<p class="seiten"><a href="/rechnungen?seite=1">1</a> <a href="/rechnungen?seite=2">2</a></p>`,
				),
			);
		}
		const file = url.pathname.match(/^\/rechnungen\/(\w+)\/datei$/);
		if (file) {
			res.writeHead(200, { 'content-type': 'application/pdf' });
			return res.end(req.method === 'HEAD' ? undefined : '%PDF-1.4\n%%EOF\n');
		}
		html(page('Nicht erlaubt', '<h1>Verboten</h1>'), 403);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

test('a German portal: the list one link away, ids from the download address, numbered pages, the contract switcher', async () => {
	const { documents, lines, parsed } = await withContext(async (context) => {
		const tab = await context.newPage();
		await tab.goto(`${base}/konto`);
		const report = new DiscoveryReport();
		const documents = await discoverDocuments(
			tab,
			{ startUrl: tab.url(), domains: [new URL(base).host] },
			report,
		);
		// The definition's documents part reads every row of this page with the run's own code.
		const spec = {
			name: 'Beispiel',
			slug: 'beispiel',
			version: 1,
			domains: ['beispiel.example'],
			loginUrl: 'https://beispiel.example/login',
			login: {
				steps: [{ fields: [{ selector: '#u', value: 'username' }], submit: '#s' }],
				loggedIn: { selector: 'nav' },
			},
			documents,
		} as DefinitionSpec;
		expect(definitionProblems(spec)).toEqual([]);
		const fields = { ...documents.fields, id: documents.id.field, link: documents.download.link };
		const rows = await readRows(tab, documents.rows, fields);
		return {
			documents,
			lines: report.lines(),
			parsed: rows.map((r) => toDocument(spec, r, 'V-1', tab.url())),
		};
	});
	if (process.env.SHOW_DISCOVERY) console.info(lines.join('\n'));
	expect(lines[0]).toMatch(/^✓ documents page: \/rechnungen scored \d+ against \/konto \d+/);
	expect(documents).toMatchObject({
		url: '/rechnungen',
		accounts: { select: 'select[name="vertrag"]' },
		rows: 'table.belege tbody tr',
		fields: {
			number: { selector: 'td:nth-child(1)' },
			issueDate: { selector: 'td:nth-child(2)', date: 'dd.MM.yyyy' },
			amount: { selector: 'td:nth-child(4)', amount: true, locale: 'de' },
			type: {
				selector: 'td:nth-child(3)',
				map: expect.objectContaining({
					Rechnung: 'invoice',
					Gutschrift: 'credit_note',
					Mahnung: 'reminder',
				}),
			},
		},
		id: { field: { selector: 'a[href*="/datei"]', attribute: 'href' } },
		pagination: { pageParam: 'seite' },
		download: { link: { selector: 'a[href*="/datei"]', attribute: 'href' } },
	});
	expect(parsed.map((d) => [d.id, d.number, d.issueDate, d.type, d.amount])).toEqual(
		DOCS.slice(0, 5).map((d) => [
			`V-1:${d.id}`,
			d.number,
			d.date.split('.').reverse().join('-'),
			d.type === 'Gutschrift' ? 'credit_note' : d.type === 'Mahnung' ? 'reminder' : 'invoice',
			Number(d.amount.replace(/[^\d,]/g, '').replace(',', '.')),
		]),
	);
	// Read-only: no POST, no forbidden address, nothing off the site; one probe for the PDF shape.
	expect(requests.filter((r) => !r.startsWith('GET ') && !r.startsWith('HEAD '))).toEqual([]);
	expect(requests.filter((r) => /abmelden|kuendigen|loeschen|bezahlen/.test(r))).toEqual([]);
	expect(requests.filter((r) => r.includes('/datei'))).toEqual([
		expect.stringMatching(/^HEAD \/rechnungen\/\w+\/datei$/),
	]);
});
