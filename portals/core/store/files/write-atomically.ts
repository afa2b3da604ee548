import { renameSync, writeFileSync } from 'node:fs';

/**
 * Writes a file whole or not at all (a temporary file renamed over the old one), so that a reader
 * never sees half a record. Synchronous: a lease's read-then-write must not let another run of
 * this process in between.
 */
export function writeAtomically(path: string, text: string): void {
	const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	writeFileSync(temp, text);
	renameSync(temp, path);
}
