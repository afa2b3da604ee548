import { Worker } from 'node:worker_threads';
import type { SchemaFile } from './schema-files';

/**
 * libxml2's xmllint compiled to WebAssembly (the `xmllint-wasm` package, pinned), run in a worker
 * thread of our own rather than through the package's validateXML: a hostile file must not hold
 * the process, so the worker has a time limit after which it is terminated, a cap on its
 * WebAssembly memory, and a cap on its JavaScript heap (the messages it collects).
 */
export const SCHEMA_TIME_LIMIT_MS = 10_000;
/** 64 KiB pages: 16 MiB to start, at most 256 MiB (a 20 MiB XML needs about 10 times its size). */
const INITIAL_PAGES = 256;
const MAX_PAGES = 4096;
const MAX_HEAP_MB = 64;

export interface XmllintRun {
	/** 0: valid; 3 or 4: not valid against the schema; anything else: xmllint could not check. */
	exitCode: number;
	stderr: string;
}

/** Thrown when the check did not finish: over time, out of memory, or the worker failed. */
export class SchemaCheckError extends Error {}

const WORKER = require.resolve('xmllint-wasm/xmllint-node.js');
/** The package's worker answers only messages tagged with this key (its own protocol). */
const KEY = 'xmllint-wasm';

export function runXmllint(
	xml: Uint8Array,
	main: string,
	modules: SchemaFile[],
	timeLimitMs = SCHEMA_TIME_LIMIT_MS,
): Promise<XmllintRun> {
	const worker = new Worker(WORKER, {
		resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
		stdout: true,
		stderr: true,
	});
	return new Promise<XmllintRun>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new SchemaCheckError(`it took longer than ${timeLimitMs / 1000} s`)),
			timeLimitMs,
		);
		const done = () => clearTimeout(timer);
		worker.on('message', (data: { exitCode: number; stderr: string; [KEY]?: boolean }) => {
			if (data?.[KEY] !== true) return;
			done();
			resolve({ exitCode: data.exitCode, stderr: data.stderr });
		});
		worker.on('error', (e) => {
			done();
			reject(new SchemaCheckError(e.message));
		});
		worker.on('exit', () => {
			done();
			reject(new SchemaCheckError('the checker stopped without an answer'));
		});
		worker.postMessage({
			[KEY]: true,
			// The invoice is `invoice.xml`; `--nonet`: nothing is ever fetched (nor could be, in WASM).
			inputFiles: [{ fileName: 'invoice.xml', contents: xml }, ...modules],
			args: ['--nonet', '--noout', '--schema', main, 'invoice.xml'],
			initialMemory: INITIAL_PAGES,
			maxMemory: MAX_PAGES,
		});
	}).finally(() => void worker.terminate());
}
