import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Corpus invoices are nearly all valid, so their verdicts alone would let a rule that never
 * fires pass. Each mutant is a corpus file with one thing broken: an amount nudged (by a cent,
 * half a cent, or more than the one-unit tolerance of some rules), an element taken out, or a
 * VAT category recoded and its taxable amounts nudged. Written to a temp folder; the official
 * artefacts and we must agree on them too.
 */
type Mutation = (xml: string) => string | undefined;

const NUDGES = [0.01, -0.005, 1.5];

/** Every element with this local name (any prefix), in document order. */
function elements(xml: string, name: string): RegExpExecArray[] {
	const pattern = new RegExp(`<((?:[\\w.-]+:)?${name})(\\s[^>]*)?>([^<]*)</\\1>`, 'g');
	return [...xml.matchAll(pattern)];
}

/** Replaces the chosen elements' text (or the elements, with `null`). */
function rewrite(
	xml: string,
	found: RegExpExecArray[],
	text: (old: string) => string | null | undefined,
): string | undefined {
	let out = xml;
	let changed = false;
	for (const hit of [...found].reverse()) {
		const value = text(hit[3]);
		if (value === undefined) continue;
		const element = value === null ? '' : `<${hit[1]}${hit[2] ?? ''}>${value}</${hit[1]}>`;
		out = out.slice(0, hit.index) + element + out.slice(hit.index + hit[0].length);
		changed = true;
	}
	return changed ? out : undefined;
}

const nudge = (delta: number) => (old: string) =>
	/^\s*-?\d+(\.\d+)?\s*$/.test(old)
		? (Math.round((Number(old) + delta) * 1000) / 1000).toString()
		: undefined;

type Which = 'first' | 'last' | 'every';
const pick = (found: RegExpExecArray[], which: Which) =>
	which === 'every' ? found : found.slice(which === 'first' ? 0 : -1);

const nudged =
	(name: string, which: Which, delta: number): Mutation =>
	(xml) =>
		rewrite(xml, pick(elements(xml, name), which), nudge(delta));
const removed =
	(name: string, which: Which): Mutation =>
	(xml) =>
		rewrite(xml, pick(elements(xml, name), which), () => null);
const replaced =
	(pattern: RegExp, by: string): Mutation =>
	(xml) => {
		const out = xml.replace(pattern, by);
		return out === xml ? undefined : out;
	};
/**
 * Every VAT category `from` becomes `to` (lines, allowances, breakdown), taxable amounts nudged
 * by a cent (which the rules with a one-unit tolerance accept) or by more.
 */
const recoded =
	(codeElement: string, from: string, to: string, taxable: string, delta: number): Mutation =>
	(xml) => {
		const recode = rewrite(xml, elements(xml, codeElement), (old) =>
			old.trim() === from ? to : undefined,
		);
		return recode && rewrite(recode, elements(recode, taxable), nudge(delta));
	};

/** Takes out the first `name` element, whatever it holds, inside the first `within` element. */
const removedWithin = (within: string, name: string): Mutation =>
	replaced(
		new RegExp(
			`(<(?:[\\w.-]+:)?${within}[\\s>][\\s\\S]*?)<((?:[\\w.-]+:)?${name})[\\s>][\\s\\S]*?</\\2>`,
		),
		'$1',
	);

const amounts = (names: string[]): Mutation[] =>
	names.flatMap((name) =>
		(['first', 'last', 'every'] as const).flatMap((which) => [
			...NUDGES.map((delta) => nudged(name, which, delta)),
			removed(name, which),
		]),
	);
const categories = (codeElement: string, taxable: string): Mutation[] =>
	[
		['S', 'L'],
		['S', 'M'],
		['E', 'G'],
		['E', 'Z'],
		['E', 'O'],
		['S', 'K'],
		['S', 'AE'],
	].flatMap(([from, to]) =>
		[0.01, 1.5].map((delta) => recoded(codeElement, from, to, taxable, delta)),
	);

/** Applies `edit` to the inside of the first `name` element (any prefix). */
const inside =
	(name: string, edit: (block: string) => string): Mutation =>
	(xml) => {
		const m = new RegExp(`(<((?:[\\w.-]+:)?${name})>)([\\s\\S]*?)(</\\2>)`).exec(xml);
		if (!m) return undefined;
		const block = edit(m[3]);
		if (block === m[3]) return undefined;
		return xml.slice(0, m.index) + m[1] + block + m[4] + xml.slice(m.index + m[0].length);
	};
