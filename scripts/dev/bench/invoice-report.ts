import type { InvoiceDataResult, InvoiceGroupName } from './invoice-data';

/** The targets of issue #34 (section 8), checked against the medians per file. */
export function invoiceTargets(s: InvoiceDataResult): { target: string; met: boolean }[] {
	const { hybrid_pdf, xml } = s.groups;
	// A group with no file has no median: the target is not met, not vacuously true.
	return [
		{
			target: 'median ≤ 50 ms per hybrid PDF',
			met: hybrid_pdf.files > 0 && hybrid_pdf.median_ms <= 50,
		},
		{ target: 'median ≤ 20 ms per XML', met: xml.files > 0 && xml.median_ms <= 20 },
	];
}

const LABEL: Record<InvoiceGroupName, string> = {
	hybrid_pdf: 'hybrid PDF',
	xml: 'XML',
	plain_pdf: 'plain PDF',
	pdf_as_plain: 'any PDF read as plain (text, XML ignored)',
};

/** The invoice_data table: one row per kind of file. */
export function printInvoiceData(s: InvoiceDataResult): void {
	const header = ['invoice_data', 'files', 'e-invoices', 'median ms', 'p95 ms', 'max ms'];
	const rows = (Object.keys(LABEL) as InvoiceGroupName[]).map((g) => {
		const group = s.groups[g];
		return [
			LABEL[g],
			group.files,
			group.e_invoices,
			group.median_ms,
			group.p95_ms,
			group.max_ms,
		].map(String);
	});
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
	console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of rows) console.log(line(row));
	const sample = s.sample === 'all' ? 'every corpus file' : 'quick sample';
	console.log(
		`(${sample}, ${s.repetitions} repetition(s); peak memory ${s.peak_rss_mb} MB sampled, ${s.max_rss_mb} MB high-water)`,
	);
	if (s.unreadable_pdfs.length) console.log(`Unreadable PDFs: ${s.unreadable_pdfs.join(', ')}`);
}
