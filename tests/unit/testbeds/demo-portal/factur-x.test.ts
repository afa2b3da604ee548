import { readInvoiceFile, readInvoiceXml } from '../../../../portals/invoice-data';
import {
	demoTotals,
	facturXml,
	hybridPdf,
	VAT_RATE,
} from '../../../../testbeds/demo-portal/factur-x';
import { renderPdf } from '../../../../testbeds/demo-portal/pdf';
import type { DemoDocument } from '../../../../testbeds/demo-portal/seed';

const doc: DemoDocument = {
	id: '123450001',
	login: 'tom@example.test',
	accountId: 'CUST-2001',
	number: 'INV-2026-2001-0001',
	type: 'invoice',
	issueDate: '2026-10-01',
	dueDate: '2026-10-15',
	amount: 100,
	currency: 'EUR',
	title: 'Monthly invoice <October> & more',
	paid: false,
};

test('the totals add up for every amount from 15.00 to 40.00: net + 21 % VAT (to the cent) + at most a cent of rounding', () => {
	let rounded = 0;
	for (let cents = 1500; cents <= 4000; cents++) {
		const t = demoTotals(cents / 100);
		const c = (n: number) => Math.round(n * 100);
		expect(c(t.net) + c(t.vat)).toBe(c(t.grand));
		expect(c(t.grand) + c(t.rounding)).toBe(cents);
		expect(c(t.payable)).toBe(cents);
		expect(c(t.vat)).toBe(Math.round((c(t.net) * VAT_RATE) / 100));
		expect(Math.abs(c(t.rounding))).toBeLessThanOrEqual(1);
		if (t.rounding) rounded++;
	}
	// Some amounts cannot be net + rounded VAT: those need the rounding amount (BT-114).
	expect(rounded).toBeGreaterThan(0);
});

/** The first amount from 15.00 on that needs a rounding amount. */
const needsRounding = (() => {
	for (let cents = 1500; ; cents++) if (demoTotals(cents / 100).rounding) return cents / 100;
})();

test.each([100, 17.17, 199.99, needsRounding])(
	"the XML for an amount of %s reads as a valid EN 16931 invoice with the portal's facts",
	(amount) => {
		const invoice = readInvoiceXml(facturXml({ ...doc, amount }, 'Demo Telecom', 'Tom de Vries'));
		expect(invoice).toMatchObject({
			isEInvoice: true,
			number: doc.number,
			issueDate: doc.issueDate,
			dueDate: doc.dueDate,
			currency: 'EUR',
			totals: { payable: amount },
			seller: { name: 'Demo Telecom', vatId: 'NL000099998B57' },
			buyer: { name: 'Tom de Vries' },
			lines: [{ name: doc.title }],
			payment: { iban: 'NL91ABNA0417164300' },
			source: { profile: 'EN 16931', syntax: 'CII' },
			validation: { status: 'valid', findings: [] },
		});
	},
);

test('the hybrid PDF: the same bytes every time, the XML as factur-x.xml in the name tree and /AF (Alternative), the page text kept', async () => {
	const plain = renderPdf(['Demo Telecom', `Document number: ${doc.number}`]);
	const xml = facturXml(doc, 'Demo Telecom', 'Tom de Vries');
	const pdf = await hybridPdf(plain, xml);
	expect(await hybridPdf(plain, xml)).toEqual(pdf);
	const text = pdf.toString('latin1');
	expect(text.startsWith('%PDF-')).toBe(true);
	expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
	expect(text).toContain(`Document number: ${doc.number}`);
	expect(text).toMatch(/\/AF \d+ 0 R|\/AF \[/);
	expect(text).toContain('/AFRelationship /Alternative');
	expect(await readInvoiceFile(pdf)).toMatchObject({
		isEInvoice: true,
		number: doc.number,
		source: { container: 'pdf', attachmentName: 'factur-x.xml' },
		validation: { status: 'valid' },
	});
});