const strip =
	(...patterns: RegExp[]) =>
	(block: string) =>
		patterns.reduce((b, p) => b.replace(p, ''), block);
/** Everything each line rule (BR-21 … BR-28, BR-CO-04) and BR-CO-18, BR-CO-26 ask, broken once. */
const LINE_AND_DOCUMENT: Record<'CII' | 'UBL', Mutation[]> = {
	CII: [
		removed('LineID', 'first'),
		removedWithin('SpecifiedLineTradeDelivery', 'BilledQuantity'),
		replaced(/(<(?:\w+:)?BilledQuantity)\s+unitCode="[^"]*"/, '$1'),
		removedWithin('SpecifiedTradeProduct', 'Name'),
		removedWithin('NetPriceProductTradePrice', 'ChargeAmount'),
		replaced(/(<(\w+:)?NetPriceProductTradePrice>\s*<(\w+:)?ChargeAmount>)\s*(\d)/, '$1-$4'),
		replaced(/(<(\w+:)?GrossPriceProductTradePrice>\s*<(\w+:)?ChargeAmount>)\s*(\d)/, '$1-$4'),
		removedWithin('SpecifiedLineTradeSettlement', 'CategoryCode'),
		// BR-CO-18: no header VAT breakdown (the lines keep theirs).
		inside(
			'ApplicableHeaderTradeSettlement',
			strip(/<((?:\w+:)?ApplicableTradeTax)>[\s\S]*?<\/\1>/g),
		),
		inside(
			'SellerTradeParty',
			strip(
				/<((?:\w+:)?(?:ID|GlobalID))(\s[^>]*)?>[^<]*<\/\1>/g,
				/<((?:\w+:)?(?:SpecifiedLegalOrganization|SpecifiedTaxRegistration))>[\s\S]*?<\/\1>/g,
			),
		),
	],
	UBL: [
		removedWithin('InvoiceLine', 'ID'),
		removedWithin('CreditNoteLine', 'ID'),
		removed('InvoicedQuantity', 'first'),
		replaced(/(<(?:\w+:)?(?:Invoiced|Credited)Quantity)\s+unitCode="[^"]*"/, '$1'),
		removedWithin('Item', 'Name'),
		removed('PriceAmount', 'first'),
		replaced(/(<(?:\w+:)?PriceAmount[^>]*>)\s*(\d)/, '$1-$2'),
		replaced(/(<cac:Price>(?:(?!<\/cac:Price>)[\s\S])*?<cbc:BaseAmount[^>]*>)\s*(\d)/, '$1-$2'),
		removedWithin('ClassifiedTaxCategory', 'ID'),
		replaced(/<((?:\w+:)?TaxSubtotal)>[\s\S]*?<\/\1>/g, ''),
		inside(
			'AccountingSupplierParty',
			strip(
				/<((?:\w+:)?(?:PartyIdentification|PartyTaxScheme))>[\s\S]*?<\/\1>/g,
				/<((?:\w+:)?CompanyID)(\s[^>]*)?>[^<]*<\/\1>/g,
			),
		),
	],
};

/**
 * BR-31 … BR-44: an allowance's or charge's amount, VAT category or reasons taken out, at
 * document level or in the lines, and the same after turning allowances into charges and back
 * (the corpus has few line charges). The regions: UBL's lines come after its document-level
 * allowances, CII's before its header agreement.
 */
