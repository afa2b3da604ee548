import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MAX_PDF_BYTES, MAX_XML_BYTES } from '../../../portals/invoice-data';

/** The extensions a folder's files are read for; a file named on the command line is read whatever its name. */
const INVOICE_FILE = /\.(pdf|xml)$/i;

/** The reader refuses larger files anyway; not loading them keeps a stray huge file from filling memory. */
const MAX_FILE_BYTES = Math.max(MAX_PDF_BYTES, MAX_XML_BYTES);

export interface FileToRead {
	/** The path as given, or joined to the folder given. */
	path: string;
	/** What is printed: the path relative to the folder given, or as given. */
	label: string;
}

export type Found =
	| { kind: 'missing'; message: string }
	| { kind: 'files'; files: FileToRead[]; skipped: number };

/**
 * The files to read at a path: the file itself, or every PDF and XML file under a folder
 * (recursively, sorted, so two runs print the same order). Links to folders are not followed:
 * a link back up the tree would never end. Other files in a folder are counted, not read.
 */
export function filesAt(path: string): Found {
	let stats;
	try {
		stats = statSync(path);
	} catch (e) {
		const reason =
			(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (e as Error).message;
		return {
			kind: 'missing',
			message: `${path}: ${reason}. Give the path of a PDF or XML file, or of a folder holding some.`,
		};
	}
	if (!stats.isDirectory()) return { kind: 'files', files: [{ path, label: path }], skipped: 0 };
	const files: FileToRead[] = [];
	let skipped = 0;
	const walk = (dir: string) => {
		const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
			a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
		);
		for (const entry of entries) {
			const full = join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (entry.isFile() && INVOICE_FILE.test(entry.name))
				files.push({ path: full, label: relative(path, full) });
			else skipped += 1;
		}
	};
	walk(path);
	return { kind: 'files', files, skipped };
}

/** The file's bytes, or why they could not be read (no permission, too large, a folder vanished). */
export function bytesOf(path: string): { body: Buffer } | { error: string } {
	try {
		const size = statSync(path).size;
		if (size > MAX_FILE_BYTES) {
			return {
				error: `the file is ${size} bytes; invoices over ${MAX_FILE_BYTES} bytes are not read`,
			};
		}
		return { body: readFileSync(path) };
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'EACCES' || code === 'EPERM')
			return { error: 'no permission to read it (check its permissions)' };
		return { error: `it could not be read from disk: ${(e as Error).message}` };
	}
}
