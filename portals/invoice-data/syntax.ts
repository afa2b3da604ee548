import { InvoiceReadError } from './read-error';
import type { Syntax } from './invoice-data';
import type { XmlElement } from './xml/xml-element';

/** The namespaces an e-invoice's root element is recognised by (with its local name). */
export const NAMESPACES = {
	cii: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
	zugferd1: 'urn:ferd:CrossIndustryDocument:invoice:1p0',
	/** ZUGFeRD 1's release candidate (2013-14): an `Invoice` root, its children in no namespace. */
	zugferd1Draft: 'urn:un:unece:uncefact:data:standard:CBFBUY:5',
	ublInvoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
	ublCreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
} as const;

/**
 * Which syntax the root element is, by local name and namespace URI together (a prefix means
 * nothing). Anything else, FatturaPA included, is "not an e-invoice we read": an answer, not a
 * crash.
 */
export function syntaxOf(root: XmlElement): Syntax {
	if (root.name === 'CrossIndustryInvoice' && root.ns === NAMESPACES.cii) return 'CII';
	if (root.name === 'CrossIndustryDocument' && root.ns === NAMESPACES.zugferd1) return 'ZUGFeRD 1';
	if (root.name === 'Invoice' && root.ns === NAMESPACES.zugferd1Draft) return 'ZUGFeRD 1';
	if (root.name === 'Invoice' && root.ns === NAMESPACES.ublInvoice) return 'UBL';
	if (root.name === 'CreditNote' && root.ns === NAMESPACES.ublCreditNote) return 'UBL';
	const where = root.ns ? ` in namespace ${root.ns}` : ' in no namespace';
	throw new InvoiceReadError(
		'not-e-invoice',
		`Not an e-invoice we read: the root element is ${root.name}${where}; we read CII (ZUGFeRD 2, Factur-X, XRechnung), ZUGFeRD 1.0 and UBL Invoice or CreditNote (XRechnung, Peppol).`,
	);
}
