import energie from '../../../../portals/definitions/demo/demo-energie.json';
import cloud from '../../../../portals/definitions/demo/demo-cloud.json';
import {
	hrefOf,
	matches,
	readRows,
	rowCount,
	rowForms,
	selectOptions,
	textOf,
} from '../../../../portals/definitions/page-reader';
import { toDocument, toDocuments } from '../../../../portals/definitions/fields';
import { throwIfNoFile } from '../../../../portals/definitions/no-file';
import type { DefinitionSpec } from '../../../../portals/definitions/spec';
import { parsePage, readablePage } from '../../../../portals/core/http/html-page';
import type { Readable } from '../../../../portals/core/contract/surface';
import { domPage } from '../../../helpers/dom-page';

/**
 * The definition reader without a browser: page-reader.ts's evaluate functions run against a
 * jsdom document, and fields.ts turns what they read into documents, as the generic adapter does.
 */
const energieSpec = energie as unknown as DefinitionSpec;
const cloudSpec = cloud as unknown as DefinitionSpec;

const ENERGIE_URL = 'https://demo-energie.example/eu/facturen?pagina=2';
const energiePage = `<!DOCTYPE html><html><body>
<select id="contract"><option value="C-100">Contract C-100 (Utrecht)</option><option value="C-200" selected> Contract C-200 (Gouda) </option></select>
<table class="facturen"><thead><tr><th>Nummer</th></tr></thead><tbody>
  <tr data-factuur-id="f-9"><td class="nummer"> 2026-0042 </td><td class="datum">01-03-2026</td><td class="bedrag">€ 1.234,56</td><td class="soort">Factuur</td><td><a class="pdf" href="download/f-9.pdf">PDF</a></td></tr>
  <tr data-factuur-id="f-8"><td class="nummer">2026-0041</td><td class="datum">15-02-2026</td><td class="bedrag">€ -12,50</td><td class="soort">creditnota</td><td><a class="pdf" href="/eu/download/f-8.pdf">PDF</a></td></tr>
  <tr data-factuur-id="f-7"><td class="nummer">2026-0040</td><td class="datum">31-01-2026</td><td class="bedrag">€ 80,00</td><td class="soort">Aanmaning</td><td><a class="pdf" href="https://files.demo-energie.example/f-7.pdf">PDF</a></td></tr>
</tbody></table>
<a rel="next" href="?pagina=3">Volgende</a>
<p class="melding fout">  Onjuist wachtwoord  </p><p class="leeg"> </p>
</body></html>`;

function energieRows(html = energiePage) {
	const fields = {
		...energieSpec.documents.fields,
		id: energieSpec.documents.id.field,
		link: energieSpec.documents.download.link,
	};
	return readRows(domPage(html, ENERGIE_URL), energieSpec.documents.rows, fields);
}

test('a Dutch invoice table reads as documents: dates, amounts in Dutch notation, type words, ids and links', async () => {
	const rows = await energieRows();
	expect(rows[0]).toEqual({
		index: 0,
		values: {
			number: '2026-0042',
			issueDate: '01-03-2026',
			amount: '€ 1.234,56',
			type: 'Factuur',
			id: 'f-9',
			link: 'download/f-9.pdf',
		},
	});
	const docs = rows.map((row) => toDocument(energieSpec, row, 'C-200', ENERGIE_URL));
	expect(docs).toEqual([
		{
			id: 'C-200:f-9',
			accountId: 'C-200',
			number: '2026-0042',
			type: 'invoice',
			issueDate: '2026-03-01',
			dueDate: undefined,
			amount: 1234.56,
			currency: 'EUR',
			title: undefined,
			downloadUrl: 'https://demo-energie.example/eu/download/f-9.pdf',
		},
		// The type map is case-insensitive; a credit note's amount stays negative.
		expect.objectContaining({
			id: 'C-200:f-8',
			type: 'credit_note',
			issueDate: '2026-02-15',
			amount: -12.5,
			downloadUrl: 'https://demo-energie.example/eu/download/f-8.pdf',
		}),
		// A word the map does not know is 'other', not dropped and not an invoice.
		expect.objectContaining({
			id: 'C-200:f-7',
			type: 'other',
			issueDate: '2026-01-31',
			amount: 80,
			downloadUrl: 'https://files.demo-energie.example/f-7.pdf',
		}),
	]);
});

