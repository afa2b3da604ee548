/** One recognised value: how sure the reader is (0..1) and the line of text it was read from. */
export interface RecognizedField<T> {
	value: T;
	confidence: number;
	source: string;
}

/** What was read from a plain PDF invoice's text layer; a field not found is left out. */
export interface RecognizedInvoice {
	/** The languages whose label words were found, most first (en, de, fr, nl, es, it). */
	languages: string[];
	number?: RecognizedField<string>;
	/** YYYY-MM-DD */
	issueDate?: RecognizedField<string>;
	dueDate?: RecognizedField<string>;
	currency?: RecognizedField<string>;
	totals: {
		/** The total including VAT (BT-112). */
		gross?: RecognizedField<number>;
		/** The total without VAT (BT-109). */
		net?: RecognizedField<number>;
		/** The VAT total (BT-110). */
		vat?: RecognizedField<number>;
	};
	/** The IBAN to pay to, its checksum verified. */
	iban?: RecognizedField<string>;
	seller: {
		name?: RecognizedField<string>;
		vatId?: RecognizedField<string>;
	};
}

/** How the text layer was read: its size, or why there is none to read. */
export type PlainPdfText =
	| { status: 'read'; pages: number; pagesRead: number; characters: number; truncated: boolean }
	| { status: 'no-text-layer'; pages: number; message: string }
	| { status: 'timeout' | 'unreadable'; message: string };
