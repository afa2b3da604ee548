import { Worker } from 'node:worker_threads';
import {
	FIRST_TEXT_PAGES,
	MAX_TEXT_CHARS,
	MAX_TEXT_PAGES,
	TEXT_THREAD_HEAP_MB,
	TEXT_TIMEOUT_MS,
} from './text-limits';
import { TEXT_WORKER_CODE } from './text-worker-code';

/** One piece of text on a page, in PDF units (origin bottom left). */
export interface TextItem {
	s: string;
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface PdfPageText {
	number: number;
	width: number;
	height: number;
	items: TextItem[];
}

export interface PdfText {
	pageCount: number;
	pages: PdfPageText[];
	/** True when the character cap stopped the reading. */
	truncated: boolean;
}

/** Why a PDF's text could not be read. */
export class PdfTextError extends Error {
	constructor(
		readonly code: 'timeout' | 'unreadable',
		message: string,
	) {
		super(message);
		this.name = 'PdfTextError';
	}
}

interface Pending {
	resolve: (text: PdfText) => void;
	reject: (e: Error) => void;
	timer: NodeJS.Timeout;
}

/** How long an idle reader thread is kept for the next file (loading PDF.js takes ~0.3 s). */
const IDLE_MS = 10_000;

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/**
 * The text items of a PDF's pages (at most MAX_TEXT_PAGES, MAX_TEXT_CHARS characters), read in
 * a worker thread with a time and memory limit: a file that hangs or swells ends that thread
 * and gives a PdfTextError, never a stuck or crashed process.
 */
export function readPdfText(body: Buffer, timeoutMs = TEXT_TIMEOUT_MS): Promise<PdfText> {
	const thread = readerThread();
	if (idleTimer) clearTimeout(idleTimer);
	const id = nextId++;
	// A copy that can be handed over to the thread without copying again; the caller keeps its own.
	const data = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
	return new Promise<PdfText>((resolve, reject) => {
		const timer = setTimeout(() => {
			fail(new PdfTextError('timeout', `Reading the PDF's text took over ${timeoutMs / 1000} s.`));
		}, timeoutMs);
		pending.set(id, { resolve, reject, timer });
		thread.postMessage(
			{
				id,
				data,
				maxPages: MAX_TEXT_PAGES,
				firstPages: FIRST_TEXT_PAGES,
				maxChars: MAX_TEXT_CHARS,
			},
			[data as ArrayBuffer],
		);
	});
}

function readerThread(): Worker {
	if (worker) return worker;
	const thread = new Worker(TEXT_WORKER_CODE, {
		eval: true,
		workerData: { unpdfPath: require.resolve('unpdf') },
		resourceLimits: { maxOldGenerationSizeMb: TEXT_THREAD_HEAP_MB },
	});
	thread.on('message', (message: { id: number; text?: PdfText; error?: string }) => {
		const job = pending.get(message.id);
		if (!job) return;
		settle(message.id);
		if (message.text) job.resolve(message.text);
		else
			job.reject(new PdfTextError('unreadable', `The PDF's text cannot be read: ${message.error}`));
	});
	// A thread ended on purpose (a timeout, idle) has been replaced already: its end concerns
	// nobody; only the current thread's crash or memory limit fails the files it was reading.
	thread.on('error', (e) => {
		if (worker === thread)
			fail(new PdfTextError('unreadable', `The PDF's text cannot be read: ${e.message}`));
	});
	thread.on('exit', () => {
		if (worker === thread) fail(new PdfTextError('unreadable', "The PDF's text reader stopped."));
	});
	// Last, after the listeners: an idle reader must not keep a command or a test alive.
	thread.unref();
	worker = thread;
	return thread;
}

function settle(id: number): void {
	const job = pending.get(id);
	if (job) clearTimeout(job.timer);
	pending.delete(id);
	if (!pending.size && worker) {
		const idle = worker;
		idleTimer = setTimeout(() => void idle.terminate(), IDLE_MS);
		idleTimer.unref();
	}
}

/** Ends the thread and fails what it was reading: a hang, a crash or the memory limit. */
function fail(error: PdfTextError): void {
	const thread = worker;
	worker = undefined;
	const jobs = [...pending.values()];
	for (const id of [...pending.keys()]) settle(id);
	for (const job of jobs) job.reject(error);
	if (thread) void thread.terminate();
}
