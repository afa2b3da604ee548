import { readInvoiceFile } from '../../../../portals/invoice-data';
import { PdfTextError, readPdfText } from '../../../../portals/invoice-data/plain-pdf/pdf-text';
import { invoiceLines, plainPdf, scannedPdf } from './plain-pdf';

/** The same invoice (number, dates, totals) written in each of the six languages. */
const LANGUAGES = {
	en: {
		title: 'INVOICE',
		number: 'Invoice number: INV-2026-0042',
		date: 'Invoice date: 3 March 2026',
		due: 'Due date: 02/04/2026',
		net: 'Total excl. VAT: 1,000.00',
		vat: 'VAT 19%: 190.00',
		gross: 'Total incl. VAT: EUR 1,190.00',
		seller: 'Acme Ltd',
	},
	de: {
		title: 'RECHNUNG',
		number: 'Rechnungsnummer: INV-2026-0042',
		date: 'Rechnungsdatum: 03.03.2026',
		due: 'Fällig am: 02.04.2026',
		net: 'Nettobetrag: 1.000,00 €',
		vat: 'USt. 19%: 190,00 €',
		gross: 'Gesamtbetrag: 1.190,00 €',
		seller: 'Acme GmbH',
	},
	fr: {
		title: 'FACTURE',
		number: 'Facture n° INV-2026-0042',
		date: 'Date de facture : 3 mars 2026',
		due: "Date d'échéance : 02/04/2026",
		net: 'Total HT : 1 000,00 €',
		vat: 'TVA 20 % : 190,00 €',
		gross: 'Total TTC : 1 190,00 €',
		seller: 'Acme SARL',
	},
	nl: {
		title: 'FACTUUR',
		number: 'Factuurnummer: INV-2026-0042',
		date: 'Factuurdatum: 3 maart 2026',
		due: 'Vervaldatum: 02-04-2026',
		net: 'Totaal excl. btw: € 1.000,00',
		vat: 'BTW 21%: € 190,00',
		gross: 'Totaal incl. btw: € 1.190,00',
		seller: 'Acme B.V.',
	},
	es: {
		title: 'FACTURA',
		number: 'Número de factura: INV-2026-0042',
		date: 'Fecha de factura: 3 de marzo de 2026',
		due: 'Vencimiento: 02/04/2026',
		net: 'Base imponible: 1.000,00 €',
		vat: 'IVA 21%: 190,00 €',
		gross: 'Total factura: 1.190,00 €',
		seller: 'Acme S.L.',
	},
	it: {
		title: 'FATTURA',
		number: 'Fattura n. INV-2026-0042',
		date: 'Data fattura: 03/03/2026',
		due: 'Scadenza: 02/04/2026',
		net: 'Imponibile: 1.000,00 €',
		vat: 'IVA 22%: 190,00 €',
		gross: 'Totale documento: 1.190,00 €',
		seller: 'Acme S.r.l.',
	},
};

test.each(Object.entries(LANGUAGES))(
	'a plain invoice in %s is recognised: number, dates, totals, currency, IBAN, seller',
	async (lang, words) => {
		const result = await readInvoiceFile(await plainPdf(invoiceLines(words)));
		expect(result.isEInvoice).toBe(false);
		if (result.isEInvoice) return;
		expect(result.error.code).toBe('no-embedded-invoice');
		expect(result.text).toMatchObject({ status: 'read', pages: 1, pagesRead: 1 });
		const r = result.recognized!;
		expect(r.languages[0]).toBe(lang);
		expect(r.number).toMatchObject({ value: 'INV-2026-0042' });
		expect(r.number!.source).toContain('INV-2026-0042');
		expect(r.issueDate?.value).toBe('2026-03-03');
		expect(r.dueDate?.value).toBe('2026-04-02');
		// Net + VAT = gross: the three confirm each other.
		expect(r.totals.gross).toMatchObject({ value: 1190, confidence: 0.95 });
		expect(r.totals.net).toMatchObject({ value: 1000, confidence: 0.95 });
		expect(r.totals.vat).toMatchObject({ value: 190, confidence: 0.95 });
		expect(r.currency?.value).toBe('EUR');
		expect(r.iban).toMatchObject({ value: 'DE89370400440532013000' });
		expect(r.seller.vatId?.value).toBe('DE123456789');
		expect(r.seller.name?.value).toBe(words.seller);
		for (const field of [r.number, r.issueDate, r.iban, r.seller.name]) {
			expect(field!.confidence).toBeGreaterThan(0);
			expect(field!.confidence).toBeLessThanOrEqual(1);
		}
	},
);

test('an IBAN whose checksum is wrong is not taken', async () => {
	const lines = invoiceLines(LANGUAGES.en).map(
		([text, x, y]) => [text.replace('DE89 3704', 'DE88 3704'), x, y] as [string, number, number],
	);
	const result = await readInvoiceFile(await plainPdf(lines));
	expect(!result.isEInvoice && result.recognized?.iban).toBeUndefined();
});

test('totals that do not add up are given, but not with high confidence', async () => {
	const words = { ...LANGUAGES.en, gross: 'Total incl. VAT: EUR 1,200.00' };
	const result = await readInvoiceFile(await plainPdf(invoiceLines(words)));
	const gross = !result.isEInvoice ? result.recognized?.totals.gross : undefined;
	expect(gross?.value).toBe(1200);
	expect(gross!.confidence).toBeLessThan(0.8);
});

test('a scan (no text layer) says so and recognises nothing', async () => {
	const result = await readInvoiceFile(await scannedPdf());
	expect(result.isEInvoice).toBe(false);
	if (result.isEInvoice) return;
	expect(result.error.code).toBe('no-embedded-invoice');
	expect(result.text).toMatchObject({ status: 'no-text-layer', pages: 1 });
	expect(result.recognized).toBeUndefined();
});

test('a damaged PDF is that file’s error, and the next file is read', async () => {
	const damaged = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
	const result = await readInvoiceFile(damaged);
	expect(result.isEInvoice).toBe(false);
	const next = await readInvoiceFile(await plainPdf(invoiceLines(LANGUAGES.de)));
	expect(!next.isEInvoice && next.recognized?.number?.value).toBe('INV-2026-0042');
});

test('a PDF whose text takes too long ends its reader thread; the next file gets a new one', async () => {
	const body = await plainPdf(invoiceLines(LANGUAGES.fr));
	await expect(readPdfText(body, 1)).rejects.toThrow(PdfTextError);
	await expect(readPdfText(body, 1)).rejects.toMatchObject({ code: 'timeout' });
	const text = await readPdfText(body);
	expect(text.pages[0].items.map((i) => i.s).join(' ')).toContain('INV-2026-0042');
});
