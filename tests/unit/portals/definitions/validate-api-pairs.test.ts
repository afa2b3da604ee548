import { definitionProblems } from '../../../../portals/definitions/validate';
import { readDefinition as read } from './shipped-definitions';

/**
 * Two additions to `documents.api` (issue 33, /spa/): a download that is base64 where the item
 * has it and another kind where it does not, and constant headers the app's API requires
 * (`x-client: web-2.1`). Each is valid in its one allowed shape and refused with one message
 * naming the field otherwise; a constant never stands in for a credential.
 */
type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const problemsAfter = (edit: Edit) => {
	const definition = read('demo/demo-spa.json');
	edit(definition);
	return definitionProblems(definition);
};

const onlyProblem = (edit: Edit) => {
	const problems = problemsAfter(edit);
	expect(problems).toHaveLength(1);
	return problems[0];
};

test('base64Field beside one other download kind is valid', () => {
	const call = { url: '/spa/api/invoices/{id}/download', urlField: 'signedUrl' };
	for (const other of [{ urlField: 'files.pdf' }, { urlTemplate: '/spa/x/{id}' }, { call }])
		expect(
			problemsAfter((d) => (d.documents.api.download = { base64Field: 'content', ...other })),
		).toEqual([]);
});

test('two download kinds without base64Field, or three, are refused', () => {
	const message = /^name exactly one of .* \(or base64Field with one other\)$/;
	const two = onlyProblem(
		(d) => (d.documents.api.download = { urlField: 'files.pdf', urlTemplate: '/x/{id}' }),
	);
	expect(two).toEqual({ field: 'documents.api.download', message: expect.stringMatching(message) });
	const three = onlyProblem(
		(d) =>
			(d.documents.api.download = {
				base64Field: 'content',
				urlField: 'files.pdf',
				urlTemplate: '/x/{id}',
			}),
	);
	expect(three.field).toBe('documents.api.download');
});

test('a constant header is valid; one under a credential name is refused', () => {
	expect(
		problemsAfter((d) => (d.documents.api.auth.headers['X-Client'] = { value: 'web-2.1' })),
	).toEqual([]);
	for (const name of ['Authorization', 'X-Api-Key', 'X-CSRF-Token']) {
		const problem = onlyProblem(
			(d) => (d.documents.api.auth.headers[name] = { value: 'abcdef123456' }),
		);
		expect(problem.field).toBe(`documents.api.auth.headers.${name}.value`);
		expect(problem.message).toMatch(/carries a credential: take it from the session/);
	}
});

test('a header is either a constant or taken from somewhere, never both', () => {
	const both = problemsAfter(
		(d) =>
			(d.documents.api.auth.headers['X-Client'] = {
				value: 'web-2.1',
				from: { cookie: 'client' },
			}),
	);
	expect(both).toHaveLength(1);
	expect(both[0].field).toMatch(/^documents\.api\.auth\.headers\.X-Client/);
	const templated = onlyProblem(
		(d) => (d.documents.api.auth.headers['X-Client'] = { value: 'web', template: 'v{value}' }),
	);
	expect(templated.message).toMatch(/^is a constant: it has no template/);
	const neither = problemsAfter((d) => (d.documents.api.auth.headers['X-Client'] = {}));
	expect(neither).toHaveLength(1);
	expect(neither[0].field).toMatch(/^documents\.api\.auth\.headers\.X-Client/);
});
