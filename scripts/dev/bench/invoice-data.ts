import { fork } from 'node:child_process';
import { join } from 'node:path';
import { startPeakSampler } from '../../../testbeds/memory';
import { corpusFiles, sampleOf, shortName } from './invoice-corpus';
import type { FileTiming, ReaderReply, ReaderRequest } from './invoice-reader';

/** How many PDFs and how many XML files quick mode reads (and the plain PDF). */
const QUICK_PER_KIND = 8;

export type InvoiceGroupName = 'hybrid_pdf' | 'xml' | 'plain_pdf' | 'pdf_as_plain';

export interface InvoiceGroup {
	files: number;
	/** Of those, read as e-invoices. */
	e_invoices: number;
	/** readInvoiceFile threw (it promises not to). */
	exceptions: number;
	/** Per file, the median of its repetitions; then the group's median and 95th percentile. */
	median_ms: number;
	p95_ms: number;
	max_ms: number;
	/** The slowest files (up to three), to know what the percentile is made of. */
	slowest: { file: string; ms: number }[];
}

export interface InvoiceDataResult {
	name: 'invoice_data';
	/** Every corpus file, or quick mode's sample. */
	sample: 'all' | 'quick';
	repetitions: number;
	groups: Record<InvoiceGroupName, InvoiceGroup>;
	/** PDFs that were neither hybrid (XML found) nor plain (no embedded invoice): unreadable, or threw. */
	unreadable_pdfs: string[];
	/** The reader's process, sampled like the contenders' (RSS, 10 times a second). */
	peak_rss_mb: number;
	start_rss_mb: number;
	/** The kernel's high-water mark of that process's RSS (catches peaks between samples). */
	max_rss_mb: number;
}

const median = (sorted: number[]) => {
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** Nearest rank: the smallest value that at least 95% of the files do not exceed. */
const p95 = (sorted: number[]) => sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)];
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Which group a file's timing falls in: hybrid, a PDF the XML was found in; plain, a PDF read
 * as having no embedded invoice; XML, every XML file whatever its outcome (FatturaPA and other
 * non-EN 16931 files are read, and refused, as users' would be).
 */
function groupOf(t: FileTiming): InvoiceGroupName | undefined {
	if (!t.pdf) return 'xml';
	if (t.outcome === 'e-invoice') return 'hybrid_pdf';
	if (t.outcome === 'exception') return undefined;
	// No error code: a plain PDF read for its text once plain-PDF recognition (#34 §4) lands.
	if (t.code === undefined || t.code === 'no-embedded-invoice') return 'plain_pdf';
	return undefined;
}

function summarise(timings: FileTiming[]): InvoiceGroup {
	const perFile = timings.map((t) => ({
		file: shortName(t.file),
		ms: median([...t.ms].sort((a, b) => a - b)),
	}));
	const sorted = perFile.map((f) => f.ms).sort((a, b) => a - b);
	const empty = sorted.length === 0;
	return {
		files: timings.length,
		e_invoices: timings.filter((t) => t.outcome === 'e-invoice').length,
		exceptions: timings.filter((t) => t.outcome === 'exception').length,
		median_ms: empty ? 0 : round(median(sorted)),
		p95_ms: empty ? 0 : round(p95(sorted)),
		max_ms: empty ? 0 : round(sorted[sorted.length - 1]),
		slowest: perFile
			.sort((a, b) => b.ms - a.ms)
			.slice(0, 3)
			.map((f) => ({ file: f.file, ms: round(f.ms) })),
	};
}

/** Forks the reader, asks it one thing and waits for its reply. */
function readerProcess() {
	const child = fork(join(__dirname, 'invoice-reader.js'));
	let next = 0;
	const ready = new Promise<void>((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`the invoice reader ended (exit code ${code})`)));
		child.once('message', () => resolve());
	});
	const call = (request: ReaderRequest) =>
		new Promise<ReaderReply>((resolve, reject) => {
			const id = next++;
			const onMessage = (m: { id: number; reply?: ReaderReply; error?: string }) => {
				if (m.id !== id) return;
				child.off('message', onMessage);
				if (m.error !== undefined) reject(new Error(`invoice reader: ${m.error}`));
				else resolve(m.reply!);
			};
			child.on('message', onMessage);
			// A reader that dies (out of memory, a crash) fails the scenario instead of hanging it.
			child.once('exit', (code) =>
				reject(new Error(`the invoice reader ended (exit code ${code})`)),
			);
			child.send({ id, request });
		});
	return { child, ready, call };
}

/**
 * invoice_data: every file of the public e-invoice corpora (quick: a sample) read with
 * readInvoiceFile in a process of its own, each `reps` times, after one untimed read per kind.
 */
export async function runInvoiceData(quick: boolean, reps: number): Promise<InvoiceDataResult> {
	const all = corpusFiles();
	const files = quick ? sampleOf(all, QUICK_PER_KIND) : all;
	const reader = readerProcess();
	try {
		await reader.ready;
		await reader.call({ op: 'gc' });
		// Ten samples a second: a corpus of a few hundred files takes seconds, not minutes.
		const sampler = startPeakSampler(reader.child.pid!, 100);
		const reply = await reader.call({ op: 'read', files, reps }).catch((error: unknown) => {
			sampler.stop();
			throw error;
		});
		const { peakMb, startMb } = sampler.stop();
		const by = (g: InvoiceGroupName) => reply.timings.filter((t) => groupOf(t) === g);
		return {
			name: 'invoice_data',
			sample: quick ? 'quick' : 'all',
			repetitions: reps,
			groups: {
				hybrid_pdf: summarise(by('hybrid_pdf')),
				xml: summarise(by('xml')),
				plain_pdf: summarise(by('plain_pdf')),
				// Every PDF read as a plain invoice (text layer and recognition, XML ignored): the
				// corpus has one plain PDF, its 148 hybrids give the time per page of text.
				pdf_as_plain: summarise(
					reply.timings
						.filter((t) => t.textMs?.length)
						.map((t) => ({ ...t, ms: t.textMs!, outcome: 'not e-invoice' as const })),
				),
			},
			unreadable_pdfs: reply.timings
				.filter((t) => groupOf(t) === undefined)
				.map((t) => shortName(t.file)),
			peak_rss_mb: peakMb,
			start_rss_mb: startMb,
			max_rss_mb: reply.maxRssMb,
		};
	} finally {
		reader.child.kill();
	}
}
