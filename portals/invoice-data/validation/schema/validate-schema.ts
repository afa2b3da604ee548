import type { Finding } from '../validation-types';
import { invoiceFileName, runXmllint, SchemaCheckError } from './run-xmllint';
import { schemaFiles, schemaFor, type SchemaChoice } from './schema-files';

/** At most this many schema errors become findings; one more says how many were left out. */
const MAX_FINDINGS = 20;
const MAX_MESSAGE = 600;
/** A run holds at most this many invoices, and this many bytes of them, in its memory. */
const BATCH_FILES = 50;
const BATCH_BYTES = 16 * 1024 * 1024;

export interface SchemaOutcome {
	/** The schema checked against (e.g. `UBL 2.1 Invoice`); undefined when none applies. */
	schema?: string;
	/** `checked`: xmllint gave a verdict; `not checked`: no schema, or the check did not finish. */
	status: 'checked' | 'not checked';
	findings: Finding[];
}

export interface SchemaInput {
	xml: Uint8Array;
	/** The root element's namespace URI: it chooses the schema. */
	namespace?: string;
}

/**
 * The XML against its XSD (CII D16B, UBL 2.1 Invoice or CreditNote), by libxml2 in WebAssembly.
 * Each schema error is a fatal finding `XSD` with libxml2's own words and the line; a check that
 * did not finish (time, memory) is a warning saying so, never a verdict. Never throws.
 */
export async function validateSchema(
	xml: Uint8Array,
	namespace: string | undefined,
	timeLimitMs?: number,
): Promise<SchemaOutcome> {
	const [outcome] = await validateSchemas([{ xml, namespace }], timeLimitMs);
	return outcome;
}

/**
 * Many invoices at once, in order: those of one schema share runs of up to 50 files (16 MiB),
 * which parse the schema once; reading a folder this way costs a fraction of one run per file.
 */
export async function validateSchemas(
	inputs: SchemaInput[],
	timeLimitMs?: number,
): Promise<SchemaOutcome[]> {
	const outcomes: SchemaOutcome[] = inputs.map(() => ({ status: 'not checked', findings: [] }));
	for (const batch of batches(inputs)) {
		const results = await checkBatch(
			batch.choice,
			batch.indexes.map((i) => inputs[i].xml),
			timeLimitMs,
		);
		batch.indexes.forEach((i, k) => (outcomes[i] = results[k]));
	}
	return outcomes;
}

function batches(inputs: SchemaInput[]): { choice: SchemaChoice; indexes: number[] }[] {
	const out: { choice: SchemaChoice; indexes: number[]; bytes: number }[] = [];
	inputs.forEach(({ xml, namespace }, i) => {
		const choice = schemaFor(namespace);
		if (!choice) return;
		const open = out.find(
			(b) =>
				b.choice === choice &&
				b.indexes.length < BATCH_FILES &&
				b.bytes + xml.length <= BATCH_BYTES,
		);
		if (open) {
			open.indexes.push(i);
			open.bytes += xml.length;
		} else out.push({ choice, indexes: [i], bytes: xml.length });
	});
	return out;
}

async function checkBatch(
	choice: SchemaChoice,
	xmls: Uint8Array[],
	timeLimitMs?: number,
): Promise<SchemaOutcome[]> {
	let failed: SchemaOutcome;
	try {
		const run = await runXmllint(xmls, choice.main, schemaFiles(choice), timeLimitMs);
		if (run.exitCode === 0 || run.exitCode === 3 || run.exitCode === 4) {
			return xmls.map((_, i) => outcomeOf(run.stderr, invoiceFileName(i), choice.name));
		}
		// -1: WebAssembly aborted (its memory cap); anything else: xmllint could not read a file.
		failed = notFinished(choice.name, firstLine(run.stderr), run.exitCode === -1);
	} catch (e) {
		const error = e instanceof SchemaCheckError ? e : new SchemaCheckError(String(e));
		failed = notFinished(choice.name, error.message, error.overLimit);
	}
	// One hostile file must not cost the others their verdict: check each alone.
	if (xmls.length > 1) {
		const alone: SchemaOutcome[] = [];
		for (const xml of xmls) alone.push(...(await checkBatch(choice, [xml], timeLimitMs)));
		return alone;
	}
	return [failed];
}

/**
 * One invoice's verdict from a run's messages: xmllint ends each file with `<name> validates`
 * or `<name> fails to validate`, and writes each error as `<name>:28: element LineNo: Schemas
 * validity error : Element '{ns}LineNo': This element is not expected. …`. Each error becomes a
 * finding at its line, the namespaces' URIs left out (they say nothing to a reader).
 */
function outcomeOf(stderr: string, name: string, schema: string): SchemaOutcome {
	const said = stderr.split('\n').filter((line) => line.startsWith(name));
	if (said.includes(`${name} validates`)) return { schema, status: 'checked', findings: [] };
	if (!said.includes(`${name} fails to validate`)) {
		return notFinished(schema, firstLine(said.join('\n') || stderr), false);
	}
	const errors = said
		.map((line) =>
			new RegExp(`^${name.replace('.', '\\.')}:(\\d+): (?:element \\S+: )?(.*)$`).exec(line),
		)
		.filter((m): m is RegExpExecArray => m !== null);
	const findings: Finding[] = errors.slice(0, MAX_FINDINGS).map(([, line, text]) => ({
		rule: 'XSD',
		flag: 'fatal',
		message: `The XML does not follow its schema (${schema}): ${clip(text.replace(/\{[^}]*\}/g, ''))}`,
		where: `xml line ${line}`,
	}));
	if (errors.length > MAX_FINDINGS) {
		findings.push({
			rule: 'XSD',
			flag: 'fatal',
			message: `And ${errors.length - MAX_FINDINGS} more schema errors.`,
			where: 'xml',
		});
	}
	// A failed verdict without a readable line still fails: say so rather than pass.
	if (findings.length === 0) {
		const message = `The XML does not follow its schema (${schema}): ${clip(firstLine(said.join('\n')))}`;
		findings.push({ rule: 'XSD', flag: 'fatal', message, where: 'xml' });
	}
	return { schema, status: 'checked', findings };
}

/**
 * A check that did not finish gives no verdict. Over the time or memory limit it is a fatal
 * finding all the same: a file that costly to check is not one to book unseen. A checker that
 * cannot run at all (not installed) is a warning.
 */
function notFinished(schema: string, why: string, overLimit: boolean): SchemaOutcome {
	const message = `The XML could not be checked against its schema (${schema}): ${clip(why)}${overLimit ? '. Taken as invalid: a file this costly to check is not one to accept unseen.' : ''}`;
	return {
		schema,
		status: 'not checked',
		findings: [{ rule: 'XSD', flag: overLimit ? 'fatal' : 'warning', message, where: 'xml' }],
	};
}

const firstLine = (text: string) => text.split('\n').find((l) => l.trim() !== '') ?? 'no message';
const clip = (text: string) =>
	text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
