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
	/** 0: all valid; 3 or 4: one or more not valid; anything else: xmllint could not check. */
	exitCode: number;
	/** libxml2's messages, each line starting with the invoice's file name (`invoice-<i>.xml`). */
	stderr: string;
}

/** The name the i-th invoice of a run has in xmllint's in-memory file system. */
export const invoiceFileName = (i: number) => `invoice-${i}.xml`;

/**
 * Thrown when the check did not finish. `overLimit`: the file took more time or memory than a
 * check may (a sign of a hostile file); otherwise the checker itself failed (not installed).
 */
export class SchemaCheckError extends Error {
	constructor(
		message: string,
		readonly overLimit = false,
	) {
		super(message);
	}
}

/** Resolved when first needed: reading invoices never depends on the checker being installed. */
let workerFile: string | undefined;
function worker(): string {
	workerFile ??= require.resolve('xmllint-wasm/xmllint-node.js');
	return workerFile;
}
/** The package's worker answers only messages tagged with this key (its own protocol). */
const KEY = 'xmllint-wasm';

/**
 * Checks the invoices against one schema in one run: the schema is parsed once (most of the
 * time a check takes), then each invoice in turn. The time limit is per invoice.
 */
export function runXmllint(
	xmls: Uint8Array[],
	main: string,
	modules: SchemaFile[],
	timeLimitMs = SCHEMA_TIME_LIMIT_MS,
): Promise<XmllintRun> {
	const limit = timeLimitMs * xmls.length;
	const names = xmls.map((_, i) => invoiceFileName(i));
	let thread: Worker;
	try {
		thread = new Worker(worker(), {
			resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
			stdout: true,
			stderr: true,
		});
	} catch (e) {
		return Promise.reject(
			new SchemaCheckError(`the checker cannot start: ${(e as Error).message}`),
		);
	}
	return new Promise<XmllintRun>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new SchemaCheckError(`it took longer than ${limit / 1000} s`, true)),
			limit,
		);
		const done = () => clearTimeout(timer);
		thread.on('message', (data: { exitCode: number; stderr: string; [KEY]?: boolean }) => {
			if (data?.[KEY] !== true) return;
			done();
			resolve({ exitCode: data.exitCode, stderr: data.stderr });
		});
		thread.on('error', (e: Error & { code?: string }) => {
			done();
			reject(new SchemaCheckError(e.message, e.code === 'ERR_WORKER_OUT_OF_MEMORY'));
		});
		thread.on('exit', () => {
			done();
			reject(new SchemaCheckError('the checker stopped without an answer'));
		});
		thread.postMessage({
			[KEY]: true,
			// `--nonet`: nothing is ever fetched (nor could be, in WebAssembly).
			inputFiles: [...xmls.map((contents, i) => ({ fileName: names[i], contents })), ...modules],
			args: ['--nonet', '--noout', '--schema', main, ...names],
			initialMemory: INITIAL_PAGES,
			maxMemory: MAX_PAGES,
		});
	}).finally(() => void thread.terminate());
}