test('an English card feed reads with its own date format, notation, currency sign and account per row', async () => {
	const url = 'https://demo-cloud.example/app/';
	const html = `<div id="feed">
		<div class="doc-card" data-doc-id="d-1"><span class="doc-no">CL-7</span><span class="doc-date">Mar 5, 2026</span><span class="doc-total">$1,234.56</span>
			<span class="doc-kind">Credit memo</span><span class="doc-account">ACME-EU</span><a class="doc-pdf" href="/files/d-1">PDF</a></div>
	</div>`;
	const fields = {
		...cloudSpec.documents.fields,
		id: cloudSpec.documents.id.field,
		link: cloudSpec.documents.download.link,
	};
	const [row] = await readRows(domPage(html, url), cloudSpec.documents.rows, fields);
	expect(toDocument(cloudSpec, row, '', url)).toMatchObject({
		id: 'ACME-EU:d-1',
		accountId: 'ACME-EU',
		number: 'CL-7',
		issueDate: '2026-03-05',
		amount: 1234.56,
		currency: 'USD',
		type: 'credit_note',
		downloadUrl: 'https://demo-cloud.example/files/d-1',
	});
});

test('a row the definition cannot read is LAYOUT_CHANGED naming the field and what was found', async () => {
	const broken = energiePage
		.replace('<td class="nummer">2026-0041</td>', '<td class="nr">2026-0041</td>')
		.replace('31-01-2026', '2026/01/31')
		.replace('€ 80,00', 'n.v.t.');
	const rows = await energieRows(broken);
	expect(() => toDocument(energieSpec, rows[1], 'C-200', ENERGIE_URL)).toThrow(
		expect.objectContaining({
			code: 'LAYOUT_CHANGED',
			message: expect.stringMatching(/row 2 has no document number/),
		}),
	);
	expect(() => toDocument(energieSpec, rows[2], 'C-200', ENERGIE_URL)).toThrow(
		expect.objectContaining({
			code: 'LAYOUT_CHANGED',
			message: expect.stringContaining(
				'"2026/01/31" in row 3 is not a date in the format dd-MM-yyyy',
			),
		}),
	);
	const noDate = await energieRows(
		energiePage.replace('<td class="datum">31-01-2026</td>', '').replace('€ 80,00', 'n.v.t.'),
	);
	expect(() => toDocument(energieSpec, noDate[2], 'C-200', ENERGIE_URL)).toThrow(
		expect.objectContaining({
			code: 'LAYOUT_CHANGED',
			message: expect.stringMatching(/row 3 has no issue date/),
		}),
	);
	const noAmount = await energieRows(energiePage.replace('€ 80,00', 'n.v.t.'));
	expect(() => toDocument(energieSpec, noAmount[2], 'C-200', ENERGIE_URL)).toThrow(
		expect.objectContaining({
			code: 'LAYOUT_CHANGED',
			message: expect.stringContaining('"n.v.t." in row 3 is not an amount'),
		}),
	);
	const noLink = await energieRows(
		energiePage.replace('<a class="pdf" href="download/f-9.pdf">PDF</a>', ''),
	);
	// One row without its link (a PDF not ready yet) is that document's failure, at its download.
	const [first, ...others] = toDocuments(energieSpec, noLink, 'C-200', ENERGIE_URL);
	expect(first.downloadUrl).toBeUndefined();
	expect(() => throwIfNoFile(first)).toThrow(
		expect.objectContaining({
			code: 'DOWNLOAD_FAILED',
			message: expect.stringContaining('row 1 has no download link'),
		}),
	);
	for (const doc of others) expect(() => throwIfNoFile(doc)).not.toThrow();
	// No row with its link: the page changed.
	expect(() => toDocuments(energieSpec, [noLink[0]], 'C-200', ENERGIE_URL)).toThrow(
		expect.objectContaining({
			code: 'LAYOUT_CHANGED',
			details: expect.objectContaining({ missingElement: 'documents.download.link' }),
		}),
	);
});

