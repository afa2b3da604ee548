import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutomaticAdapter } from '../../../../portals/discovery/automatic-adapter';
import type { DefinitionSpec } from '../../../../portals/definitions/spec';

/**
 * Review of issue 33: the collection checks each file against the adapter's `accepts`. An
 * Automatic portal must pass on its learned definition's, or it refuses every XML, ZIP or CSV
 * file the definition takes.
 */
const definition = JSON.parse(
	readFileSync(join(__dirname, '../../../../portals/definitions/demo/demo-kinds.json'), 'utf8'),
) as DefinitionSpec;

test("an Automatic portal takes the kinds its learned definition's documents.accepts names", () => {
	expect(definition.documents.accepts).toEqual(['pdf', 'xml', 'zip', 'csv']);
	const adapter = new AutomaticAdapter(
		{ loginUrl: definition.loginUrl },
		{ loginUrl: definition.loginUrl, definition },
	);
	expect(adapter.accepts).toEqual(['pdf', 'xml', 'zip', 'csv']);
});

test('before anything is learned it names none: PDF alone, the default', () => {
	expect(new AutomaticAdapter({ loginUrl: definition.loginUrl }).accepts).toBeUndefined();
});
