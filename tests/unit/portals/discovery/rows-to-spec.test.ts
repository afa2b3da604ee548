import { fieldsOf } from '../../../../portals/discovery/documents/columns';
import { idOf } from '../../../../portals/discovery/documents/id';
import {
	followable,
	looksLikePdf,
	urlPattern,
} from '../../../../portals/discovery/documents/links';
import { listAddress } from '../../../../portals/discovery/documents/list-address';
import type { RowsFound } from '../../../../portals/discovery/documents/rows';

const rows = (over: Partial<RowsFound> = {}): RowsFound => ({
	selector: 'table.docs tbody tr',
	count: 3,
	columns: [
		{
			selector: 'td:nth-child(1)',
			label: 'Fällig am',
			values: ['15.10.2026', '15.09.2026', '16.08.2026'],
		},
		{
			selector: 'td:nth-child(2)',
			label: 'Rechnungsdatum',
			values: ['01.10.2026', '01.09.2026', '02.08.2026'],
		},
		{ selector: 'td:nth-child(3)', label: 'Kundennummer', values: ['K-1001', 'K-1001', 'K-1002'] },
		{
			selector: 'td:nth-child(4)',
			label: 'Rechnungsnummer',
			values: ['RE-2026-0012', 'RE-2026-0011', 'GS-2026-0010'],
		},
		{ selector: 'td:nth-child(5)', label: 'Art', values: ['Rechnung', 'Rechnung', 'Gutschrift'] },
		{ selector: 'td.betrag', label: 'Betrag', values: ['1.234,56 €', '12,50 €', '-3,00 €'] },
	],
	attributes: {},
	link: {
		selector: 'a.pdf',
		hrefs: ['/docs/ab12cd/download', '/docs/ef34gh/download', '/docs/ij56kl/download'],
	},
	...over,
});

test('each column gets its meaning: the due date by its header, the account beside the number', () => {
	const byName = Object.fromEntries(fieldsOf(rows(), 'de').map((f) => [f.name, f.spec]));
	expect(byName).toEqual({
		issueDate: { selector: 'td:nth-child(2)', date: 'dd.MM.yyyy' },
		// No day of the due column starts with 0: "5.11.2026" may follow, so d, not dd.
		dueDate: { selector: 'td:nth-child(1)', date: 'd.MM.yyyy' },
		amount: { selector: 'td.betrag', amount: true, locale: 'de' },
		type: {
			selector: 'td:nth-child(5)',
			map: expect.objectContaining({
				Rechnung: 'invoice',
				Gutschrift: 'credit_note',
				Mahnung: 'reminder',
			}),
		},
		number: { selector: 'td:nth-child(4)' },
		accountId: { selector: 'td:nth-child(3)' },
	});
});

test('ids: a data attribute first, else the variable part of the link, else number and date', () => {
	expect(
		idOf(
			rows({ attributes: { 'data-row': ['1', '2', '3'], 'data-invoice-id': ['a1', 'a2', 'a3'] } }),
		).id,
	).toEqual({
		field: { attribute: 'data-invoice-id' },
	});
	const fromLink = idOf(rows()).id.field!;
	expect(fromLink).toMatchObject({ selector: 'a.pdf', attribute: 'href' });
	expect('/docs/ab12cd/download'.match(new RegExp(fromLink.regex!))?.[1]).toBe('ab12cd');
	const pdfFile = idOf(
		rows({ link: { selector: 'a', hrefs: ['/f/123.pdf', '/f/124.pdf', '/f/125.pdf?x=1'] } }),
	).id.field!;
	expect('https://p.example/f/123.pdf'.match(new RegExp(pdfFile.regex!))?.[1]).toBe('123');
	const query = idOf(
		rows({ link: { selector: 'a', hrefs: ['/get?doc=A1', '/get?doc=A2', '/get?doc=A3'] } }),
	).id.field!;
	expect('/get?doc=A2&t=1'.match(new RegExp(query.regex!))?.[1]).toBe('A2');
	expect(idOf(rows({ link: { selector: 'a', hrefs: ['/x.pdf', null, '/y.pdf'] } })).id).toEqual({
		compose: ['number', 'issueDate'],
	});
});

test('links: PDFs by address, one shape per list, only same-site pages are followed', () => {
	expect(looksLikePdf('https://p.example/get.php?file=r-12.pdf')).toBe(true);
	expect(looksLikePdf('https://p.example/invoices/12/download')).toBe(false);
	expect(urlPattern('https://p.example/invoices/12/download')).toBe(
		urlPattern('https://p.example/invoices/345/download'),
	);
	expect(urlPattern('https://p.example/eu/facturen/12.pdf')).toBe(
		'https://p.example/eu/facturen/*.pdf',
	);
	const link = (href: string, text = '') => ({ href, text, download: false, rel: '' });
	const here = 'https://p.example/home';
	expect(followable(link('https://p.example/invoices', 'Invoices'), ['p.example'], here)).toBe(
		true,
	);
	expect(followable(link('https://other.example/invoices'), ['p.example'], here)).toBe(false);
	expect(followable(link('mailto:help@p.example'), ['p.example'], here)).toBe(false);
	expect(followable(link('https://p.example/home#top'), ['p.example'], here)).toBe(false);
	expect(followable(link('https://p.example/r.pdf'), ['p.example'], here)).toBe(false);
	expect(followable(link('https://p.example/logout', 'Log out'), ['p.example'], here)).toBe(false);
	expect(followable(link('http://127.0.0.1:8080/x'), ['127.0.0.1:8080'], here)).toBe(true);
});

test('the list address keeps its filters and drops the page number', () => {
	expect(listAddress('https://p.example/invoices?page=3&year=2026')).toBe('/invoices?year=2026');
	expect(listAddress('https://p.example/app/')).toBe('/app/');
});
