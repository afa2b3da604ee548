import type { Surface } from '../core/engine/surface';
import { hrefOf } from './page-reader';
import type { DefinitionSpec } from './spec';

export type PaginationSpec = NonNullable<DefinitionSpec['documents']['pagination']>;

/** After a page was read: a new page is open, more rows were added to this one, or there is no more. */
export type PageTurn = 'newPage' | 'moreRows' | 'end';

interface Turn {
	page: Surface;
	spec: PaginationSpec;
	/** The documents list's row selector. */
	rows: string;
	/** The address the list started at, and the number of the page just read (1-based). */
	startUrl: string;
	pageNo: number;
}

/**
 * The ways a documents list shows its next page, in the order they are tried. Adding a kind means
 * an entry here and its field in the definition schema's documents.pagination.
 */
const KINDS: {
	applies: (spec: PaginationSpec) => boolean;
	turn: (t: Turn) => Promise<PageTurn>;
}[] = [
	{
		// A "next" link: followed until there is none.
		applies: (spec) => !!spec.next,
		async turn({ page, spec }) {
			const next = await hrefOf(page, spec.next!);
			if (!next) return 'end';
			await page.open(next);
			return 'newPage';
		},
	},
	{
		// ?page=2, ?page=3 … on the list's own address; an empty page ends it.
		applies: (spec) => !!spec.pageParam,
		async turn({ page, spec, startUrl, pageNo }) {
			const url = new URL(startUrl);
			url.searchParams.set(spec.pageParam!, String(pageNo + 1));
			await page.open(url.toString());
			return 'newPage';
		},
	},
	{
		// A "load more" button, or scrolling to the end: rows are added to the same page (the
		// browser only: without scripts nothing adds rows).
		applies: (spec) => !!spec.loadMore || !!spec.infiniteScroll,
		async turn({ page, spec, rows }) {
			return (await page.more(rows, spec.loadMore)) ? 'moreRows' : 'end';
		},
	},
];

/** Shows the next page of a documents list as the definition's pagination says; without one, there is no next page. */
export async function turnPage(turn: Turn): Promise<PageTurn> {
	const kind = KINDS.find((k) => k.applies(turn.spec));
	return kind ? kind.turn(turn) : 'end';
}
