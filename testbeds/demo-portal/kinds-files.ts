import { facturXml } from './factur-x';
import { renderPdf } from './pdf';
import type { DemoDocument } from './seed';
import { storedZip } from './zip';

/**
 * The documents of the /kinds/ layout (kinds-layout.ts): one of each kind a portal offers besides
 * its PDFs, HTML invoices that are pages only, and hostile files that claim to be documents.
 * Fixed, so tests know each one's number, date, amount, kind and bytes.
 */
export type KindsEntry =
	| { kind: 'file'; doc: DemoDocument; fileName: string; type: string; hostile?: string }
	| { kind: 'page'; doc: DemoDocument; shows?: string; hostile?: string };

const SELLER = 'Demo Kinds B.V.';

function doc(number: string, issueDate: string, amount: number, login: string): DemoDocument {
	return {
		id: number,
		login,
		accountId: '',
		number,
		type: 'invoice',
		issueDate,
		dueDate: issueDate,
		amount,
		currency: 'EUR',
		title: `Services ${issueDate.slice(0, 7)}`,
		paid: false,
	};
}

/** What the list shows to `login`; `hostile` adds the hostile variants, `pages` the invoices to print. */
export function kindsEntries(login: string, hostile: boolean, pages: boolean): KindsEntry[] {
	const d = (n: number, date: string, amount: number) =>
		doc(`K-2026-${String(n).padStart(3, '0')}`, date, amount, login);
	const files: KindsEntry[] = [
		{
			kind: 'file',
			doc: d(1, '2026-06-01', 41.5),
			fileName: 'K-2026-001.pdf',
			type: 'application/pdf',
		},
		{
			kind: 'file',
			doc: d(2, '2026-05-01', 121),
			fileName: 'K-2026-002.xml',
			type: 'application/xml',
		},
		{
			kind: 'file',
			doc: d(3, '2026-04-01', 60.5),
			fileName: 'K-2026-003.zip',
			type: 'application/zip',
		},
		{
			kind: 'file',
			doc: d(4, '2026-03-01', 18.15),
			fileName: 'K-2026-004.csv',
			type: 'text/csv; charset=utf-8',
		},
	];
	const printable: KindsEntry[] = [
		{ kind: 'page', doc: d(11, '2026-06-15', 30.25) },
		{ kind: 'page', doc: d(12, '2026-05-15', 24.2) },
	];
	const bad: KindsEntry[] = [
		{
			kind: 'file',
			doc: d(5, '2026-02-01', 10),
			fileName: 'K-2026-005.xml',
			type: 'application/xml',
			hostile: 'an error page served as XML',
		},
		{
			kind: 'file',
			doc: d(6, '2026-01-01', 10),
			fileName: 'K-2026-006.zip',
			type: 'application/zip',
			hostile: 'a ZIP that declares 4 GB unpacked',
		},
		{
			kind: 'file',
			doc: d(7, '2025-12-01', 10),
			fileName: 'K-2026-007.csv',
			type: 'text/csv',
			hostile: 'HTML served as CSV',
		},
	];
	const badPages: KindsEntry[] = [
		{
			kind: 'page',
			doc: d(13, '2026-04-15', 10),
			shows: 'K-2026-099',
			hostile: "another invoice's page",
		},
	];
	return [
		...files,
		...(pages ? printable : []),
		...(hostile ? bad : []),
		...(hostile && pages ? badPages : []),
	].sort((a, b) => b.doc.issueDate.localeCompare(a.doc.issueDate));
}

function statementCsv(entry: DemoDocument): Buffer {
	return Buffer.from(
		[
			'Date;Reference;Description;Amount',
			`${entry.issueDate};${entry.number};"Monthly fee; fibre";-15,00`,
			`${entry.issueDate};${entry.number};"VAT 21 %";-3,15`,
		].join('\r\n') + '\r\n',
	);
}

/** The bytes of a file entry: the real thing, or the hostile variant it stands for. */
export function kindsFile(entry: Extract<KindsEntry, { kind: 'file' }>, buyer: string): Buffer {
	const { doc: d, fileName } = entry;
	const pdf = () => renderPdf([SELLER, `Invoice ${d.number}`, `Date ${d.issueDate}`]);
	const xml = () => facturXml(d, SELLER, buyer);
	if (entry.hostile)
		switch (fileName.split('.').pop()) {
			case 'xml':
				return Buffer.from(
					'<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Error 500</h1><p>The export failed.</p></body></html>',
				);
			case 'zip':
				return storedZip([{ name: `${d.number}.xml`, data: xml() }], () => 0xfffffff0);
			default:
				return Buffer.from(
					'<table><tr><td>Your session has ended.</td></tr><tr><td><a href="/kinds/login">Sign in</a></td></tr></table>\n',
				);
		}
	if (fileName.endsWith('.pdf')) return pdf();
	if (fileName.endsWith('.xml')) return xml();
	if (fileName.endsWith('.csv')) return statementCsv(d);
	return storedZip([
		{ name: `${d.number}.pdf`, data: pdf() },
		{ name: `${d.number}.xml`, data: xml() },
	]);
}
