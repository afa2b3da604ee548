import type { Page } from 'playwright';
import { evaluateWith } from '../in-page';

/** One column of the rows: where it is in a row, what it is called, and each row's text. */
export interface Column {
	selector: string;
	/** The header above it, and its class names and id: what the portal calls it. */
	label: string;
	values: (string | null)[];
}

/** The repeated structure that holds the document links, read from the page. */
export interface RowsFound {
	selector: string;
	count: number;
	columns: Column[];
	/** Each row's data-* attributes (the portal's own ids live there). */
	attributes: Record<string, (string | null)[]>;
	/** The PDF link inside a row, and each row's href as written (null: this row has none). */
	link?: { selector: string; hrefs: (string | null)[] };
	/** A download button for the rows without a link, with the texts of every button it matches. */
	button?: { selector: string; texts: string[] };
}

/**
 * Finds the rows: for each PDF link, its lowest ancestor that repeats (a sibling of the same
 * tag also holds a PDF link): a table row, a list item, a card. The parent holding most such
 * rows is the list. Rows of that parent that hold a download button instead of a link (an
 * export form) belong to it too; header and "no documents" rows hold neither and are left out
 * by the selector (a data attribute every document row has, or tbody). Read in one evaluate,
 * by the in-page functions below (in the order they run).
 */
export async function findRows(
	page: Page,
	pdfHrefs: string[],
	downloadWords: string[],
): Promise<RowsFound | undefined> {
	return evaluateWith(
		page,
		readRows,
		[
			text,
			pdfIn,
			pdfHrefsIn,
			buttonIn,
			listOf,
			rowOf,
			commonClasses,
			dataAttributes,
			rowSelectorOf,
			ownSelector,
			uniqueSelector,
			columnsOf,
			tableCells,
			cardCells,
			leafPath,
			linkSelectorOf,
			buttonOf,
		],
		{ hrefs: pdfHrefs, words: downloadWords },
	);
}

/** Runs in the page: the list's rows, and what findRows reports of them. */
function readRows({ hrefs, words }: { hrefs: string[]; words: string[] }): RowsFound | undefined {
	const pdf = new Set(hrefs);
	const list = listOf(pdf, words);
	if (!list) return undefined;
	const { parent, tag, rows } = list;
	const attrNames = dataAttributes(rows);
	const selector = rowSelectorOf(parent, tag, rows, attrNames);
	const columns = columnsOf(parent, rows);
	const attributes: Record<string, (string | null)[]> = {};
	for (const name of attrNames) attributes[name] = rows.map((r) => r.getAttribute(name));
	const rowLinks = rows.map((row) => pdfIn(row, pdf));
	const linkSelector = linkSelectorOf(rows, rowLinks);
	return {
		selector,
		count: rows.length,
		columns,
		attributes,
		link: linkSelector
			? {
					selector: linkSelector,
					hrefs: rows.map((row) => row.querySelector(linkSelector)?.getAttribute('href') ?? null),
				}
			: undefined,
		button: buttonOf(rows, rowLinks, words),
	};
}

/** In the page: an element's visible text, whitespace collapsed. */
function text(el: Element): string {
	return ((el as HTMLElement).innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
}

/** In the page: the first link to one of the PDFs inside an element. */
function pdfIn(el: Element, pdf: Set<string>): HTMLAnchorElement | undefined {
	return Array.from(el.querySelectorAll<HTMLAnchorElement>('a[href]')).find((a) => pdf.has(a.href));
}

/** In the page: the PDFs an element links to. */
function pdfHrefsIn(el: Element, pdf: Set<string>): Set<string> {
	return new Set(
		Array.from(el.querySelectorAll<HTMLAnchorElement>('a[href]'))
			.map((a) => a.href)
			.filter((h) => pdf.has(h)),
	);
}

/** In the page: a button inside an element whose text says download (export forms). */
function buttonIn(el: Element, words: string[]): HTMLButtonElement | undefined {
	return Array.from(el.querySelectorAll('button')).find((b) =>
		words.some((w) => text(b).toLowerCase().includes(w)),
	);
}

/**
 * In the page: the list, the parent holding most rows with a PDF link, and its rows of that
 * tag with a PDF link or a download button; undefined when the page links to none of the PDFs.
 */
function listOf(
	pdf: Set<string>,
	words: string[],
): { parent: Element; tag: string; rows: Element[] } | undefined {
	const anchors = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]')).filter((a) =>
		pdf.has(a.href),
	);
	if (!anchors.length) return undefined;
	const byParent = new Map<Element, Set<Element>>();
	for (const a of anchors) {
		const row = rowOf(a, pdf);
		const set = byParent.get(row.parentElement!) ?? new Set<Element>();
		set.add(row);
		byParent.set(row.parentElement!, set);
	}
	const [parent, found] = [...byParent].sort((a, b) => b[1].size - a[1].size)[0];
	const tag = [...found][0].tagName;
	const rows = Array.from(parent.children).filter(
		(c) => c.tagName === tag && (pdfIn(c, pdf) || buttonIn(c, words)),
	);
	return { parent, tag, rows };
}