test('a composed id is stable across runs and tells documents apart; a regex picks a value out of a text', async () => {
	const spec: DefinitionSpec = {
		...energieSpec,
		documents: {
			...energieSpec.documents,
			fields: {
				...energieSpec.documents.fields,
				number: { selector: 'td.nummer', regex: 'Factuur\\s+(\\S+)' },
			},
			id: { compose: ['number', 'issueDate', 'amount'] },
		},
	};
	const html = (number: string, amount: string) =>
		energiePage.replace(' 2026-0042 ', `Factuur ${number} (betaald)`).replace('€ 1.234,56', amount);
	const read = async (page: string) => {
		const [row] = await readRows(domPage(page, ENERGIE_URL), spec.documents.rows, {
			...spec.documents.fields,
			link: spec.documents.download.link,
		});
		return toDocument(spec, row, 'C-200', ENERGIE_URL);
	};
	const first = await read(html('2026-0042', '€ 10,00'));
	expect(first.number).toBe('2026-0042');
	expect(first.id).toMatch(/^C-200:[0-9a-f]{24}$/);
	expect((await read(html('2026-0042', '€ 10,00'))).id).toBe(first.id);
	expect((await read(html('2026-0042', '€ 10,01'))).id).not.toBe(first.id);
	expect((await read(html('2026-0043', '€ 10,00'))).id).not.toBe(first.id);
});

test('detect rules: an element, an element with a text (any case), an address', async () => {
	const page = domPage(energiePage, ENERGIE_URL);
	expect(await matches(page, { selector: 'table.facturen' })).toBe(true);
	expect(await matches(page, { selector: 'table.rekeningen' })).toBe(false);
	expect(await matches(page, { selector: 'p.melding', text: 'ONJUIST' })).toBe(true);
	expect(await matches(page, { selector: 'p.melding', text: 'geblokkeerd' })).toBe(false);
	expect(await matches(page, { urlContains: '/eu/facturen' })).toBe(true);
	expect(await matches(page, { urlContains: '/eu/login', selector: 'table.facturen' })).toBe(false);
	expect(await matches(page, {})).toBe(true);
});

test('texts, links, row counts and the sub-account list', async () => {
	const page = domPage(energiePage, ENERGIE_URL);
	expect(await textOf(page, 'p.melding.fout')).toBe('Onjuist wachtwoord');
	expect(await textOf(page, 'p.leeg')).toBeUndefined();
	expect(await textOf(page, 'p.nergens')).toBeUndefined();
	expect(await hrefOf(page, 'a[rel=next]')).toBe(
		'https://demo-energie.example/eu/facturen?pagina=3',
	);
	expect(await hrefOf(page, 'a[rel=prev]')).toBeUndefined();
	expect(await rowCount(page, energieSpec.documents.rows)).toBe(3);
	expect(await selectOptions(page, 'select#contract')).toEqual([
		{ value: 'C-100', label: 'Contract C-100 (Utrecht)', selected: false },
		{ value: 'C-200', label: 'Contract C-200 (Gouda)', selected: true },
	]);
	expect(await selectOptions(page, 'select#klant')).toEqual([]);
});

test('a sub-account list without value or selected attributes reads as a browser shows it, parsed in Node too', async () => {
	const html = `<!DOCTYPE html><html><body>
<select id="klant"><option disabled>Kies</option><option>  Klant   A-1 </option><option value="B-2">Klant B-2</option></select>
<select id="twee"><option selected>Een</option><option selected>Twee</option></select>
</body></html>`;
	const url = 'https://demo-energie.example/eu/facturen';
	// In jsdom (close to a browser) and in linkedom (the HTTP engine's parser).
	const parsed = readablePage(parsePage(html, url));
	for (const page of [domPage(html, url), parsed]) {
		// The text is the value where there is no value attribute; the first option not disabled is shown.
		expect(await selectOptions(page, 'select#klant')).toEqual([
			{ value: 'Kies', label: 'Kies', selected: false },
			{ value: 'Klant A-1', label: 'Klant A-1', selected: true },
			{ value: 'B-2', label: 'Klant B-2', selected: false },
		]);
		// Of two options marked selected, a single select shows the last.
		expect((await selectOptions(page, 'select#twee')).map((o) => o.selected)).toEqual([
			false,
			true,
		]);
	}
});

