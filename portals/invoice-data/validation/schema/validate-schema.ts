import type { Finding } from '../validation-types';
import { runXmllint, SchemaCheckError } from './run-xmllint';
import { schemaFiles, schemaFor } from './schema-files';

/** At most this many schema errors become findings; one more says how many were left out. */
const MAX_FINDINGS = 20;
const MAX_MESSAGE = 600;

export interface SchemaOutcome {
	/** The schema checked against (e.g. `UBL 2.1 Invoice`); undefined when none applies. */
	schema?: string;
	/** `checked`: xmllint gave a verdict; `not checked`: no schema, or the check did not finish. */
	status: 'checked' | 'not checked';
	findings: Finding[];
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
	const choice = schemaFor(namespace);
	if (!choice) return { status: 'not checked', findings: [] };
	const files = schemaFiles(choice);
	try {
		const run = await runXmllint(xml, choice.main, files, timeLimitMs);
		if (run.exitCode === 0) return { schema: choice.name, status: 'checked', findings: [] };
		if (run.exitCode === 3 || run.exitCode === 4) {
			return {
				schema: choice.name,
				status: 'checked',
				findings: schemaErrors(run.stderr, choice.name),
			};
		}
		return notFinished(choice.name, firstLine(run.stderr));
	} catch (e) {
		if (e instanceof SchemaCheckError) return notFinished(choice.name, e.message);
		return notFinished(choice.name, (e as Error)?.message ?? String(e));
	}
}

function notFinished(schema: string, why: string): SchemaOutcome {
	const message = `The XML could not be checked against its schema (${schema}): ${clip(why)}`;
	return {
		schema,
		status: 'not checked',
		findings: [{ rule: 'XSD', flag: 'warning', message, where: 'xml' }],
	};
}

/**
 * libxml2 writes `invoice.xml:28: element LineNo: Schemas validity error : Element '{ns}LineNo':
 * This element is not expected. …`: each becomes a finding at that line, its namespaces left
 * out of the message (the prefixes' URIs say nothing to a reader).
 */
function schemaErrors(stderr: string, schema: string): Finding[] {
	const errors = stderr
		.split('\n')
		.map((line) => /^invoice\.xml:(\d+): (?:element \S+: )?(.*)$/.exec(line))
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
		findings.push({
			rule: 'XSD',
			flag: 'fatal',
			message: `The XML does not follow its schema (${schema}): ${clip(firstLine(stderr))}`,
			where: 'xml',
		});
	}
	return findings;
}

const firstLine = (text: string) => text.split('\n').find((l) => l.trim() !== '') ?? 'no message';
const clip = (text: string) =>
	text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
