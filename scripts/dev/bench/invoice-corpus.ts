import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The public e-invoice corpora the invoice_data scenario reads, where they lie: ../shared/corpora
 * from the project root (see its README), never copied into the project. From dist/scripts/dev/bench.
 */
export const CORPORA = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpora');

/** The folders read, and which files of each: the ZUGFeRD corpus's PDFs and XML, the suite's XML. */
const SOURCES: { folder: string; suffixes: string[] }[] = [
	{ folder: join(CORPORA, 'zugferd-corpus'), suffixes: ['.pdf', '.xml'] },
	{
		folder: join(CORPORA, 'xrechnung-testsuite', 'src', 'test', 'business-cases'),
		suffixes: ['.xml'],
	},
];

/**
 * Every corpus file, sorted. A missing corpus is an error, not an empty scenario: a benchmark that
 * read nothing would print targets met.
 */
export function corpusFiles(): string[] {
	const files: string[] = [];
	for (const { folder, suffixes } of SOURCES) {
		if (!existsSync(folder)) {
			throw new Error(`The corpus folder ${folder} is missing: see ../shared/corpora/README.md.`);
		}
		const walk = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
				const path = join(dir, entry.name);
				if (entry.isDirectory()) return walk(path);
				const name = entry.name.toLowerCase();
				return suffixes.some((s) => name.endsWith(s)) ? [path] : [];
			});
		files.push(...walk(folder));
	}
	return files.sort();
}

/**
 * Quick mode's sample: every PDF whose name says it is not a hybrid (the plain one, in
 * `unstructured/`), and `perKind` PDFs and `perKind` XML files spread evenly over the sorted
 * lists, so that both corpora and several producers are in it.
 */
export function sampleOf(files: string[], perKind: number): string[] {
	const spread = (list: string[]) =>
		list.length <= perKind
			? list
			: Array.from({ length: perKind }, (_, i) => list[Math.floor((i * list.length) / perKind)]);
	const pdfs = files.filter((f) => f.toLowerCase().endsWith('.pdf'));
	const plain = pdfs.filter((f) => f.includes('/unstructured/'));
	const xml = files.filter((f) => f.toLowerCase().endsWith('.xml'));
	const picked = new Set([
		...plain,
		...spread(pdfs.filter((f) => !plain.includes(f))),
		...spread(xml),
	]);
	return files.filter((f) => picked.has(f));
}

/** A corpus file's name as the benchmark reports it. */
export const shortName = (path: string) => relative(CORPORA, path);