function allowanceMutations(syntax: 'CII' | 'UBL'): Mutation[] {
	const [ac, amount, category, indicator] =
		syntax === 'CII'
			? ['SpecifiedTradeAllowanceCharge', 'ActualAmount', 'CategoryTradeTax', 'Indicator']
			: ['AllowanceCharge', 'Amount', 'TaxCategory', 'ChargeIndicator'];
	const boundary =
		syntax === 'CII'
			? /<(\w+:)?ApplicableHeaderTradeAgreement>/
			: /<(\w+:)?(InvoiceLine|CreditNoteLine)>/;
	const region =
		(which: 'document' | 'lines', edit: (text: string) => string): Mutation =>
		(xml) => {
			const i = xml.search(boundary);
			if (i < 0) return undefined;
			const linesFirst = syntax === 'CII';
			const [a, b] = [xml.slice(0, i), xml.slice(i)];
			const out = (which === 'lines') === linesFirst ? edit(a) + b : a + edit(b);
			return out === xml ? undefined : out;
		};
	const each = (edit: (block: string) => string) => (text: string) =>
		text.replace(new RegExp(`<((?:\\w+:)?${ac})>[\\s\\S]*?</\\1>`, 'g'), edit);
	const element = (name: string) =>
		new RegExp(`<((?:\\w+:)?${name})(\\s[^>]*)?>[\\s\\S]*?</\\1>`, 'g');
	const reasons = [
		element(syntax === 'CII' ? 'Reason' : 'AllowanceChargeReason'),
		element(syntax === 'CII' ? 'ReasonCode' : 'AllowanceChargeReasonCode'),
	];
	const flipTo = (to: string) => (block: string) =>
		block.replace(
			new RegExp(`(<((?:\\w+:)?${indicator})>)\\s*(true|false)\\s*(</\\2>)`, 'g'),
			`$1${to}$4`,
		);
	return (['document', 'lines'] as const).flatMap((which) => [
		region(which, each(strip(element(amount)))),
		region(which, each(strip(element(category)))),
		region(which, each(strip(...reasons))),
		...['true', 'false'].map((to) =>
			region(
				which,
				each((block) => strip(element(amount), ...reasons)(flipTo(to)(block))),
			),
		),
	]);
}

/**
 * BR-*-10: every exemption reason taken out; one given to a standard-rated breakdown; standard
 * rate recoded as an export (G), which has no reason then.
 */
const EXEMPTIONS: Record<'CII' | 'UBL', Mutation[]> = {
	CII: [
		recoded('CategoryCode', 'S', 'G', 'BasisAmount', 0.01),
		replaced(/<((?:\w+:)?ExemptionReason(?:Code)?)>[^<]*<\/\1>/g, ''),
		inside('ApplicableHeaderTradeSettlement', (block) =>
			block.replace(
				/(<((?:\w+:)?)CategoryCode>S<\/(?:\w+:)?CategoryCode>)/,
				'$1<$2ExemptionReason>none</$2ExemptionReason>',
			),
		),
	],
	UBL: [
		recoded('ID', 'S', 'G', 'TaxableAmount', 0.01),
		replaced(/<((?:\w+:)?TaxExemptionReason(?:Code)?)(\s[^>]*)?>[^<]*<\/\1>/g, ''),
		replaced(
			/(<cac:TaxSubtotal>(?:(?!<\/cac:TaxSubtotal>)[\s\S])*?<cbc:ID>S<\/cbc:ID>)/,
			'$1<cbc:TaxExemptionReason>none</cbc:TaxExemptionReason>',
		),
	],
};

/** BR-CO-03: a VAT point date and a VAT point date code, both given. */
const TAX_POINT: Record<'CII' | 'UBL', Mutation[]> = {
	CII: [
		inside('ApplicableHeaderTradeSettlement', (block) =>
			block.replace(
				/(<((?:\w+:)?)ApplicableTradeTax>)/,
				'$1<$2TaxPointDate/><$2DueDateTypeCode>5</$2DueDateTypeCode>',
			),
		),
	],
	UBL: [
		replaced(
			/(<\/cbc:IssueDate>)/,
			'$1<cbc:TaxPointDate>2018-03-05</cbc:TaxPointDate><cac:InvoicePeriod><cbc:DescriptionCode>3</cbc:DescriptionCode></cac:InvoicePeriod>',
		),
	],
};

/** BR-18 … BR-20: the tax representative's name, address or country taken out. */
const REPRESENTATIVE: Record<'CII' | 'UBL', Mutation[]> = {
	CII: [
		inside('SellerTaxRepresentativeTradeParty', strip(/<((?:\w+:)?Name)>[^<]*<\/\1>/)),
		inside(
			'SellerTaxRepresentativeTradeParty',
			strip(/<((?:\w+:)?PostalTradeAddress)>[\s\S]*?<\/\1>/),
		),
		inside('SellerTaxRepresentativeTradeParty', strip(/<((?:\w+:)?CountryID)>[^<]*<\/\1>/)),
	],
	UBL: [
		inside('TaxRepresentativeParty', strip(/<((?:\w+:)?PartyName)>[\s\S]*?<\/\1>/)),
		inside('TaxRepresentativeParty', strip(/<((?:\w+:)?PostalAddress)>[\s\S]*?<\/\1>/)),
		inside('TaxRepresentativeParty', strip(/<((?:\w+:)?IdentificationCode)(\s[^>]*)?>[^<]*<\/\1>/)),
	],
};

