import type { DocumentType } from '../../core/contract/documents';

/**
 * What documents lists are called, in English, German, French, Dutch, Spanish and Italian.
 * Stems, matched inside words: "rechnung" finds "Rechnungen" and "Rechnungsarchiv",
 * "factur" finds "facturen", "factures", "facturas", "fatture" is its own stem.
 */
export const DOCUMENT_STEMS = [
	'invoice',
	'bill',
	'billing',
	'document',
	'statement',
	'receipt',
	'file',
	'download',
	'pdf',
	'rechnung',
	'dokument',
	'beleg',
	'abrechnung',
	'archiv',
	'postfach',
	'factur',
	'facture',
	'relevé',
	'releve',
	'justificatif',
	'quittance',
	'factuur',
	'facturen',
	'nota',
	'overzicht',
	'bestand',
	'factura',
	'recibo',
	'documento',
	'extracto',
	'fattur',
	'ricevut',
	'bolletta',
	'bollette',
	'estratt',
];

/** The share of a text's words that name documents: for ranking pages and links. */
export function documentWordHits(text: string): number {
	const words = text
		.toLowerCase()
		.split(/[^\p{L}]+/u)
		.filter(Boolean);
	// Short stems only at a word's start ("file" is in "profile"); long ones inside compounds too.
	return words.filter((w) =>
		DOCUMENT_STEMS.some((s) => w.startsWith(s) || (s.length >= 6 && w.includes(s))),
	).length;
}

/**
 * A portal's word for a document type → ours. Checked in this order: a credit note is often
 * called "credit invoice" and a reminder "invoice reminder", so the specific kinds come first.
 */
export const TYPE_STEMS: [DocumentType, string[]][] = [
	[
		'credit_note',
		[
			'credit',
			'gutschrift',
			'avoir',
			'crédit',
			'abono',
			'rectificativa',
			'nota di credito',
			'nota de crédito',
			'storno',
		],
	],
	[
		'reminder',
		[
			'reminder',
			'dunning',
			'mahnung',
			'erinnerung',
			'rappel',
			'relance',
			'herinnering',
			'aanmaning',
			'recordatorio',
			'requerimiento',
			'sollecito',
			'promemoria',
		],
	],
	[
		'statement',
		[
			'statement',
			'overview',
			'summary',
			'kontoauszug',
			'jahresübersicht',
			'übersicht',
			'relevé',
			'releve',
			'récapitulatif',
			'overzicht',
			'afschrift',
			'extracto',
			'resumen',
			'estratto',
			'riepilogo',
		],
	],
	['invoice', ['invoice', 'bill', 'rechnung', 'facture', 'factuur', 'factura', 'fattura', 'nota']],
];

export function typeOfWord(text: string): DocumentType | undefined {
	const lower = text.toLowerCase();
	return TYPE_STEMS.find(([, stems]) => stems.some((s) => lower.includes(s)))?.[0];
}

/**
 * Usual type labels of each language, put into the definition's map beside the values seen on
 * the first page: later pages may show a kind (a reminder, say) that the first page did not.
 */
export const USUAL_TYPE_LABELS: Record<string, Record<string, DocumentType>> = {
	en: {
		Invoice: 'invoice',
		'Credit note': 'credit_note',
		'Credit memo': 'credit_note',
		Reminder: 'reminder',
		'Payment reminder': 'reminder',
		Statement: 'statement',
		'Annual statement': 'statement',
	},
	de: {
		Rechnung: 'invoice',
		Gutschrift: 'credit_note',
		Mahnung: 'reminder',
		Zahlungserinnerung: 'reminder',
		Kontoauszug: 'statement',
		Jahresübersicht: 'statement',
	},
	fr: {
		Facture: 'invoice',
		Avoir: 'credit_note',
		Rappel: 'reminder',
		Relance: 'reminder',
		Relevé: 'statement',
		'Relevé annuel': 'statement',
	},
	nl: {
		Factuur: 'invoice',
		Creditnota: 'credit_note',
		Creditfactuur: 'credit_note',
		Herinnering: 'reminder',
		Betalingsherinnering: 'reminder',
		Jaaroverzicht: 'statement',
		Overzicht: 'statement',
	},
	es: {
		Factura: 'invoice',
		Abono: 'credit_note',
		'Nota de crédito': 'credit_note',
		Recordatorio: 'reminder',
		Extracto: 'statement',
	},
	it: {
		Fattura: 'invoice',
		'Nota di credito': 'credit_note',
		Sollecito: 'reminder',
		'Estratto conto': 'statement',
	},
};

