import type { XmlElement } from '../xml/xml-element';
import { all, descendants } from './element-paths';
import { finding } from './finding';
import type { Finding } from './validation-types';

/**
 * What each allowance and charge must have: document level (BR-31 … BR-33 for allowances,
 * BR-36 … BR-38 for charges: amount, VAT category, reason) and line level (BR-41, BR-42,
 * BR-43, BR-44: amount and reason), as the official artefacts test them.
 */
export const ALLOWANCE_RULES = [
	'BR-31',
	'BR-32',
	'BR-33',
	'BR-36',
	'BR-37',
	'BR-38',
	'BR-41',
	'BR-42',
	'BR-43',
	'BR-44',
];

/** The rules of one kind: [amount, VAT category (document level only), reason]. */
const DOCUMENT = { allowance: ['BR-31', 'BR-32', 'BR-33'], charge: ['BR-36', 'BR-37', 'BR-38'] };
const LINE = { allowance: ['BR-41', undefined, 'BR-42'], charge: ['BR-43', undefined, 'BR-44'] };

interface Checked {
	/** true: a charge; false: an allowance; undefined: neither (not a rule's context). */
	charge?: boolean;
	amount: boolean;
	category: boolean;
	reason: boolean;
}

const exists = (node: XmlElement, path: string) => all(node, path).length > 0;
const upperTrim = (e: XmlElement) => e.text.replace(/\s+/g, ' ').trim().toUpperCase();

/** CII: the indicator's text as the context compares it (`udt:Indicator = 'false'`). */
function cii(ac: XmlElement): Checked {
	const flags = all(ac, 'ChargeIndicator/Indicator').map((i) => i.text);
	return {
		charge: flags.includes('true') ? true : flags.includes('false') ? false : undefined,
		amount: exists(ac, 'ActualAmount'),
		category: all(ac, 'CategoryTradeTax').some(
			(t) =>
				all(t, 'TypeCode').some((c) => c.text.toUpperCase() === 'VAT') && exists(t, 'CategoryCode'),
		),
		reason: exists(ac, 'Reason') || exists(ac, 'ReasonCode'),
	};
}

/** UBL: `ChargeIndicator = true()` casts the text to a boolean (`true`/`1`, `false`/`0`). */
function ubl(ac: XmlElement): Checked {
	const flags = all(ac, 'ChargeIndicator').map((i) => i.text.trim());
	return {
		charge: flags.some((f) => f === 'true' || f === '1')
			? true
			: flags.some((f) => f === 'false' || f === '0')
				? false
				: undefined,
		amount: exists(ac, 'Amount'),
		category: all(ac, 'TaxCategory').some(
			(t) => all(t, 'TaxScheme/ID').some((id) => upperTrim(id) === 'VAT') && exists(t, 'ID'),
		),
		reason: exists(ac, 'AllowanceChargeReason') || exists(ac, 'AllowanceChargeReasonCode'),
	};
}

export function allowanceRules(root: XmlElement, syntax: 'CII' | 'UBL'): Finding[] {
	const read = syntax === 'CII' ? cii : ubl;
	const documentLevel =
		syntax === 'CII'
			? descendants(root, 'ApplicableHeaderTradeSettlement').flatMap((s) =>
					all(s, 'SpecifiedTradeAllowanceCharge'),
				)
			: all(root, 'AllowanceCharge');
	const lines =
		syntax === 'CII'
			? descendants(root, 'SpecifiedLineTradeSettlement')
			: descendants(root, 'InvoiceLine', 'CreditNoteLine');
	const lineLevel = lines.flatMap((l, k) =>
		all(l, syntax === 'CII' ? 'SpecifiedTradeAllowanceCharge' : 'AllowanceCharge').map((ac) => ({
			ac,
			k,
		})),
	);
	return [
		...documentLevel.flatMap((ac, i) => broken(read(ac), DOCUMENT, `allowancesCharges[${i}]`)),
		...lineLevel.flatMap(({ ac, k }) =>
			broken(read(ac), LINE, `lines (line ${k + 1} in document order)`),
		),
	];
}

function broken(
	checked: Checked,
	rules: Record<'allowance' | 'charge', (string | undefined)[]>,
	where: string,
): Finding[] {
	if (checked.charge === undefined) return [];
	const [amount, category, reason] = rules[checked.charge ? 'charge' : 'allowance'];
	return [
		...(checked.amount || !amount ? [] : [finding(amount, where)]),
		...(checked.category || !category ? [] : [finding(category, where)]),
		...(checked.reason || !reason ? [] : [finding(reason, where)]),
	];
}
