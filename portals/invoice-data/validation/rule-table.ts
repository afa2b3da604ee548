import type { RuleFlag } from './validation-types';

/** BR-S-08 and its equivalents: one per VAT category code, the same check. */
export const CATEGORY_RULES: Record<string, { rule: string; name: string }> = {
	S: { rule: 'BR-S-08', name: 'standard rated' },
	Z: { rule: 'BR-Z-08', name: 'zero rated' },
	E: { rule: 'BR-E-08', name: 'exempt from VAT' },
	AE: { rule: 'BR-AE-08', name: 'reverse charge' },
	K: { rule: 'BR-IC-08', name: 'intra-community supply' },
	G: { rule: 'BR-G-08', name: 'export outside the EU' },
	O: { rule: 'BR-O-08', name: 'not subject to VAT' },
	L: { rule: 'BR-AF-08', name: 'IGIC (Canary Islands)' },
	M: { rule: 'BR-AG-08', name: 'IPSI (Ceuta and Melilla)' },
};

/**
 * Every rule we check, with its flag as the official EN 16931 artefacts (1.3.x) give it and
 * what it asks, in our words. docs/invoice-data.md lists the same table.
 */
export const RULES: Record<string, { flag: RuleFlag; text: string }> = {
	'BR-01': { flag: 'fatal', text: 'The invoice must name its specification (BT-24).' },
	'BR-02': { flag: 'fatal', text: 'The invoice must have a number (BT-1).' },
	'BR-03': { flag: 'fatal', text: 'The invoice must have an issue date (BT-2).' },
	'BR-04': { flag: 'fatal', text: 'The invoice must have a type code (BT-3).' },
	'BR-05': { flag: 'fatal', text: 'The invoice must have a currency code (BT-5).' },
	'BR-06': { flag: 'fatal', text: "The seller's name (BT-27) must be given." },
	'BR-07': { flag: 'fatal', text: "The buyer's name (BT-44) must be given." },
	'BR-08': { flag: 'fatal', text: "The seller's postal address (BG-5) must be given." },
	'BR-09': { flag: 'fatal', text: "The seller's postal address must have a country code (BT-40)." },
	'BR-10': { flag: 'fatal', text: "The buyer's postal address (BG-8) must be given." },
	'BR-11': { flag: 'fatal', text: "The buyer's postal address must have a country code (BT-55)." },
	'BR-12': { flag: 'fatal', text: 'The sum of the line net amounts (BT-106) must be given.' },
	'BR-13': { flag: 'fatal', text: 'The total without VAT (BT-109) must be given.' },
	'BR-14': { flag: 'fatal', text: 'The total with VAT (BT-112) must be given.' },
	'BR-15': { flag: 'fatal', text: 'The amount due for payment (BT-115) must be given.' },
	'BR-16': { flag: 'fatal', text: 'The invoice must have at least one line (BG-25).' },
	'BR-17': {
		flag: 'fatal',
		text: "A payee (BG-10) other than the seller must have a name (BT-59), and not the seller's name or id.",
	},
	'BR-18': { flag: 'fatal', text: "The seller's tax representative must have a name (BT-62)." },
	'BR-19': {
		flag: 'fatal',
		text: "The seller's tax representative must have a postal address (BG-12).",
	},
	'BR-20': {
		flag: 'fatal',
		text: "The seller's tax representative's address must have a country code (BT-69).",
	},
	'BR-21': { flag: 'fatal', text: 'Each line must have an identifier (BT-126).' },
	'BR-22': { flag: 'fatal', text: 'Each line must have an invoiced quantity (BT-129).' },
	'BR-23': { flag: 'fatal', text: "Each line's quantity must have a unit of measure (BT-130)." },
	'BR-24': { flag: 'fatal', text: 'Each line must have a net amount (BT-131).' },
	'BR-25': { flag: 'fatal', text: 'Each line must name its item (BT-153).' },
	'BR-26': { flag: 'fatal', text: "Each line must have the item's net price (BT-146)." },
	'BR-27': { flag: 'fatal', text: "A line's item net price (BT-146) must not be negative." },
	'BR-28': {
		flag: 'fatal',
		text: "A line's item gross price (BT-148), when given, must not be negative.",
	},
	'BR-31': { flag: 'fatal', text: 'A document-level allowance must have an amount (BT-92).' },
	'BR-32': {
		flag: 'fatal',
		text: 'A document-level allowance must have a VAT category code (BT-95).',
	},
	'BR-33': {
		flag: 'fatal',
		text: 'A document-level allowance must have a reason or a reason code (BT-97, BT-98).',
	},
	'BR-36': { flag: 'fatal', text: 'A document-level charge must have an amount (BT-99).' },
	'BR-37': {
		flag: 'fatal',
		text: 'A document-level charge must have a VAT category code (BT-102).',
	},
	'BR-38': {
		flag: 'fatal',
		text: 'A document-level charge must have a reason or a reason code (BT-104, BT-105).',
	},
	'BR-41': { flag: 'fatal', text: 'A line allowance must have an amount (BT-136).' },
	'BR-42': {
		flag: 'fatal',
		text: 'A line allowance must have a reason or a reason code (BT-139, BT-140).',
	},
	'BR-43': { flag: 'fatal', text: 'A line charge must have an amount (BT-141).' },
	'BR-44': {
		flag: 'fatal',
		text: 'A line charge must have a reason or a reason code (BT-144, BT-145).',
	},
	'BR-CO-03': {
		flag: 'fatal',
		text: 'The VAT point date (BT-7) and the VAT point date code (BT-8) must not both be given.',
	},
	'BR-CO-04': {
		flag: 'fatal',
		text: 'Each line must have a VAT category code (BT-151).',
	},
	'BR-CO-18': {
		flag: 'fatal',
		text: 'The invoice must have at least one VAT breakdown (BG-23).',
	},
	'BR-CO-26': {
		flag: 'fatal',
		text: 'The seller must be identified by an identifier (BT-29), a legal registration identifier (BT-30) or a VAT identifier (BT-31).',
	},
	'BR-CO-10': {
		flag: 'fatal',
		text: 'The sum of line net amounts (BT-106) must equal the lines’ net amounts (BT-131) added up.',
	},
	'BR-CO-13': {
		flag: 'fatal',
		text: 'The total without VAT (BT-109) must equal the line sum (BT-106) minus allowances (BT-107) plus charges (BT-108).',
	},
	'BR-CO-14': {
		flag: 'fatal',
		text: 'The VAT total (BT-110) must equal the VAT of the breakdown (BT-117) added up.',
	},
	'BR-CO-15': {
		flag: 'fatal',
		text: 'The total with VAT (BT-112) must equal the total without VAT (BT-109) plus the VAT total (BT-110).',
	},
	'BR-CO-16': {
		flag: 'fatal',
		text: 'The amount due (BT-115) must equal the total with VAT (BT-112) minus the amount paid (BT-113) plus rounding (BT-114).',
	},
	...categoryRules(),
	...exemptionTexts(),
};

function exemptionTexts(): Record<string, { flag: RuleFlag; text: string }> {
	return Object.fromEntries(
		Object.entries(CATEGORY_RULES)
			.filter(([code]) => !['L', 'M'].includes(code))
			.map(([code, { rule, name }]) => [
				rule.replace(/-08$/, '-10'),
				{
					flag: 'fatal' as const,
					text: ['S', 'Z'].includes(code)
						? `A VAT breakdown of category ${code} (${name}) must not give an exemption reason (BT-120, BT-121).`
						: `A VAT breakdown of category ${code} (${name}) must give an exemption reason or its code (BT-120, BT-121).`,
				},
			]),
	);
}

function categoryRules(): Record<string, { flag: RuleFlag; text: string }> {
	return Object.fromEntries(
		Object.entries(CATEGORY_RULES).map(([code, { rule, name }]) => [
			rule,
			{
				flag: 'fatal' as const,
				// S, L and M are checked rate by rate; the others over the whole category.
				text: `The taxable amount (BT-116) of VAT category ${code} (${name}) must equal its lines' net amounts plus its document-level charges minus its allowances${['S', 'L', 'M'].includes(code) ? ', for each rate' : ''}.`,
			},
		]),
	);
}
