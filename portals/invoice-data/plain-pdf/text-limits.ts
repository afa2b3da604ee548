/**
 * Caps on reading a plain PDF's text layer. A hostile file may claim thousands of pages, hold
 * megabytes of text or make the parser loop: the pages read, the characters kept, the time and
 * the memory of the thread that reads are all bounded.
 */
/** Pages read: the first ones (number, dates, seller) and the last ones (totals, bank). */
export const MAX_TEXT_PAGES = 12;
export const FIRST_TEXT_PAGES = 8;
/** Characters kept over all pages read; an invoice's text is a few thousand. */
export const MAX_TEXT_CHARS = 200_000;
/** A file whose text is not read within this is given up (its thread is ended). */
export const TEXT_TIMEOUT_MS = 20_000;
/** Heap of the thread that reads a PDF's text, in MB: a file that needs more is refused. */
export const TEXT_THREAD_HEAP_MB = 512;
/** Below this many letters or digits on the pages read, the PDF is taken for a scan. */
export const MIN_TEXT_CHARS = 20;
