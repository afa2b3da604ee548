import { runPortal } from '../../../portals/core/run/portal-run';
import { PortalError } from '../../../portals/core/outcomes/errors';
import type { DownloadedDocument } from '../../../portals/core/contract/documents';
import {
	checkFile,
	documentFileName,
	safeFileNamePart,
	sha256,
} from '../../../portals/core/collection/files';
import { demoTelecom } from '../../../portals/adapters/demo-telecom';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { renderPdf } from '../../../testbeds/demo-portal/pdf';
import { credentials, startDemo } from '../../helpers/demo';

let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo();
});
afterEach(() => {
	demo.state.faults = { htmlDownloads: [] };
});

const download = (login = 'anna@example.test', filters = {}) =>
	runPortal({
		portal: demoTelecom,
		baseUrl: demo.url,
		credentials: credentials(login),
		mode: 'download',
		filters,
	});

test('every downloaded file is a real PDF that carries its own number, with a safe name and its sha256', async () => {
	const result = await download('anna@example.test', { accountIds: ['CUST-1002'] });
	expect(result.documents).toHaveLength(14);
	for (const doc of result.documents) {
		expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
		expect(doc.data.toString('latin1')).toContain(`Document number: ${doc.number}`);
		expect(doc.sha256).toBe(sha256(doc.data));
		expect(doc.fileName).toBe(`${doc.issueDate}_demo-telecom_${doc.number}.pdf`);
		expect(doc.mimeType).toBe('application/pdf');
	}
	// The statement has no link on the portal, only an export form: it was posted directly.
	expect(result.documents.filter((d) => d.type === 'statement')).toHaveLength(1);
});

test('each file is handed over as it arrives, and the result delivers those very documents', async () => {
	const handed: DownloadedDocument[] = [];
	const result = await runPortal({
		portal: demoTelecom,
		baseUrl: demo.url,
		credentials: credentials('anna@example.test'),
		mode: 'download',
		filters: { accountIds: ['CUST-1002'] },
		collect: { onDownloaded: (doc) => handed.push(doc) },
	});
	expect(result.documents).toHaveLength(14);
	expect(handed).toHaveLength(14);
	// The same objects, not copies: the node stores each file once, when it is handed over.
	for (const doc of result.documents) expect(handed).toContain(doc);
});

test('an export button without a form is clicked and the file caught from the browser download', async () => {
	demo.state.faults.scriptedExports = true;
	const result = await download('anna@example.test', {
		accountIds: ['CUST-1002'],
		types: ['statement'],
	});
	expect(result.failures).toEqual([]);
	const statements = demo.state.documents.filter(
		(d) => d.login === 'anna@example.test' && d.accountId === 'CUST-1002' && d.type === 'statement',
	);
	expect(statements.length).toBeGreaterThan(0);
	expect(result.documents.map((d) => d.number).sort()).toEqual(
		statements.map((d) => d.number).sort(),
	);
	expect(result.documents[0].data.toString('latin1')).toContain(
		`Document number: ${result.documents[0].number}`,
	);
});

test('a web page served instead of a PDF is rejected as an invalid file and not delivered', async () => {
	demo.state.faults.htmlDownloads = ['INV-2026-1002-0013'];
	const result = await download('anna@example.test', {
		accountIds: ['CUST-1002'],
		startDate: '2026-08-01',
	});
	expect(result.documents.map((d) => d.number)).toEqual([
		'REM-2026-1002-0014',
		'ST-2026-1002-0012',
	]);
	expect(result.failures).toEqual([
		{
			documentId: expect.any(String),
			number: 'INV-2026-1002-0013',
			reason: 'INVALID_FILE',
			message: expect.stringMatching(/web page instead of a document/),
		},
	]);
	expect(result).toMatchObject({ status: 'connected', reason: 'PARTIAL_RUN', retryable: true });
	expect(result.counts).toMatchObject({ found: 3, downloaded: 2, failed: 1 });
});

test('a renamed documents table is reported as a layout change naming the missing element, with a screenshot', async () => {
	demo.state.faults.renamedTable = true;
	const result = await download();
	expect(result).toMatchObject({ status: 'action_required', reason: 'LAYOUT_CHANGED' });
	expect(result.debug?.missingElement).toBe('documents page: documents table');
	expect(result.debug?.screenshot?.subarray(1, 4).toString()).toBe('PNG');
	expect(result.documents).toEqual([]);
});

describe('file checks', () => {
	const pdf = renderPdf(['Invoice INV-1']);

	test('the demo PDF is well formed: every xref offset points at its object', () => {
		const text = pdf.toString('latin1');
		const xrefAt = Number(text.match(/startxref\n(\d+)/)![1]);
		expect(text.slice(xrefAt, xrefAt + 4)).toBe('xref');
		const offsets = [...text.slice(xrefAt).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) =>
			Number(m[1]),
		);
		expect(offsets).toHaveLength(5);
		offsets.forEach((offset, i) =>
			expect(text.slice(offset).startsWith(`${i + 1} 0 obj\n`)).toBe(true),
		);
	});

	test.each<[string, Buffer, string | undefined, RegExp]>([
		['empty', Buffer.alloc(0), 'application/pdf', /empty/],
		['cut off', pdf.subarray(0, pdf.length - 200), 'application/pdf', /cut off/],
		[
			'HTML with a PDF type',
			Buffer.from('<!DOCTYPE html><html><body>Log in</body></html>'),
			'application/pdf',
			/web page/,
		],
		[
			'unknown binary',
			Buffer.from([1, 2, 3, 4]),
			'application/octet-stream',
			/none of the kinds this package reads/,
		],
	])('%s is refused', (_name, body, type, message) => {
		expect(() => checkFile(body, type)).toThrow(message);
		expect(() => checkFile(body, type)).toThrow(PortalError);
	});

	test('a file above the cap is refused', () => {
		expect(() => checkFile(pdf, 'application/pdf', 100)).toThrow(/above the limit of 100 bytes/);
	});

	test('file names from portal data cannot escape the folder or carry control characters', () => {
		expect(safeFileNamePart('../../etc/passwd')).toBe('etc-passwd');
		expect(safeFileNamePart('INV\u0000\u001b[31m-1\r\n')).toBe('INV-31m-1');
		expect(safeFileNamePart('...')).toBe('document');
		expect(
			documentFileName(
				{ issueDate: '2026-03-01', number: 'Facture n° 42/2026', id: 'x' },
				'Demo Telecom',
				'pdf',
			),
		).toBe('2026-03-01_Demo-Telecom_Facture-n-42-2026.pdf');
	});
});

test('URLs in error messages lose their query strings (portals put session tokens there)', async () => {
	const { asPortalError } = await import('../../../portals/core/outcomes/result');
	const error = asPortalError(
		new Error(
			'page.goto: net::ERR_CONNECTION_REFUSED at https://portal.example/invoices?sid=SECRET123&x=1#frag\nCall log: ...',
		),
	);
	expect(error.code).toBe('PORTAL_UNAVAILABLE');
	expect(error.message).toContain('https://portal.example/invoices');
	expect(error.message).not.toContain('SECRET123');
	const { redactUrls } = await import('../../../portals/core/outcomes/errors');
	expect(redactUrls('connect failed: wss://browser.example:3000/chromium?token=ABC')).toBe(
		'connect failed: wss://browser.example:3000/chromium',
	);
});
