import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readInvoiceFile } from '../../../portals/invoice-data';
import { readPlainPdf } from '../../../portals/invoice-data/plain-pdf/read-plain-pdf';
import { collectGarbage } from '../../../testbeds/memory';

/**
 * The invoice_data scenario's reader, in a Node process of its own (forked by invoice-data.ts) so
 * that its memory is the reader's, not the demo portal's or a contender's. Reads each file it is
 * sent with `readInvoiceFile`, as the node will, and times that call only: the file is read from
 * disk before the clock starts (n8n hands the node a buffer).
 */
export type ReaderRequest = { op: 'gc' } | { op: 'read'; files: string[]; reps: number };

/** How a file was read: an e-invoice, not one (with the reader's error code), or a throw. */
export interface FileTiming {
	file: string;
	pdf: boolean;
	outcome: 'e-invoice' | 'not e-invoice' | 'exception';
	code?: string;
	/** Milliseconds of each repetition. */
	ms: number[];
	/** A PDF's text read and recognised as a plain invoice's, its XML ignored: ms per repetition. */
	textMs?: number[];
}

export interface ReaderReply {
	timings: FileTiming[];
	/** The kernel's high-water mark of this process's RSS since it started, in MB. */
	maxRssMb: number;
}

async function timeOne(body: Buffer, file: string): Promise<Omit<FileTiming, 'file' | 'pdf'>> {
	const started = performance.now();
	try {
		const result = await readInvoiceFile(body, { fileName: basename(file) });
		const ms = performance.now() - started;
		if (result.isEInvoice) return { outcome: 'e-invoice', ms: [ms] };
		return { outcome: 'not e-invoice', code: result.error?.code, ms: [ms] };
	} catch {
		// readInvoiceFile promises never to throw: counted, so that the report shows it.
		return { outcome: 'exception', ms: [performance.now() - started] };
	}
}

const isPdf = (body: Buffer) => body.subarray(0, 5).toString('latin1') === '%PDF-';

async function readAll(files: string[], reps: number): Promise<FileTiming[]> {
	// Loading the reader's modules and the first compilation are the process's start, not a
	// file's cost (n8n loads the node once): one untimed read of the first PDF and the first XML.
	const pdf = files.map((file) => isPdf(readFileSync(file)));
	for (const kind of [true, false]) {
		const at = pdf.indexOf(kind);
		if (at >= 0) await readInvoiceFile(readFileSync(files[at]), { fileName: basename(files[at]) });
		// The text reader's thread and PDF.js load once too.
		if (at >= 0 && kind) await readPlainPdf(readFileSync(files[at]));
	}
	const timings: FileTiming[] = files.map((file, i) => ({
		file,
		pdf: pdf[i],
		outcome: 'e-invoice',
		ms: [],
	}));
	for (let rep = 0; rep < reps; rep++) {
		for (let i = 0; i < files.length; i++) {
			// Read from disk one at a time, not held: the corpus (about 70 MB) would be the peak.
			const one = await timeOne(readFileSync(files[i]), files[i]);
			timings[i].ms.push(...one.ms);
			timings[i].outcome = one.outcome;
			timings[i].code = one.code;
			if (pdf[i]) {
				const started = performance.now();
				await readPlainPdf(readFileSync(files[i]));
				(timings[i].textMs ??= []).push(performance.now() - started);
			}
		}
	}
	return timings;
}

function serve(): void {
	process.on('message', (message: { id: number; request: ReaderRequest }) => {
		const { id, request } = message;
		const work =
			request.op === 'gc'
				? Promise.resolve(collectGarbage()).then(() => ({ timings: [], maxRssMb: 0 }))
				: readAll(request.files, request.reps).then((timings) => ({
						timings,
						maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
					}));
		work.then(
			(reply: ReaderReply) => process.send!({ id, reply }),
			(error) =>
				process.send!({ id, error: error instanceof Error ? error.message : String(error) }),
		);
	});
	process.on('disconnect', () => process.exit(0));
	process.send!({ ready: true });
}

if (require.main === module) serve();
