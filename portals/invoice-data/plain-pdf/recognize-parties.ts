import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { RecognizedField } from './recognized-types';
import type { TextLine } from './text-lines';

const IBAN = /\b([A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]{4}){2,7}(?:[ \u00a0]?[A-Z0-9]{1,3})?)\b/g;
/** Words of a line that speaks of the buyer's account or id, not the seller's. */
const BUYER =
	/\b(?:your|ihr(?:em|es)?|votre|uw|su|vostro|kunde|kunden|customer|client|buyer|käufer|acheteur|klant|cliente|destinatario|empfänger|lastschrift|abbuchen|abgebucht|débit|prélev)/i;

/**
 * The IBAN to pay to: every IBAN-shaped run whose checksum and country format hold (ibantools),
 * not on a line about the buyer's account (a direct debit). Sure when one IBAN is found and
 * labelled; less when several differ.
 */
export function recognizeIban(lines: TextLine[]): RecognizedField<string> | undefined {
	const found: { value: string; labelled: boolean; source: string }[] = [];
	for (const line of lines) {
		if (BUYER.test(line.text)) continue;
		for (const m of line.text.replace(/ \| /g, ' ').matchAll(IBAN)) {
			const value = electronicFormatIBAN(m[1]) ?? '';
			if (!isValidIBAN(value)) continue;
			found.push({ value, labelled: /iban/i.test(line.text), source: line.text });
		}
	}
	if (!found.length) return undefined;
	const top = found.find((f) => f.labelled) ?? found[0];
	const distinct = new Set(found.map((f) => f.value)).size;
	const confidence = (top.labelled ? 0.9 : 0.7) - (distinct > 1 ? 0.3 : 0);
	return { value: top.value, confidence, source: top.source };
}

/** EU VAT ids by country (the country's format, without its check digits). */
const VAT_ID =
	/\b(ATU\d{8}|BE[01]\d{9}|DE\d{9}|DK\d{8}|EL\d{9}|ES[A-Z0-9]\d{7}[A-Z0-9]|FI\d{8}|FR[A-HJ-NP-Z0-9]{2}\d{9}|IE\d{7}[A-Z]{1,2}|IT\d{11}|LU\d{8}|NL\d{9}B\d{2}|PL\d{10}|PT\d{9}|SE\d{12}|CHE\d{9}(?:MWST|TVA|IVA)?|GB\d{9})\b/;

/**
 * The seller's VAT id: EU-shaped VAT ids (spaces and dots removed) on lines that do not speak
 * of the buyer. The one met most often wins; sure when it is the only one.
 */
export function recognizeVatId(lines: TextLine[]): RecognizedField<string> | undefined {
	const found = new Map<string, { count: number; source: string }>();
	for (const line of lines) {
		if (BUYER.test(line.text)) continue;
		const squeezed = line.text.replace(/(?<=[A-Z0-9])[ .\u00a0](?=[A-Z0-9])/g, '');
		for (const m of squeezed.matchAll(new RegExp(VAT_ID, 'g'))) {
			const entry = found.get(m[1]) ?? { count: 0, source: line.text };
			entry.count++;
			found.set(m[1], entry);
		}
	}
	const sorted = [...found.entries()].sort((a, b) => b[1].count - a[1].count);
	if (!sorted.length) return undefined;
	const [value, { source }] = sorted[0];
	return { value, confidence: sorted.length === 1 ? 0.85 : 0.55, source };
}

const LEGAL_FORM =
	/\b(?:GmbH|AG|KG|OHG|UG|e\.\s?K\.|SARL|S\.?A\.?S\.?|SA|EURL|Ltd\.?|Limited|LLC|Inc\.?|PLC|B\.?V\.?|N\.?V\.?|S\.?L\.?U?|S\.?p\.?A\.?|S\.?r\.?l\.?|e\.\s?V\.|GbR|Co\.)(?![\p{L}])/u;
