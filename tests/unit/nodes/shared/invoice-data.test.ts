import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MAX_PDF_BYTES } from '../../../../portals/invoice-data';
import {
	looksLikeInvoiceFile,
	MAX_INVOICE_FILE_BYTES,
} from '../../../../nodes/shared/invoice-data';

test("the node's size check is the reader's largest cap", () => {
	expect(MAX_INVOICE_FILE_BYTES).toBe(MAX_PDF_BYTES);
});

test('PDF and XML are told by their first bytes; a picture or a spreadsheet is neither', () => {
	expect(looksLikeInvoiceFile(Buffer.from('%PDF-1.7\n'))).toBe(true);
	expect(looksLikeInvoiceFile(Buffer.from('\uFEFF  \n<?xml version="1.0"?><Invoice/>'))).toBe(true);
	expect(looksLikeInvoiceFile(Buffer.from('<rsm:CrossIndustryInvoice/>'))).toBe(true);
	expect(looksLikeInvoiceFile(Buffer.from('89504e470d0a1a0a', 'hex'))).toBe(false);
	expect(looksLikeInvoiceFile(Buffer.from('504b0304', 'hex'), 'application/zip')).toBe(false);
	// Declared XML but not starting as such (e.g. UTF-16 without a BOM): the reader decides.
	expect(looksLikeInvoiceFile(Buffer.from('\0<\0?'), 'text/xml')).toBe(true);
});

test('loading the built node does not load the invoice reader (pdf-lib): n8n loads every node at start', () => {
	const node = join(
		__dirname,
		'..',
		'..',
		'..',
		'..',
		'dist',
		'nodes',
		'InvoicePortal',
		'InvoicePortal.node.js',
	);
	const probe = spawnSync(
		process.execPath,
		[
			'-e',
			`require(${JSON.stringify(node)});
			const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](pdf-lib|fast-xml-parser)[\\\\/]/.test(f));
			console.log(JSON.stringify(loaded.length));`,
		],
		{ encoding: 'utf8' },
	);
	expect(probe.stderr).toBe('');
	expect(probe.stdout.trim()).toBe('0');
});
