import type { DefinitionProblem } from './validate';
import type { DefinitionSpec } from './spec';
import { fieldOptionProblems } from './field-checks';

/** documents.download.print: its field reads like any other, and only the browser prints. */
export function printProblems(spec: DefinitionSpec): DefinitionProblem[] {
	const print = spec.documents.download?.print;
	if (!print) return [];
	const problems = fieldOptionProblems('documents.download.print.open', print.open, 'dd-MM-yyyy');
	if (spec.engine === 'http')
		problems.push({
			field: 'engine',
			message:
				'is http, but documents.download.print needs the browser (it prints the invoice page to PDF); use auto or browser',
		});
	return problems;
}
