import type { InvoiceData } from '../../invoice-data';
import type { Validation } from '../validation-types';
import { validateSchema } from './validate-schema';

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
	const outcome = await validateSchema(xml, invoice.source.namespace, timeLimitMs);
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