/** In the page: a PDF link's row, its lowest ancestor that repeats with other documents. */
function rowOf(a: Element, pdf: Set<string>): Element {
	for (let el = a.parentElement; el?.parentElement && el !== document.body; el = el.parentElement) {
		// A row repeats with other documents: cells of one row that link to the same
		// file twice (a name and a thumbnail) are not rows of their own.
		const mine = pdfHrefsIn(el, pdf);
		const same = Array.from(el.parentElement.children).filter(
			(c) =>
				c.tagName === el!.tagName &&
				(c === el || (pdfIn(c, pdf) && ![...pdfHrefsIn(c, pdf)].some((h) => mine.has(h)))),
		);
		if (same.length >= 2) return el;
	}
	return a.closest('tr, li') ?? a.parentElement!;
}

/** In the page: the classes every one of the elements has. */
function commonClasses(els: Element[]): string[] {
	return Array.from(els[0].classList).filter((c) => els.every((e) => e.classList.contains(c)));
}

/** In the page: the data-* attributes every row has (the portal's own ids live there). */
function dataAttributes(rows: Element[]): string[] {
	return Array.from(rows[0].attributes)
		.map((a) => a.name)
		.filter((n) => n.startsWith('data-') && rows.every((r) => r.hasAttribute(n)));
}

/**
 * In the page: the rows' selector: the list's, then the rows' tag and common classes, and a
 * data attribute (an id first) that header rows lack; when that still matches other elements,
 * only those with a link or button.
 */
function rowSelectorOf(parent: Element, tag: string, rows: Element[], attrNames: string[]): string {
	const container =
		parent.tagName === 'TBODY'
			? `${uniqueSelector(parent.closest('table')!)} tbody`
			: uniqueSelector(parent);
	let rowSelector = `${container} ${tag.toLowerCase()}${commonClasses(rows)
		.map((c) => `.${CSS.escape(c)}`)
		.join('')}`;
	const idAttr = attrNames.find((n) => /id$/.test(n)) ?? attrNames[0];
	if (idAttr) rowSelector += `[${idAttr}]`;
	const matched = Array.from(document.querySelectorAll(rowSelector));
	if (matched.length !== rows.length || matched.some((m) => !rows.includes(m)))
		rowSelector += ':has(a[href], button)';
	return rowSelector;
}

/** In the page: an element by its id, else its tag with its classes. */
function ownSelector(el: Element): string {
	return el.id
		? `${el.tagName.toLowerCase()}#${CSS.escape(el.id)}`
		: el.tagName.toLowerCase() +
				Array.from(el.classList)
					.map((c) => `.${CSS.escape(c)}`)
					.join('');
}

/** In the page: ownSelector, prefixed by ancestors (with an id or a class) until unique. */
function uniqueSelector(el: Element): string {
	let selector = ownSelector(el);
	for (
		let up = el.parentElement;
		up && document.querySelectorAll(selector).length > 1;
		up = up.parentElement
	) {
		if (up === document.documentElement) break;
		if (up.id || up.classList.length) selector = `${ownSelector(up)} ${selector}`;
	}
	return selector;
}

/**
 * In the page: the rows' columns, each with its label and every row's text: table cells by
 * position, or the leaves of a card. A row without a cell leaves null in that column.
 */
