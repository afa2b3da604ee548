import type { XmlElement } from '../xml/xml-element';
import { all, atLeastZero, descendants } from './element-paths';
import { finding } from './finding';
import { hasText } from './rule-facts';
import type { Finding } from './validation-types';

/** The line rules: what each invoice line (BG-25) must have, as the official artefacts test it. */
export const LINE_RULES = [
	'BR-21',
	'BR-22',
	'BR-23',
	'BR-24',
	'BR-25',
	'BR-26',
	'BR-27',
	'BR-28',
	'BR-CO-04',
];

type LineTest = (line: XmlElement) => boolean;
const text = (line: XmlElement, path: string) => all(line, path).some((e) => hasText(e.text));
const exists = (line: XmlElement, path: string) => all(line, path).length > 0;
const isVat = (e: XmlElement, path: string) =>
	all(e, path).some((t) => t.text.replace(/\s+/g, ' ').trim().toUpperCase() === 'VAT');

const CII_PRICE = 'SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount';
const CII_GROSS = 'SpecifiedLineTradeAgreement/GrossPriceProductTradePrice/ChargeAmount';
const CII: Record<string, LineTest> = {
	'BR-21': (l) => text(l, 'AssociatedDocumentLineDocument/LineID'),
	'BR-22': (l) => exists(l, 'SpecifiedLineTradeDelivery/BilledQuantity'),
	'BR-23': (l) =>
		all(l, 'SpecifiedLineTradeDelivery/BilledQuantity').some((q) => 'unitCode' in q.attrs),
	'BR-24': (l) =>
		exists(
			l,
			'SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount',
		),
	'BR-25': (l) => text(l, 'SpecifiedTradeProduct/Name'),
	'BR-26': (l) => exists(l, CII_PRICE),
	'BR-27': (l) => atLeastZero(all(l, CII_PRICE)),
	'BR-28': (l) => !exists(l, CII_GROSS) || atLeastZero(all(l, CII_GROSS)),
	// CII compares the TypeCode without trimming it first.
	'BR-CO-04': (l) =>
		all(l, 'SpecifiedLineTradeSettlement/ApplicableTradeTax').some(
			(t) =>
				all(t, 'TypeCode').some((c) => c.text.toUpperCase() === 'VAT') && exists(t, 'CategoryCode'),
		),
};

const UBL: Record<string, LineTest> = {
	'BR-21': (l) => text(l, 'ID'),
	'BR-22': (l) => exists(l, 'InvoicedQuantity|CreditedQuantity'),
	'BR-23': (l) => all(l, 'InvoicedQuantity|CreditedQuantity').some((q) => 'unitCode' in q.attrs),
	'BR-24': (l) => exists(l, 'LineExtensionAmount'),
	'BR-25': (l) => text(l, 'Item/Name'),
	'BR-26': (l) => exists(l, 'Price/PriceAmount'),
	'BR-27': (l) => atLeastZero(all(l, 'Price/PriceAmount')),
	'BR-28': (l) =>
		!exists(l, 'Price/AllowanceCharge/BaseAmount') ||
		atLeastZero(all(l, 'Price/AllowanceCharge/BaseAmount')),
	'BR-CO-04': (l) =>
		all(l, 'Item/ClassifiedTaxCategory').some((c) => isVat(c, 'TaxScheme/ID') && exists(c, 'ID')),
};

/**
 * Each line at any depth (CII `//IncludedSupplyChainTradeLineItem`, UBL every InvoiceLine or
 * CreditNoteLine, XRechnung's nested ones too), each rule once per line that breaks it. `where`
 * is the line's place in the JSON's `lines` for a top-level line, its id otherwise.
 */
export function lineRules(root: XmlElement, syntax: 'CII' | 'UBL'): Finding[] {
	const tests = syntax === 'CII' ? CII : UBL;
	const lines =
		syntax === 'CII'
			? descendants(root, 'IncludedSupplyChainTradeLineItem')
			: descendants(root, 'InvoiceLine', 'CreditNoteLine');
	const topLevel = lines.filter((l) => root.children.includes(l) || isCiiTopLevel(root, l));
	return lines.flatMap((line, i) =>
		LINE_RULES.filter((rule) => !tests[rule](line)).map((rule) =>
			finding(rule, whereOf(line, topLevel, i)),
		),
	);
}

function isCiiTopLevel(root: XmlElement, line: XmlElement): boolean {
	return all(root, 'SupplyChainTradeTransaction/IncludedSupplyChainTradeLineItem').includes(line);
}

function whereOf(line: XmlElement, topLevel: XmlElement[], i: number): string {
	const k = topLevel.indexOf(line);
	return k >= 0 ? `lines[${k}]` : `lines (sub-line ${i + 1} in document order)`;
}
