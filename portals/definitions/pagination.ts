import type { Readable, Surface } from '../core/contract/surface';
import { hrefOf } from './page-reader';
import type { DefinitionSpec } from './spec';

export type PaginationSpec = NonNullable<DefinitionSpec['documents']['pagination']>;

/**
 * After a page was read: the next page (to read the rows from), more rows added to this one, or
 * there is no more.
 */
export type PageTurn = { next: Readable } | 'moreRows' | 'end';

interface Turn {
	/** The page just read (in the browser, a next page may have been read without showing it). */
	page: Readable;
	/** The run's page, which opens the next one. */
	surface: Surface;
	spec: PaginationSpec;
	/** The documents list's row selector. */
	rows: string;
	/** The address the list started at, and the number of the page just read (1-based). */
	startUrl: string;
	pageNo: number;
}

/**
 * The ways a documents list shows its next page, in the order they are tried. Adding a kind means
 * an entry here and its field in the definition schema's documents.pagination. A next page of its
 * own is opened to be read (surface.openToRead): the browser reads it without rendering where the
 * server's HTML has the rows.
 */
const KINDS: {
	applies: (spec: PaginationSpec) => boolean;
	turn: (t: Turn) => Promise<PageTurn>;
}[] = [
	{
		// A "next" link: followed until there is none.
		applies: (spec) => !!spec.next,
		async turn({ page, surface, spec, rows }) {
			const next = await hrefOf(page, spec.next!);
			if (!next) return 'end';
			return { next: await surface.openToRead(next, rows) };
		},
	},
	{
		// ?page=2, ?page=3 … on the list's own address; an empty page ends it.
		applies: (spec) => !!spec.pageParam,
		async turn({ surface, spec, rows, startUrl, pageNo }) {
			const url = new URL(startUrl);
			url.searchParams.set(spec.pageParam!, String(pageNo + 1));
			return { next: await surface.openToRead(url.toString(), rows) };
		},
	},
	{
		// A "load more" button, or scrolling to the end: rows are added to the same page (the
		// browser only: without scripts nothing adds rows).
		applies: (spec) => !!spec.loadMore || !!spec.infiniteScroll,
		async turn({ surface, spec, rows }) {
			return (await surface.more(rows, spec.loadMore)) ? 'moreRows' : 'end';
		},
	},
];

/** Shows the next page of a documents list as the definition's pagination says; without one, there is no next page. */
export async function turnPage(turn: Turn): Promise<PageTurn> {
	const kind = KINDS.find((k) => k.applies(turn.spec));
	return kind ? kind.turn(turn) : 'end';
}