test('a field with a fixed value is not read from the page', async () => {
	const [row] = await energieRows();
	// demo-energie gives the currency as a fixed value: nothing is read for it.
	expect(row.values).not.toHaveProperty('currency');
	expect(toDocument(energieSpec, row, 'C-200', ENERGIE_URL).currency).toBe('EUR');
});

/** The HTTP engine's view of a page: linkedom, with `document` set while the reader runs. */
function linkedomPage(html: string, url: string): Readable {
	const { document } = parsePage(html, url);
	const global = globalThis as { document?: unknown };
	return {
		url: () => url,
		async evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R> {
			const before = global.document;
			global.document = document;
			try {
				return fn(arg);
			} finally {
				global.document = before;
			}
		},
	};
}

describe.each([
	['jsdom (as in the browser)', domPage],
	['linkedom (the HTTP engine)', linkedomPage],
])('rowForms on %s', (_, pageOf) => {
	const URL_ = 'https://portal.example/invoices?page=2';
	const csrf = '<input type="hidden" name="csrf" value="t0k">';
	const row = (cell: string) => `<tr><td>${cell}</td></tr>`;
	const page = (rows: string[], extra = '') =>
		`<!DOCTYPE html><html><body><table><tbody>${rows.join('')}</tbody></table>${extra}</body></html>`;

	test('a plain export form becomes its request; anything a script or a choice could change stays a press', async () => {
		const html = page(
			[
				// POST with a CSRF field and the pressed button's own name and value.
				row(
					`<form method="post" action="/invoices/7/export">${csrf}<button class="download" name="as" value="pdf">Download</button></form>`,
				),
				// GET: the fields go into the address.
				row(
					`<form action="export"><input name="id" value="8"><input type="submit" class="download"></form>`,
				),
				row('<a class="download" href="/invoices/9/download">PDF</a>'),
				row(
					'<button type="button" class="download" data-export="/invoices/10/export">Download</button>',
				),
				row(
					`<form method="post" action="/x" onsubmit="return sign(this)">${csrf}<button class="download">Download</button></form>`,
				),
				row(
					`<form method="post" action="/x">${csrf}<select name="format"><option>pdf</option></select><button class="download">Download</button></form>`,
				),
				row(
					`<form method="post" action="/x" enctype="multipart/form-data">${csrf}<button class="download">Download</button></form>`,
				),
				row(
					`<form method="post" action="/x">${csrf}<button class="download" formaction="/y">Download</button></form>`,
				),
				row(
					`<form method="post" action="/x" id="f9">${csrf}<button class="download">Download</button></form>`,
				),
				row(`<form method="post">${csrf}<button class="download">Download</button></form>`),
				row('<span>no download here</span>'),
			],
			'<input form="f9" name="extra" value="1">',
		);
		const { scripted, forms } = await rowForms(pageOf(html, URL_), 'tbody tr', '.download');
		expect(scripted).toBe(false);
		expect(forms).toEqual([
			{ url: 'https://portal.example/invoices/7/export', fields: { csrf: 't0k', as: 'pdf' } },
			{ url: 'https://portal.example/export?id=8' },
			null, // a link: documents.download.link reads those
			null, // a button without a form: only a script can act on it
			null, // onsubmit
			null, // a choice in the form
			null, // multipart
			null, // formaction
			null, // a field outside the form belongs to it (form="f9")
			null, // no action: the page itself
			null,
		]);
	});

	test('a page that runs scripts says so (a browser press may be handled by them)', async () => {
		const form = row(
			`<form method="post" action="/invoices/7/export">${csrf}<button class="download">Download</button></form>`,
		);
		const read = (extra: string) =>
			rowForms(pageOf(page([form], extra), URL_), 'tbody tr', '.download');
		expect((await read('<script>document.title = "x"</script>')).scripted).toBe(true);
		expect((await read('<script src="/app.js"></script>')).scripted).toBe(true);
		expect((await read('<script type="application/json">{"a":1}</script>')).scripted).toBe(false);
		expect((await read('<script>document.title = "x"</script>')).forms).toHaveLength(1);
	});
});
