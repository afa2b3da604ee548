/**
 * The words that label an invoice's fields, per language (en, de, fr, nl, es, it), each with
 * how surely it names the field (0..1). Matched without case at a word start; a label's value
 * is what follows it on the line, or the cell under it. More specific labels score higher:
 * "Invoice number" before a bare "Invoice", "Total incl. VAT" before "Total".
 */
export type LabelField = 'number' | 'issueDate' | 'dueDate' | 'gross' | 'payable' | 'net' | 'vat';

export interface Label {
	field: LabelField;
	lang: string;
	re: RegExp;
	weight: number;
}

const NO = String.raw`(?:n(?:o|r|um|°|º|\.?º)?\.?|nr\.?|no\.?|#|number|nummer|numéro|numero|número|n\.)`;

const RAW: [LabelField, string, number, string][] = [
	// Invoice number.
	[
		'number',
		'en',
		0.85,
		String.raw`invoice\s*(?:no\.?|number|num\.?|#|id)|credit\s*note\s*(?:no\.?|number|#)`,
	],
	[
		'number',
		'de',
		0.85,
		String.raw`\p{L}*rechnungs?\s*-?\s*(?:nummer|nr\.?|no\.?|#)|gutschrifts?\s*-?\s*(?:nummer|nr\.?)|rechnungskorrektur\s*nr\.?|belegnummer|beleg-nr\.?|stornorechnung\s*nr\.?`,
	],
	[
		'number',
		'fr',
		0.85,
		String.raw`(?:num[ée]ro|n°|no\.?)\s*(?:de\s*)?(?:la\s*)?facture|facture\s*(?:n°|no\.?|num[ée]ro|nº)|avoir\s*(?:n°|no\.?)`,
	],
	[
		'number',
		'nl',
		0.85,
		String.raw`factuur\s*-?\s*(?:nummer|nr\.?|no\.?)|creditnota\s*(?:nummer|nr\.?)`,
	],
	[
		'number',
		'es',
		0.85,
		String.raw`(?:n[úu]mero|n\.?º|nº|no\.?)\s*(?:de\s*)?factura|factura\s*(?:n\.?º|nº|n[úu]m\.?|no\.?|n[úu]mero)`,
	],
	[
		'number',
		'it',
		0.85,
		String.raw`(?:numero|n\.|nr\.?)\s*(?:della\s*)?fattura|fattura\s*(?:n\.?|nr\.?|numero|n°)`,
	],
	['number', 'en', 0.6, String.raw`invoice|credit\s*note`],
	[
		'number',
		'de',
		0.6,
		String.raw`(?:\p{L}*rechnung(?:skorrektur)?|gutschrift)(?:(?![^.]*?(?:bestell|auftrag|liefer|vertrag|gemäß|laut|order))[\p{L}\s()\d|\-]{0,40}?(?=\s(?:nr|no)\.))?`,
	],
	['number', 'fr', 0.6, String.raw`facture|avoir`],
	['number', 'nl', 0.6, String.raw`factuur|creditnota`],
	['number', 'es', 0.6, String.raw`factura`],
	['number', 'it', 0.6, String.raw`fattura`],
	// Issue date.
	[
		'issueDate',
		'en',
		0.85,
		String.raw`invoice\s*date|date\s*of\s*(?:invoice|issue)|issue\s*date|credit\s*note\s*date`,
	],
	[
		'issueDate',
		'de',
		0.85,
		String.raw`rechnungs\s*-?\s*datum|gutschrifts?datum|belegdatum|ausstellungsdatum`,
	],
	[
		'issueDate',
		'fr',
		0.85,
		String.raw`date\s*(?:de\s*(?:la\s*)?)?(?:facture|facturation|l'avoir|d'émission)`,
	],
	['issueDate', 'nl', 0.85, String.raw`factuur\s*datum|factuurdatum`],
	[
		'issueDate',
		'es',
		0.85,
		String.raw`fecha\s*(?:de\s*)?(?:la\s*)?(?:factura|emisi[óo]n|expedici[óo]n)`,
	],
	['issueDate', 'it', 0.85, String.raw`data\s*(?:della\s*)?(?:fattura|emissione|documento)`],
	['issueDate', 'en', 0.55, String.raw`date`],
	['issueDate', 'de', 0.55, String.raw`datum`],
	['issueDate', 'fr', 0.55, String.raw`date`],
	['issueDate', 'nl', 0.55, String.raw`datum`],
	['issueDate', 'es', 0.55, String.raw`fecha`],
	['issueDate', 'it', 0.55, String.raw`data`],
	// Due date.
	['dueDate', 'en', 0.85, String.raw`due\s*date|payment\s*due|due\s*(?:on|by)|pay(?:able)?\s*by`],
	[
		'dueDate',
		'de',
		0.85,
		String.raw`f[äa]llig(?:keits?datum|\s*am|\s*bis)?|zahlbar\s*(?:bis|am)|zahlungsziel|zu\s*zahlen\s*bis`,
	],
	[
		'dueDate',
		'fr',
		0.85,
		String.raw`(?:date\s*d')?[ée]ch[ée]ance|payable\s*(?:le|avant)|à\s*payer\s*avant`,
	],
	[
		'dueDate',
		'nl',
		0.85,
		String.raw`vervaldatum|te\s*betalen\s*(?:voor|vóór)|uiterste\s*betaaldatum`,
	],
	['dueDate', 'es', 0.85, String.raw`(?:fecha\s*de\s*)?vencimiento`],
	['dueDate', 'it', 0.85, String.raw`(?:data\s*(?:di\s*)?)?scadenza`],
	// Due date in a payment term's sentence: "Zahlbar innerhalb 30 Tagen netto bis 04.04.2018",
	// "Please remit until 2019-07-01" (a discount's "Skonto … bis" is not one).
	[
		'dueDate',
		'en',
		0.7,
		String.raw`(?:remit|pay|payment|payable)(?:[\s|]+\p{L}+){0,3}?[\s|]+(?:until|by|before)`,
	],
	[
		'dueDate',
		'de',
		0.7,
		String.raw`(?:zahlbar|überweisen|zahlung|netto)(?:[\s|]+[\p{L}\d]+){0,6}?[\s|]+bis(?:\s+zum)?`,
	],
	[
		'dueDate',
		'fr',
		0.7,
		String.raw`(?:payable|à\s+régler|règlement)(?:[\s|]+\p{L}+){0,3}?[\s|]+(?:avant\s+le|le|au\s+plus\s+tard\s+le)`,
	],
	[
		'dueDate',
		'nl',
		0.7,
		String.raw`(?:betalen|betaling)(?:[\s|]+\p{L}+){0,3}?[\s|]+(?:vóór|voor|uiterlijk(?:\s+op)?)`,
	],
	[
		'dueDate',
		'es',
		0.7,
		String.raw`(?:pagar|pago)(?:[\s|]+\p{L}+){0,3}?[\s|]+(?:antes\s+del?|hasta\s+el)`,
	],
	['dueDate', 'it', 0.7, String.raw`(?:pagare|pagamento)(?:[\s|]+\p{L}+){0,3}?[\s|]+entro\s+il`],
	// Gross total (tax inclusive).
	[
		'gross',
		'en',
		0.85,
		String.raw`total\s*(?:amount\s*)?(?:\(?\s*(?:incl\.?|including|inc\.?|with)\s*(?:vat|tax)|gross)|gross\s*(?:total|amount)|grand\s*total|invoice\s*total|total\s*invoice\s*amount`,
	],
	[
		'gross',
		'de',
		0.85,
		String.raw`brutto\s*-?\s*(?:summe|betrag|gesamt)|gesamt\s*-?\s*(?:betrag|summe)\s*(?:brutto|inkl)|rechnungs\s*-?\s*(?:betrag|summe|endbetrag)(?!\s*(?:ohne|netto|exkl))|endbetrag|gesamtbetrag(?!\s*(?:der|netto|ohne|exkl))|gesamtsumme(?!\s*(?:netto|ohne|exkl))|summe\s*brutto|brutto`,
	],
	[
		'gross',
		'fr',
		0.85,
		String.raw`(?:total|montant)\s*(?:de\s*la\s*facture\s*)?t\.?t\.?c\.?|total\s*toutes\s*taxes`,
	],
	[
		'gross',
		'nl',
		0.85,
		String.raw`totaal\s*(?:bedrag\s*)?(?:incl\.?|inclusief)\s*(?:btw)?|totaalbedrag`,
	],
	[
		'gross',
		'es',
		0.85,
		String.raw`total\s*(?:de\s*(?:la\s*)?)?factura|importe\s*total|total\s*(?:con\s*)?iva\s*incluido`,
	],
	[
		'gross',
		'it',
		0.85,
		String.raw`totale\s*(?:documento|fattura|ivato|complessivo)|importo\s*totale`,
	],
	['gross', 'en', 0.5, String.raw`total`],
	['gross', 'de', 0.5, String.raw`gesamt|summe`],
	['gross', 'fr', 0.5, String.raw`total`],
	['gross', 'nl', 0.5, String.raw`totaal`],
	['gross', 'es', 0.5, String.raw`total`],
	['gross', 'it', 0.5, String.raw`totale`],
	// Amount payable: the gross total when nothing was prepaid.
	[
		'payable',
		'en',
		0.7,
		String.raw`amount\s*(?:due|payable)|(?:due|total)\s*payable|balance\s*due|total\s*due|to\s*pay`,
	],
	[
		'payable',
		'de',
		0.7,
		String.raw`zahlbetrag|zu\s*zahlen(?:der\s*betrag)?|offener\s*betrag|f[äa]lliger\s*betrag`,
	],
	['payable', 'fr', 0.7, String.raw`net\s*à\s*payer|(?:solde|montant|reste)\s*à\s*payer|à\s*payer`],
	['payable', 'nl', 0.7, String.raw`te\s*betalen(?:\s*bedrag)?`],
	['payable', 'es', 0.7, String.raw`total\s*a\s*pagar|importe\s*a\s*pagar`],
	['payable', 'it', 0.7, String.raw`(?:totale|netto)\s*da\s*pagare|importo\s*da\s*pagare`],
	// Net total (tax exclusive).
	[
		'net',
		'en',
		0.8,
		String.raw`(?:total|amount)\s*(?:\(?\s*(?:excl\.?|excluding|ex\.?|before|without)\s*(?:vat|tax)|net)|net\s*(?:total|amount)|sub\s*-?\s*total`,
	],
	[
		'net',
		'de',
		0.8,
		String.raw`netto\s*-?\s*(?:summe|betrag|gesamt)|(?:gesamt|rechnungs)\s*-?\s*(?:betrag|summe)\s*(?:netto|ohne|exkl)|summe\s*netto|zwischensumme|steuerbasisbetrag|netto`,
	],
	['net', 'fr', 0.8, String.raw`(?:total|montant)\s*h\.?t\.?|total\s*hors\s*taxes?`],
	['net', 'nl', 0.8, String.raw`totaal\s*(?:bedrag\s*)?(?:excl\.?|exclusief)\s*(?:btw)?|subtotaal`],
	['net', 'es', 0.8, String.raw`base\s*imponible|subtotal|total\s*sin\s*iva`],
	['net', 'it', 0.8, String.raw`(?:totale\s*)?imponibile|totale\s*netto`],
	// VAT total.
	['vat', 'en', 0.8, String.raw`(?:total\s*)?(?:vat|tax)\s*(?:amount|total)?|sales\s*tax`],
	[
		'vat',
		'de',
		0.8,
		String.raw`(?:summe\s*|gesamt\s*)?(?:umsatzsteuer|mehrwertsteuer|ust\.?|mwst\.?|steuer)\s*-?\s*(?:betrag|gesamt|summe)?|steuerbetrag`,
	],
	['vat', 'fr', 0.8, String.raw`(?:total|montant)\s*(?:de\s*la\s*)?(?:tva|taxes)|tva`],
	['vat', 'nl', 0.8, String.raw`(?:totaal\s*)?btw(?:\s*bedrag)?`],
	['vat', 'es', 0.8, String.raw`(?:total\s*|cuota\s*)?iva`],
	['vat', 'it', 0.8, String.raw`(?:totale\s*)?iva|imposta`],
];

export const LABELS: Label[] = RAW.map(([field, lang, weight, source]) => ({
	field,
	lang,
	weight,
	re: new RegExp(`(?<![\\p{L}])(?:${source})(?![\\p{L}])`, 'giu'),
}));

export { NO as NUMBER_MARK };
