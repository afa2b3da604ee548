import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import type { IRun, Workflow } from 'n8n-workflow';

/**
 * The suite-wide secret scan (issue 7): every test file collects what the package put in front
 * of a user or an operator, and after the file every secret the demo portals issued or received
 * (passwords, authenticator secrets, session ids, CSRF tokens, codes) is searched for in it.
 *
 * Collected: every item the package's nodes output (JSON, and binary debug material such as the
 * redacted page HTML and screenshots; not the portal's own PDFs), every node and workflow error,
 * the workflow's saved static data, every engine result and rejection, every console line and
 * everything written to stdout/stderr, the output of child processes tests start, and the status
 * files the runs wrote.
 */
export interface Material {
	source: string;
	text: string;
}

const collected: Material[] = [];
const extraSecrets: string[] = [];

/** A secret of the test itself (an API key, say) that the file's scan must also look for. */
export function addSecret(value: string): void {
	extraSecrets.push(value);
}

export function takeExtraSecrets(): string[] {
	return extraSecrets.splice(0, extraSecrets.length);
}

export function auditText(source: string, text: unknown): void {
	if (text === undefined || text === null) return;
	collected.push({ source, text: typeof text === 'string' ? text : safeJson(text) });
}

function safeJson(value: unknown): string {
	try {
		// Buffers (downloaded files, screenshots) arrive here already turned into {type, data}.
		return JSON.stringify(value, (_k, v) =>
			v?.type === 'Buffer' && Array.isArray(v.data) ? `[buffer ${v.data.length}]` : v,
		);
	} catch {
		return String(value);
	}
}

const OUR_NODES = 'n8n-nodes-invoice-portals.';

/** What one n8n execution shows: our nodes' items (JSON + debug binaries), every error, static data. */
export function auditRun(run: IRun, workflow: Workflow): void {
	const runData = run.data.resultData.runData;
	for (const [name, runs] of Object.entries(runData)) {
		const ours = workflow.getNode(name)?.type.startsWith(OUR_NODES) ?? false;
		for (const task of runs) {
			if (task.error)
				auditText(`error of ${name}`, {
					message: task.error.message,
					description: task.error.description,
				});
			if (!ours) continue;
			auditText(`hints of ${name}`, task.hints);
			for (const output of task.data?.main ?? []) {
				for (const item of output ?? []) {
					auditText(`item of ${name}`, item.json);
					for (const [key, binary] of Object.entries(item.binary ?? {})) {
						auditText(`binary ${key} metadata of ${name}`, { ...binary, data: undefined });
						// The portal's documents are its business; debug material is ours.
						if (binary.mimeType === 'application/pdf' || !binary.data || binary.id) continue;
						auditText(
							`binary ${key} of ${name}`,
							Buffer.from(binary.data, 'base64').toString('latin1'),
						);
					}
				}
			}
		}
	}
	const error = run.data.resultData.error;
	if (error)
		auditText('workflow error', { message: error.message, description: error.description });
	auditText('static data', workflow.staticData);
}

/** Copies console and stdout/stderr into the collection (they still print as before). */
export function captureLogs(): void {
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		const original = console[method].bind(console);
		console[method] = (...args: unknown[]) => {
			auditText(`console.${method}`, format(...args));
			original(...args);
		};
	}
	for (const stream of [process.stdout, process.stderr]) {
		const original = stream.write.bind(stream) as (...a: unknown[]) => boolean;
		stream.write = ((chunk: unknown, ...rest: unknown[]) => {
			auditText(
				stream === process.stdout ? 'stdout' : 'stderr',
				Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk),
			);
			return original(chunk, ...rest);
		}) as typeof stream.write;
	}
}

export interface Hit {
	secret: string;
	source: string;
	context: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where any secret occurs. Long secrets match anywhere; short ones (six-digit codes, captcha
 * texts) only as a whole token, so that an invoice number or a timestamp that happens to
 * contain the same digits is not a leak.
 */
export function findSecrets(material: Material[], secrets: Iterable<string>): Hit[] {
	const hits: Hit[] = [];
	for (const secret of new Set(secrets)) {
		if (secret.length < 4) continue;
		const pattern =
			secret.length >= 10
				? new RegExp(escape(secret), 'g')
				: new RegExp(`(?<![A-Za-z0-9])${escape(secret)}(?![A-Za-z0-9])`, 'g');
		for (const { source, text } of material) {
			const match = pattern.exec(text);
			pattern.lastIndex = 0;
			// The secret itself is not repeated in the report: its position and surroundings are.
			if (match)
				hits.push({
					secret: `${secret.slice(0, 2)}…(${secret.length})`,
					source,
					context: text.slice(Math.max(0, match.index - 40), match.index).replace(/\s+/g, ' '),
				});
		}
	}
	return hits;
}

/**
 * The status files the test file's runs wrote (one JSON record per connection, in the file's own
 * N8N_USER_FOLDER, which the checker's and `npm run try`'s child processes share): the docs say
 * they hold no secrets, so they are searched like everything else.
 */
export function auditStatusFiles(dir: string): void {
	if (!existsSync(dir)) return;
	for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')))
		auditText(`status file ${name}`, readFileSync(join(dir, name), 'utf8'));
}

export function takeCollected(): Material[] {
	return collected.splice(0, collected.length);
}

/** One line per test file for the suite's summary (see no-browser-left.ts). */
export function reportScan(file: string, material: Material[], secrets: number, hits: Hit[]): void {
	const dir = process.env.INVOICE_PORTALS_SCAN_DIR;
	if (!dir) return;
	const chars = material.reduce((n, m) => n + m.text.length, 0);
	appendFileSync(
		join(dir, 'scan.jsonl'),
		`${JSON.stringify({ file, texts: material.length, chars, secrets, hits: hits.length })}\n`,
	);
}