function columnsOf(parent: Element, rows: Element[]): Column[] {
	const columns = new Map<string, { label: string; values: (string | null)[] }>();
	const table = parent.closest('table');
	const headers = table ? Array.from(table.querySelectorAll('thead th, thead td')).map(text) : [];
	rows.forEach((row, r) => {
		const cells = row.tagName === 'TR' ? tableCells(row, rows, headers) : cardCells(row);
		for (const cell of cells) {
			const column = columns.get(cell.selector) ?? {
				label: cell.label,
				values: rows.map(() => null),
			};
			column.values[r] = text(cell.el);
			columns.set(cell.selector, column);
		}
	});
	return [...columns].map(([selector, c]) => ({ selector, ...c }));
}

/** In the page: a table row's cells by position, or by a class every row's cell there has. */
function tableCells(
	row: Element,
	rows: Element[],
	headers: string[],
): { el: Element; selector: string; label: string }[] {
	return Array.from(row.children).map((td, i) => {
		const cls = Array.from(td.classList).find(
			(c) =>
				rows.every((o) => o.children[i]?.classList.contains(c)) &&
				row.querySelectorAll(`.${CSS.escape(c)}`).length === 1,
		);
		const selector = cls
			? `${td.tagName.toLowerCase()}.${CSS.escape(cls)}`
			: `${td.tagName.toLowerCase()}:nth-child(${i + 1})`;
		return { el: td, selector, label: `${headers[i] ?? ''} ${td.className}` };
	});
}

/** In the page: a card's leaves (elements with text and no children), outside links and forms. */
function cardCells(row: Element): { el: Element; selector: string; label: string }[] {
	return Array.from(row.querySelectorAll('*'))
		.filter(
			(el) => !el.children.length && text(el) && !el.closest('a, button, form, script, style'),
		)
		.map((el) => ({ el, selector: leafPath(row, el), label: `${el.className} ${el.id}` }));
}

/** In the page: a leaf's selector within its row: a class only it has there, else its path. */
function leafPath(row: Element, el: Element): string {
	const cls = Array.from(el.classList).find(
		(c) => row.querySelectorAll(`.${CSS.escape(c)}`).length === 1,
	);
	if (cls) return `.${CSS.escape(cls)}`;
	const steps: string[] = [];
	for (let e: Element | null = el; e && e !== row; e = e.parentElement) {
		const index =
			Array.from(e.parentElement!.children)
				.filter((c) => c.tagName === e!.tagName)
				.indexOf(e) + 1;
		steps.unshift(`${e.tagName.toLowerCase()}:nth-of-type(${index})`);
	}
	return `:scope > ${steps.join(' > ')}`;
}

/**
 * In the page: the PDF link in a row: by its classes, the download attribute, or a part of its
 * address; the first that finds each row's own link (and nothing in rows without one).
 */
function linkSelectorOf(
	rows: Element[],
	rowLinks: (HTMLAnchorElement | undefined)[],
): string | undefined {
	const withLink = rowLinks.filter((a): a is HTMLAnchorElement => !!a);
	if (!withLink.length) return undefined;
	const firstPath = new URL(withLink[0].href).pathname;
	const candidates = [
		...commonClasses(withLink).map((c) => `a.${CSS.escape(c)}`),
		'a[download]',
		'a[href$=".pdf" i]',
		...firstPath
			.split('/')
			.filter((s) => s && !/\d/.test(s))
			.reverse()
			.map((s) => `a[href*="/${s.replace(/"/g, '')}"]`),
	];
	return candidates.find((selector) =>
		rows.every((row, i) => (row.querySelector(selector) ?? undefined) === rowLinks[i]),
	);
}

/** In the page: a download button where a row has no link (export forms), by their common classes. */
function buttonOf(
	rows: Element[],
	rowLinks: (HTMLAnchorElement | undefined)[],
	words: string[],
): { selector: string; texts: string[] } | undefined {
	const buttons = rows
		.filter((_, i) => !rowLinks[i])
		.map((row) => buttonIn(row, words)!)
		.filter(Boolean);
	if (!buttons.length) return undefined;
	const selector = `button${commonClasses(buttons)
		.map((c) => `.${CSS.escape(c)}`)
		.join('')}`;
	const texts = rows.flatMap((row) => Array.from(row.querySelectorAll(selector)).map(text));
	return { selector, texts };
}
