import { definitionProblems } from '../../../../portals/definitions/validate';
import { readDefinition as read } from './shipped-definitions';

/**
 * documents.accepts and documents.download.print (issue 33, "not only PDFs", "HTML invoices"):
 * validated with one message per problem, like every other part of a definition.
 */
const kinds = read('demo/demo-kinds.json');

type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
const edited = (edit: Edit) => {
	const copy = JSON.parse(JSON.stringify(kinds));
	edit(copy);
	return definitionProblems(copy);
};

test('the demo definition with every kind and a page to print is valid', () => {
	expect(definitionProblems(kinds)).toEqual([]);
});

test.each<[string, Edit, { field: string; message: RegExp }[]]>([
	[
		'a kind this package does not read',
		(d) => (d.documents.accepts = ['pdf', 'docx']),
		[{ field: 'documents.accepts[1]', message: /is "docx"; must be one of pdf, xml, zip, csv/ }],
	],
	[
		'an empty accepts',
		(d) => (d.documents.accepts = []),
		[{ field: 'documents.accepts', message: /must not be empty/ }],
	],
	[
		'a kind named twice',
		(d) => (d.documents.accepts = ['pdf', 'pdf']),
		[{ field: 'documents.accepts', message: /duplicate/ }],
	],
	[
		'print without the field that holds the page',
		(d) => (d.documents.download.print = {}),
		[{ field: 'documents.download.print.open', message: /is missing/ }],
	],
	[
		'print over plain HTTP only',
		(d) => (d.engine = 'http'),
		[{ field: 'engine', message: /documents.download.print needs the browser/ }],
	],
	[
		'a print field whose regex does not compile',
		(d) => (d.documents.download.print.open.regex = '(K-'),
		[{ field: 'documents.download.print.open.regex', message: /not a valid regular expression/ }],
	],
])('%s: one message, on its field', (_what, edit, expected) => {
	expect(edited(edit)).toEqual(
		expected.map((e) => ({ field: e.field, message: expect.stringMatching(e.message) })),
	);
});

test('a definition with print alone (no link, no click) is valid: print is a download', () => {
	expect(edited((d) => delete d.documents.download.link)).toEqual([]);
});
