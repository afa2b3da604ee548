/**
 * The source of the thread that reads a PDF's text layer with unpdf (PDF.js, pure JavaScript).
 * It runs in a worker thread so that a file that makes the parser loop or swell can be ended
 * (Worker.terminate, a heap limit) without touching the n8n process; it is plain JavaScript
 * given as source (eval) because the compiled file and the test runner's TypeScript would
 * otherwise need two paths to one worker file. It reads the pages asked for and posts back each
 * text item's string, position and size; nothing else of the PDF (no script, no font program:
 * isEvalSupported off, no font faces) is used.
 */
export const TEXT_WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const unpdfReady = import(require('node:url').pathToFileURL(workerData.unpdfPath).href);

function pagesToRead(count, max, first) {
	if (count <= max) return Array.from({ length: count }, (_, i) => i + 1);
	const last = max - first;
	const pages = Array.from({ length: first }, (_, i) => i + 1);
	for (let p = count - last + 1; p <= count; p++) pages.push(p);
	return pages;
}

async function readText({ data, maxPages, firstPages, maxChars }) {
	const { getDocumentProxy } = await unpdfReady;
	const pdf = await getDocumentProxy(new Uint8Array(data), {
		verbosity: 0,
		isEvalSupported: false,
		disableFontFace: true,
		useSystemFonts: false,
		enableXfa: false,
		stopAtErrors: false,
	});
	try {
		const pages = [];
		let chars = 0;
		let truncated = false;
		for (const number of pagesToRead(pdf.numPages, maxPages, firstPages)) {
			if (chars >= maxChars) { truncated = true; break; }
			const page = await pdf.getPage(number);
			const view = page.view;
			const content = await page.getTextContent();
			const items = [];
			for (const item of content.items) {
				// Spaces are kept: they tell a word break from a letter-spaced word.
				if (typeof item.str !== 'string' || !item.str) continue;
				if (chars + item.str.length > maxChars) { truncated = true; break; }
				chars += item.str.length;
				const t = item.transform;
				items.push({ s: item.str, x: t[4], y: t[5], w: item.width, h: item.height || Math.abs(t[3]) });
			}
			pages.push({ number, width: view[2] - view[0], height: view[3] - view[1], items });
			page.cleanup();
		}
		return { pageCount: pdf.numPages, pages, truncated };
	} finally {
		await pdf.destroy();
	}
}

parentPort.on('message', (job) => {
	readText(job).then(
		(text) => parentPort.postMessage({ id: job.id, text }),
		(e) => parentPort.postMessage({ id: job.id, error: String((e && e.message) || e) }),
	);
});
`;
