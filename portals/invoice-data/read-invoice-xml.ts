import { readCii } from './cii/read-cii';
import type { InvoiceFields, InvoiceReadResult, SyntaxReading } from './invoice-data';
import { profileOf } from './profiles';
import { InvoiceReadError } from './read-error';
import { syntaxOf } from './syntax';
import { readUbl } from './ubl/read-ubl';
import { validateInvoice } from './validation/validate-invoice';
import { parseXml } from './xml/parse-xml';

/**
 * Reads an e-invoice XML (CII, ZUGFeRD 1.0, UBL) into EN 16931 JSON. Never throws: a file that is
 * too big, not well-formed, carries a DTD or is no e-invoice we read (FatturaPA, any other XML)
 * gives `{ isEInvoice: false, error: { code, message } }`.
 */
export function readInvoiceXml(input: Buffer | string): InvoiceReadResult {
	let root;
	try {
		root = parseXml(input);
	} catch (e) {
		return failure(e);
	}
	try {
		const syntax = syntaxOf(root);
		const reading: SyntaxReading = syntax === 'UBL' ? readUbl(root) : readCii(root);
		const invoice: InvoiceFields = {
			isEInvoice: true,
			source: {
				container: 'xml',
				syntax,
				rootElement: root.name,
				namespace: root.ns,
				...(reading.guidelineId ? { guidelineId: reading.guidelineId } : {}),
				profile: profileOf(reading.guidelineId),
				...(reading.businessProcess ? { businessProcess: reading.businessProcess } : {}),
			},
			...reading.body,
		};
		return { ...invoice, validation: validateInvoice(invoice, root) };
	} catch (e) {
		return { ...failure(e), rootElement: root.name, namespace: root.ns };
	}
}

/** Our own errors keep their code; anything else is a reader fault, reported, not thrown. */
function failure(e: unknown): { isEInvoice: false; error: { code: string; message: string } } {
	if (e instanceof InvoiceReadError) {
		return { isEInvoice: false, error: { code: e.code, message: e.message } };
	}
	const message = e instanceof Error ? e.message : String(e);
	return {
		isEInvoice: false,
		error: { code: 'unreadable', message: `The invoice could not be read: ${message}` },
	};
}