const SELLER_LABEL =
	/^(?:verkäufer|lieferant|rechnungssteller|seller|supplier|vendor|vendeur|fournisseur|leverancier|verkoper|vendedor|proveedor|emisor|fornitore|cedente|venditore)\s*:?\s*$/i;
const ID_WORDS = /\b(?:nummer|number|gln|gtin|nr\.?|id|iban|bic)\b/i;
const SENDER_SPLIT = /\s*(?:\||·|•|●|–|—|,| - )\s*/;

/**
 * The seller's name: the line after a "Seller:"/"Lieferant:" heading, else the first part of
 * the sender line over the address window ("Acme GmbH · Street 1 · 12345 Town"), else the
 * first line of the first page that carries a legal form (GmbH, SARL, Ltd, B.V., S.L., S.r.l.).
 */
export function recognizeSellerName(lines: TextLine[]): RecognizedField<string> | undefined {
	for (const line of lines) {
		if (!SELLER_LABEL.test(line.cells[0]?.text ?? '')) continue;
		// The first line under the heading that is a name: not an id line ("Nummer: 549910",
		// "Globale Nummer: 4000001123452 (GTIN)"); a "Name:" prefix is dropped.
		const next = lines
			.slice(line.index + 1, line.index + 6)
			.map((l) => ({ l, text: clean(l.text).replace(/^name\s*:\s*/i, '') }))
			.find(({ text }) => /\p{L}{3}/u.test(text) && !text.includes(':') && !ID_WORDS.test(text));
		if (next) return { value: next.text, confidence: 0.7, source: next.l.text };
	}
	const firstPage = lines.filter((l) => l.page === lines[0]?.page);
	for (const line of firstPage) {
		const parts = line.text.split(SENDER_SPLIT).filter(Boolean);
		if (
			parts.length >= 3 &&
			parts.some((p) => /\b\d{4,5}\b/.test(p)) &&
			/\p{L}{2}/u.test(parts[0])
		) {
			if (LEGAL_FORM.test(parts[0]) || parts.length >= 4) {
				return { value: clean(parts[0]), confidence: 0.65, source: line.text };
			}
		}
	}
	const legal = firstPage.find(
		(l) =>
			!BUYER.test(l.text) &&
			!/^(?:\(c\)|©|copyright)/i.test(l.text) &&
			LEGAL_FORM.test(l.cells[0]?.text ?? ''),
	);
	if (legal) return { value: clean(legal.cells[0].text), confidence: 0.5, source: legal.text };
	return undefined;
}

const clean = (s: string) => s.replace(/\s*\|\s*/g, ' ').trim();

const CURRENCY_CODES = /\b(EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CZK|HUF|RON|BGN|JPY|CAD|AUD)\b/g;
const SIGNS: Record<string, string> = { '€': 'EUR', '£': 'GBP', $: 'USD' };

/**
 * The currency: the ISO codes and signs (€, £, $) in the text, the one met most. Sure when one
 * currency is met at least twice and no other; less when the text mixes them.
 */
export function recognizeCurrency(lines: TextLine[]): RecognizedField<string> | undefined {
	const count = new Map<string, { n: number; source: string }>();
	const add = (code: string, source: string) => {
		const entry = count.get(code) ?? { n: 0, source };
		entry.n++;
		count.set(code, entry);
	};
	for (const line of lines) {
		for (const m of line.text.matchAll(CURRENCY_CODES)) add(m[1], line.text);
		for (const [sign, code] of Object.entries(SIGNS))
			if (line.text.includes(sign)) add(code, line.text);
	}
	const sorted = [...count.entries()].sort((a, b) => b[1].n - a[1].n);
	if (!sorted.length) return undefined;
	const [value, { n, source }] = sorted[0];
	const confidence = sorted.length === 1 ? (n >= 2 ? 0.9 : 0.7) : 0.6;
	return { value, confidence, source };
}
