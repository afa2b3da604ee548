import type { InvoiceData } from '../../invoice-data';
import type { Validation } from '../validation-types';
import { validateSchema, validateSchemas, type SchemaOutcome } from './validate-schema';

/**
 * The invoice's validation with the schema check added: its findings, `XSD` among the checks
 * when a verdict was given, and the status again (a schema error makes the invoice invalid).
 * ZUGFeRD 1 stays `not checked`: there is no schema for it here, nor official rules.
 */
export async function withSchemaValidation(
	invoice: InvoiceData,
	xml: Uint8Array,
	timeLimitMs?: number,
): Promise<InvoiceData> {
	if (invoice.validation.status === 'not checked') return invoice;
	return merged(invoice, await validateSchema(xml, invoice.source.namespace, timeLimitMs));
}

/**
 * Many invoices' schema checks in shared runs (validateSchemas: the schema is parsed once per
 * run of up to 50 files, most of a check's cost), each merged as withSchemaValidation does. For
 * a node that read a whole download's documents: one run instead of one per document.
 */
export async function withSchemaValidations(
	invoices: { invoice: InvoiceData; xml: Uint8Array }[],
	timeLimitMs?: number,
): Promise<InvoiceData[]> {
	const checked = invoices.filter((i) => i.invoice.validation.status !== 'not checked');
	const outcomes = await validateSchemas(
		checked.map((i) => ({ xml: i.xml, namespace: i.invoice.source.namespace })),
		timeLimitMs,
	);
	return invoices.map((i) => {
		const at = checked.indexOf(i);
		return at < 0 ? i.invoice : merged(i.invoice, outcomes[at]);
	});
}

function merged(invoice: InvoiceData, outcome: SchemaOutcome): InvoiceData {
	const findings = [...outcome.findings, ...invoice.validation.findings];
	const validation: Validation = {
		status: findings.some((f) => f.flag === 'fatal') ? 'invalid' : 'valid',
		rulesChecked: [
			...(outcome.status === 'checked' ? ['XSD'] : []),
			...invoice.validation.rulesChecked,
		],
		...(outcome.schema ? { schema: outcome.schema } : {}),
		findings,
	};
	return { ...invoice, validation };
}
