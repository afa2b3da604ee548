import type { Page } from 'playwright';

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
 * by the selector (a data attribute every document row has, or tbody).
 */
export async function findRows(
	page: Page,
	pdfHrefs: string[],
	downloadWords: string[],
): Promise<RowsFound | undefined> {
	return page.evaluate(
		({ hrefs, words }) => {
			const pdf = new Set(hrefs);
			const esc = (s: string) => CSS.escape(s);
			const text = (el: Element) =>
				((el as HTMLElement).innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
			const pdfIn = (el: Element) =>
				Array.from(el.querySelectorAll<HTMLAnchorElement>('a[href]')).find((a) => pdf.has(a.href));
			const isDownloadButton = (b: Element) => words.some((w) => text(b).toLowerCase().includes(w));
			const buttonIn = (el: Element) =>
				Array.from(el.querySelectorAll('button')).find(isDownloadButton);
			const pdfHrefsIn = (el: Element) =>
				new Set(
					Array.from(el.querySelectorAll<HTMLAnchorElement>('a[href]'))
						.map((a) => a.href)
						.filter((h) => pdf.has(h)),
				);
			const rowOf = (a: Element): Element => {
				for (
					let el = a.parentElement;
					el?.parentElement && el !== document.body;
					el = el.parentElement
				) {
					// A row repeats with other documents: cells of one row that link to the same
					// file twice (a name and a thumbnail) are not rows of their own.
					const mine = pdfHrefsIn(el);
					const same = Array.from(el.parentElement.children).filter(
						(c) =>
							c.tagName === el!.tagName &&
							(c === el || (pdfIn(c) && ![...pdfHrefsIn(c)].some((h) => mine.has(h)))),
					);
					if (same.length >= 2) return el;
				}
				return a.closest('tr, li') ?? a.parentElement!;
			};
			const anchors = Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]')).filter(
				(a) => pdf.has(a.href),
			);
			if (!anchors.length) return undefined;
			const byParent = new Map<Element, Set<Element>>();
			for (const a of anchors) {
				const row = rowOf(a);
				const set = byParent.get(row.parentElement!) ?? new Set<Element>();
				set.add(row);
				byParent.set(row.parentElement!, set);
			}
			const [parent, found] = [...byParent].sort((a, b) => b[1].size - a[1].size)[0];
			const tag = [...found][0].tagName;
			const rows = Array.from(parent.children).filter(
				(c) => c.tagName === tag && (pdfIn(c) || buttonIn(c)),
			);

			// Selectors: an id, else the tag with its classes, prefixed by ancestors until unique.
			const own = (el: Element) =>
				el.id
					? `${el.tagName.toLowerCase()}#${esc(el.id)}`
					: el.tagName.toLowerCase() +
						Array.from(el.classList)
							.map((c) => `.${esc(c)}`)
							.join('');
			const unique = (el: Element) => {
				let selector = own(el);
				for (
					let up = el.parentElement;
					up && document.querySelectorAll(selector).length > 1;
					up = up.parentElement
				) {
					if (up === document.documentElement) break;
					if (up.id || up.classList.length) selector = `${own(up)} ${selector}`;
				}
				return selector;
			};
			const container =
				parent.tagName === 'TBODY' ? `${unique(parent.closest('table')!)} tbody` : unique(parent);
			const common = (els: Element[]) =>
				Array.from(els[0].classList).filter((c) => els.every((e) => e.classList.contains(c)));
			const attrNames = Array.from(rows[0].attributes)
				.map((a) => a.name)
				.filter((n) => n.startsWith('data-') && rows.every((r) => r.hasAttribute(n)));
			let rowSelector = `${container} ${tag.toLowerCase()}${common(rows)
				.map((c) => `.${esc(c)}`)
				.join('')}`;
			const idAttr = attrNames.find((n) => /id$/.test(n)) ?? attrNames[0];
			if (idAttr) rowSelector += `[${idAttr}]`;
			const matched = Array.from(document.querySelectorAll(rowSelector));
			if (matched.length !== rows.length || matched.some((m) => !rows.includes(m)))
				rowSelector += ':has(a[href], button)';

			// Columns: table cells by position (a class when every row's cell has it), or the leaves
			// of a card (elements with text and no children), by class or by position.
			const columns = new Map<string, { label: string; values: (string | null)[] }>();
			const table = parent.closest('table');
			const headers = table
				? Array.from(table.querySelectorAll('thead th, thead td')).map(text)
				: [];
			const leafPath = (row: Element, el: Element): string => {
				const cls = Array.from(el.classList).find(
					(c) => row.querySelectorAll(`.${esc(c)}`).length === 1,
				);
				if (cls) return `.${esc(cls)}`;
				const steps: string[] = [];
				for (let e: Element | null = el; e && e !== row; e = e.parentElement) {
					const index =
						Array.from(e.parentElement!.children)
							.filter((c) => c.tagName === e!.tagName)
							.indexOf(e) + 1;
					steps.unshift(`${e.tagName.toLowerCase()}:nth-of-type(${index})`);
				}
				return `:scope > ${steps.join(' > ')}`;
			};
			rows.forEach((row, r) => {
				const cells =
					row.tagName === 'TR'
						? Array.from(row.children).map((td, i) => {
								const cls = Array.from(td.classList).find(
									(c) =>
										rows.every((o) => o.children[i]?.classList.contains(c)) &&
										row.querySelectorAll(`.${esc(c)}`).length === 1,
								);
								const selector = cls
									? `${td.tagName.toLowerCase()}.${esc(cls)}`
									: `${td.tagName.toLowerCase()}:nth-child(${i + 1})`;
								return { el: td, selector, label: `${headers[i] ?? ''} ${td.className}` };
							})
						: Array.from(row.querySelectorAll('*'))
								.filter(
									(el) =>
										!el.children.length &&
										text(el) &&
										!el.closest('a, button, form, script, style'),
								)
								.map((el) => ({
									el,
									selector: leafPath(row, el),
									label: `${el.className} ${el.id}`,
								}));
				for (const cell of cells) {
					const column = columns.get(cell.selector) ?? {
						label: cell.label,
						values: rows.map(() => null),
					};
					column.values[r] = text(cell.el);
					columns.set(cell.selector, column);
				}
			});

			const attributes: Record<string, (string | null)[]> = {};
			for (const name of attrNames) attributes[name] = rows.map((r) => r.getAttribute(name));

			// The PDF link in a row: by its classes, the download attribute, or a part of its address.
			const rowLinks = rows.map(pdfIn);
			const withLink = rowLinks.filter((a): a is HTMLAnchorElement => !!a);
			const linkWorks = (selector: string) =>
				rows.every((row, i) => (row.querySelector(selector) ?? undefined) === rowLinks[i]);
			const firstPath = withLink[0] ? new URL(withLink[0].href).pathname : '';
			const linkCandidates = [
				...common(withLink).map((c) => `a.${esc(c)}`),
				'a[download]',
				'a[href$=".pdf" i]',
				...firstPath
					.split('/')
					.filter((s) => s && !/\d/.test(s))
					.reverse()
					.map((s) => `a[href*="/${s.replace(/"/g, '')}"]`),
			];
			const linkSelector = withLink.length ? linkCandidates.find(linkWorks) : undefined;

			// A download button where a row has no link (export forms): classes common to them all.
			const buttons = rows
				.filter((_, i) => !rowLinks[i])
				.map((row) => buttonIn(row)!)
				.filter(Boolean);
			let button: { selector: string; texts: string[] } | undefined;
			if (buttons.length) {
				const selector = `button${common(buttons)
					.map((c) => `.${esc(c)}`)
					.join('')}`;
				const texts = rows.flatMap((row) => Array.from(row.querySelectorAll(selector)).map(text));
				button = { selector, texts };
			}
			return {
				selector: rowSelector,
				count: rows.length,
				columns: [...columns].map(([selector, c]) => ({ selector, ...c })),
				attributes,
				link: linkSelector
					? {
							selector: linkSelector,
							hrefs: rows.map(
								(row) => row.querySelector(linkSelector)?.getAttribute('href') ?? null,
							),
						}
					: undefined,
				button,
			};
		},
		{ hrefs: pdfHrefs, words: downloadWords },
	);
}
