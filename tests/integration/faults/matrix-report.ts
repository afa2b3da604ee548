import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Row {
	name: string;
	engine: 'http' | 'browser';
	/** ok, FAIL, gap (see Gap in matrix.ts), or n/a (the fault cannot happen on this engine). */
	verdict: 'ok' | 'FAIL' | 'gap' | 'n/a';
	seen?: string;
	lost?: number;
	duplicates?: number;
	note?: string;
}

const RESULTS = 'faults-results.json';

/** The rows an earlier file of the matrix wrote in this folder, if any. */
function earlierRows(path: string): Row[] {
	if (!existsSync(path)) return [];
	try {
		return (JSON.parse(readFileSync(path, 'utf8')) as { scenarios?: Row[] }).scenarios ?? [];
	} catch {
		return [];
	}
}

/**
 * Prints one test file's rows (scenario by scenario, HTTP then the browser) and writes them into
 * faults-results.json. The matrix is split over several files: each replaces its own scenarios'
 * rows there and keeps the others', so a whole run leaves the whole matrix.
 */
export function writeMatrix(matrix: Row[]): void {
	const names = [...new Set(matrix.map((m) => m.name))];
	const rows = names.flatMap((name) => matrix.filter((m) => m.name === name));
	const width = Math.max(...rows.map((m) => m.name.length));
	const lines = rows.map((m) =>
		[
			m.name.padEnd(width),
			m.engine.padEnd(7),
			m.verdict.padEnd(4),
			(m.seen ?? '').padEnd(40),
			m.lost === undefined ? '' : `lost ${m.lost}  twice ${m.duplicates}`,
			m.note ? `\n${' '.repeat(width + 2)}${m.note}` : '',
		].join('  '),
	);
	process.stdout.write(
		`\nFault matrix (${names.length} scenarios, ${rows.length} rows)\n${lines.join('\n')}\n`,
	);
	const path = join(process.cwd(), RESULTS);
	const kept = earlierRows(path).filter((row) => !names.includes(row.name));
	writeFileSync(path, `${JSON.stringify({ scenarios: [...kept, ...rows] }, null, 2)}\n`);
}
