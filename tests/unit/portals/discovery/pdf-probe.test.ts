import type { Page } from 'playwright';
import type { PageLink } from '../../../../portals/discovery/documents/links';
import { PdfProbe } from '../../../../portals/discovery/documents/pdf-probe';

/**
 * Review of issue 33: HTML discovery learns PDF documents only (the definition it writes takes
 * PDF alone), so a download link whose server says it is a ZIP, XML or CSV file is not taken for
 * a document: a run would refuse every one. The server is the probe's answer here, as in
 * tests/unit/portals/discovery/api/file.test.ts.
 */
function serverSaying(contentType: string): Page {
	const answer = {
		status: () => 200,
		ok: () => true,
		headers: () => ({ 'content-type': contentType }),
		dispose: async () => undefined,
	};
	return { request: { fetch: async () => answer } } as unknown as Page;
}

const rows: PageLink[] = ['1001', '1002'].map((n) => ({
	href: `https://portal.example.com/invoices/${n}/file`,
	text: `Download ${n}`,
	download: true,
	rel: '',
}));

test.each([
	['application/pdf', 2],
	['application/octet-stream', 2],
	['application/zip', 0],
	['application/xml', 0],
	['text/csv; charset=utf-8', 0],
	['text/html', 0],
])('a download link the server answers as %s is a PDF document: %s taken', async (type, n) => {
	const probe = new PdfProbe(serverSaying(type), ['portal.example.com']);
	expect(await probe.pdfLinks(rows)).toHaveLength(n);
});