/** Words on a button (or link) that downloads a file. */
export const DOWNLOAD_WORDS = [
	'download',
	'pdf',
	'herunterladen',
	'télécharger',
	'telecharger',
	'downloaden',
	'descargar',
	'scarica',
	'export',
	'exportieren',
	'exporter',
	'exporteren',
	'exportar',
	'esporta',
	'save',
	'speichern',
	'opslaan',
];

/** "Next page" links, and "load more" buttons. */
export const NEXT_WORDS = [
	'next',
	'older',
	'›',
	'»',
	'>',
	'weiter',
	'nächste',
	'ältere',
	'suivant',
	'plus anciens',
	'volgende',
	'oudere',
	'siguiente',
	'anteriores',
	'successivo',
	'successiva',
	'meno recenti',
];
export const LOAD_MORE_WORDS = [
	'load more',
	'show more',
	'more',
	'mehr laden',
	'mehr anzeigen',
	'weitere',
	'plus',
	'afficher plus',
	'charger plus',
	'meer laden',
	'toon meer',
	'meer',
	'cargar más',
	'ver más',
	'mostrar más',
	'carica altri',
	'mostra altri',
	'altro',
];

/** Page-number parameters in list addresses (?page=2). */
export const PAGE_PARAMS = [
	'page',
	'p',
	'pg',
	'pagina',
	'seite',
	'pagenum',
	'pageNumber',
	'page_number',
	'pageno',
	'pag',
];

/** Sub-account switchers, by their id, name or label. */
export const ACCOUNT_WORDS = [
	'account',
	'contract',
	'customer',
	'subscription',
	'kunde',
	'kunden',
	'vertrag',
	'konto',
	'compte',
	'contrat',
	'client',
	'abonnement',
	'klant',
	'klantnummer',
	'cuenta',
	'contrato',
	'cliente',
	'conto',
	'contratto',
	'utenza',
];

/** Column headers: the issue date, the due date, the number, the type, the description. */
export const ISSUE_DATE_WORDS = [
	'date',
	'issued',
	'datum',
	'rechnungsdatum',
	'date d',
	'émission',
	'factuurdatum',
	'fecha',
	'data',
	'emissione',
];
export const DUE_DATE_WORDS = [
	'due',
	'fällig',
	'faellig',
	'échéance',
	'echeance',
	'vervaldatum',
	'vervaldag',
	'uiterlijk',
	'vencimiento',
	'scadenza',
	'pay by',
	'zahlbar',
];
export const NUMBER_WORDS = [
	'number',
	'no',
	'nr',
	'num',
	'nummer',
	'numéro',
	'numero',
	'número',
	'reference',
	'ref',
	'id',
	'#',
];
export const TYPE_WORDS = [
	'type',
	'kind',
	'art',
	'typ',
	'dokumentart',
	'soort',
	'genre',
	'tipo',
	'categoria',
	'category',
];
export const TITLE_WORDS = [
	'description',
	'title',
	'beschreibung',
	'bezeichnung',
	'titel',
	'description',
	'libellé',
	'omschrijving',
	'descripción',
	'descrizione',
	'subject',
	'betreff',
];
export const AMOUNT_WORDS = [
	'amount',
	'total',
	'betrag',
	'summe',
	'montant',
	'bedrag',
	'totaal',
	'importe',
	'importo',
	'totale',
];
export const CURRENCY_WORDS = ['currency', 'währung', 'devise', 'valuta', 'moneda'];

/** Whether a label (a header, a class name, an id) says one of these words, as a whole word. */
export function labelSays(label: string, words: string[]): boolean {
	const text = ` ${label.toLowerCase().replace(/[^\p{L}\p{N}#]+/gu, ' ')} `;
	return words.some((w) => text.includes(` ${w} `) || (w.length > 4 && text.includes(w)));
}
