/**
 * A minimal, valid PDF 1.4 writer: one A4 page of Helvetica text. Deterministic (no dates,
 * no ids), so the same document always has the same bytes and hash. `padToBytes` adds
 * harmless comment lines to the content stream for benchmarks that want realistic sizes.
 */
function escapePdfText(text: string): string {
	return text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
}

export function renderPdf(lines: string[], padToBytes = 0): Buffer {
	let content = 'BT /F1 12 Tf 56 780 Td 16 TL\n';
	for (const line of lines) content += `(${escapePdfText(line)}) Tj T*\n`;
	content += 'ET\n';
	if (padToBytes > 0) {
		let i = 0;
		while (content.length < padToBytes)
			content += `% filler line ${i++} keeps this demo document at a realistic size\n`;
	}
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
		`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
	];
	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets: number[] = [];
	objects.forEach((body, index) => {
		offsets.push(Buffer.byteLength(out, 'latin1'));
		out += `${index + 1} 0 obj\n${body}\nendobj\n`;
	});
	const xref = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}