export const MUTATIONS: Record<'CII' | 'UBL', Mutation[]> = {
	CII: [
		...amounts([
			'LineTotalAmount',
			'TaxBasisTotalAmount',
			'TaxTotalAmount',
			'GrandTotalAmount',
			'DuePayableAmount',
			'TotalPrepaidAmount',
			'BasisAmount',
			'CalculatedAmount',
			'ActualAmount',
			'AllowanceTotalAmount',
			'ChargeTotalAmount',
			'RateApplicablePercent',
		]),
		...categories('CategoryCode', 'BasisAmount'),
		...['Name', 'CountryID', 'TypeCode', 'InvoiceCurrencyCode', 'ID'].map((n) =>
			removed(n, 'first'),
		),
		removedWithin('SellerTradeParty', 'PostalTradeAddress'),
		removedWithin('BuyerTradeParty', 'PostalTradeAddress'),
		replaced(/format="102"/, 'format="610"'),
		replaced(/(<(?:\w+:)?BuyerTradeParty>[\s\S]*?)<(\w+:)?Name>[^<]*<\/\2?Name>/, '$1'),
		replaced(
			/<(\w+:)?IncludedSupplyChainTradeLineItem>[\s\S]*<\/\1?IncludedSupplyChainTradeLineItem>/,
			'',
		),
		...LINE_AND_DOCUMENT.CII,
		...allowanceMutations('CII'),
		...EXEMPTIONS.CII,
		...REPRESENTATIVE.CII,
		...TAX_POINT.CII,
		// BR-17: the payee's name taken out, or made the seller's.
		replaced(
			/(<(\w+:)?PayeeTradeParty>(?:(?!<\/\2?PayeeTradeParty>)[\s\S])*?)<(\w+:)?Name>[^<]*<\/\3?Name>/,
			'$1',
		),
		(xml) => {
			const seller = /<(?:\w+:)?SellerTradeParty>[\s\S]*?<(\w+:)?Name>([^<]*)<\/\1?Name>/.exec(
				xml,
			)?.[2];
			if (seller === undefined) return undefined;
			return replaced(
				/(<(\w+:)?PayeeTradeParty>(?:(?!<\/\2?PayeeTradeParty>)[\s\S])*?<(\w+:)?Name>)[^<]*(<\/\3?Name>)/,
				`$1${seller}$4`,
			)(xml);
		},
	],
	UBL: [
		...amounts([
			'LineExtensionAmount',
			'TaxExclusiveAmount',
			'TaxInclusiveAmount',
			'TaxAmount',
			'PayableAmount',
			'PrepaidAmount',
			'PayableRoundingAmount',
			'TaxableAmount',
			'Amount',
			'AllowanceTotalAmount',
			'ChargeTotalAmount',
			'Percent',
		]),
		...categories('ID', 'TaxableAmount'),
		...[
			'RegistrationName',
			'IdentificationCode',
			'CustomizationID',
			'IssueDate',
			'DocumentCurrencyCode',
		].flatMap((n) => [removed(n, 'first'), removed(n, 'last')]),
		removedWithin('AccountingSupplierParty', 'PostalAddress'),
		removedWithin('AccountingCustomerParty', 'PostalAddress'),
		replaced(/(<\/(?:\w+:)?ProfileID>\s*)<(\w+:)?ID>[^<]*<\/\2?ID>/, '$1'),
		replaced(/<(\w+:)?(InvoiceLine|CreditNoteLine)>[\s\S]*<\/\1?\2>/, ''),
		...LINE_AND_DOCUMENT.UBL,
		...allowanceMutations('UBL'),
		...EXEMPTIONS.UBL,
		...REPRESENTATIVE.UBL,
		...TAX_POINT.UBL,
		// BR-17: the payee's name taken out.
		replaced(
			/(<(\w+:)?PayeeParty>(?:(?!<\/\2?PayeeParty>)[\s\S])*?)<(\w+:)?PartyName>[\s\S]*?<\/\3?PartyName>/,
			'$1',
		),
	],
};

/** Writes every mutant of the files to the folder; returns their paths. */
export function writeMutants(
	syntax: 'CII' | 'UBL',
	files: { path: string; xml: string }[],
	folder: string,
): string[] {
	return files.flatMap(({ path, xml }) =>
		MUTATIONS[syntax].flatMap((mutation, i) => {
			const mutant = mutation(xml);
			if (mutant === undefined) return [];
			const out = join(folder, `${basename(path, '.xml')}.m${i}.xml`);
			writeFileSync(out, mutant);
			return [out];
		}),
	);
}
