/** A problem with one field's options, named by its path in the definition. */
export interface FieldOptionProblem {
	field: string;
	message: string;
}

/**
 * The checks a field's own options need, whether the field reads a page or an app's JSON: its
 * regex compiles, and its date format has day, month and year (a format without one would read
 * every date wrong, silently). `example` is the format the message suggests.
 */
export function fieldOptionProblems(
	path: string,
	field: { regex?: string; date?: string },
	example: string,
): FieldOptionProblem[] {
	const problems: FieldOptionProblem[] = [];
	if (field.regex !== undefined) {
		try {
			new RegExp(field.regex);
		} catch (error) {
			problems.push({
				field: `${path}.regex`,
				message: `is not a valid regular expression: ${(error as Error).message}`,
			});
		}
	}
	if (
		field.date !== undefined &&
		!(/yy/.test(field.date) && /d/.test(field.date) && /M|L/.test(field.date))
	)
		problems.push({
			field: `${path}.date`,
			message: `"${field.date}" needs day, month and year tokens (Luxon), e.g. ${example}`,
		});
	return problems;
}
