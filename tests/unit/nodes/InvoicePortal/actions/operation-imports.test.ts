import { lintText } from '../../../../helpers/lint-text';

/**
 * Operations do not know each other: an operation file that imports another operation, a
 * resource (which re-exports its operations) or the router fails `npm run lint`; the router puts
 * them together. Checked with planted imports, linted as if they stood in the tree (the files are
 * never written), as tests/unit/portals/boundaries.test.ts does for portals/.
 */
const planted = (from: string) =>
	`import * as other from '${from}';\n\nexport const planted = other;\n`;

const operationFile = 'nodes/InvoicePortal/actions/connection/planted.operation.ts';

test.each([
	['a sibling operation', './check.operation'],
	["another resource's operation", '../document/download.operation'],
	['its resource', './Connection.resource'],
	['the router', '../router'],
])(
	'an operation that imports %s fails the lint',
	(_what, from) => {
		expect(lintText(operationFile, planted(from))).toMatch(
			/no-restricted-imports: .*must not import another operation/,
		);
	},
	60_000,
);

test('a resource file gathers its operations: there the same import is fine', () => {
	expect(
		lintText(
			'nodes/InvoicePortal/actions/connection/Connection.resource.ts',
			planted('./check.operation'),
		),
	).not.toMatch(/no-restricted-imports/);
}, 60_000);

test('an operation may import the shared pieces: nodes/shared/ and the contract beside the router', () => {
	const text =
		"import { showFor } from '../../../shared/show-for';\nimport type { Operation } from '../operation-contract';\n\nexport const planted: Partial<Operation> = { description: showFor({}, []) };\n";
	expect(lintText(operationFile, text)).not.toMatch(/no-restricted-imports/);
}, 60_000);
