import { readFileSync } from 'node:fs';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { SPA_PAGE_SIZE } from '../../../testbeds/demo-portal/spa-api-layout';
import {
	comparable,
	credentials,
	demoDefinitionFile,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';

/**
 * documents.api.where (issue 33, a file library that lists every file): only the items whose
 * value at the path is one of the listed values are documents; the others are neither listed nor
 * fetched, and the paging goes on past pages that hold none. On the demo's /spa/ layout, by the
 * items' `kind`.
 */
const LOGIN = 'anna@example.test';
let demo: DemoPortal;
let session: string | undefined;

type Edit = (d: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
const run = (edit: Edit) => {
	const definition = JSON.parse(readFileSync(demoDefinitionFile('demo-spa'), 'utf8'));
	edit(definition);
	return runPortal({
		portal: definitionPortal(parseDefinition(definition) as DefinitionSpec),
		baseUrl: `http://login.spa.localhost:${new URL(demo.url).port}/spa/login`,
		credentials: credentials(LOGIN),
		mode: 'download',
		savedSession: session,
	});
};

beforeAll(async () => {
	demo = await startDemo();
	const first = await run(() => undefined);
	expect(first.status).toBe('connected');
	session = first.session;
});

test('only the items whose kind is listed are documents, on every page; nothing else is fetched', async () => {
	// The list spans pages, so keeping a few items must not end the paging early.
	expect(seededDocuments(demo, LOGIN).length).toBeGreaterThan(SPA_PAGE_SIZE);
	const creditNotes = seededDocuments(demo, LOGIN, (d) => d.type === 'credit_note');
	expect(creditNotes.length).toBeGreaterThan(0);
	const result = await run(
		(d) => (d.documents.api.where = { path: 'kind', equals: ['CREDIT_NOTE'] }),
	);
	expect({ status: result.status, reason: result.reason, failures: result.failures }).toEqual({
		status: 'connected',
		reason: undefined,
		failures: [],
	});
	expect(comparable(result.documents)).toEqual(creditNotes);
	expect(result.counts.found).toBe(creditNotes.length);
});

test('a where that matches no item leaves an empty list, not an error', async () => {
	const result = await run((d) => (d.documents.api.where = { path: 'kind', equals: ['NONE'] }));
	expect({ status: result.status, reason: result.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect(result.documents).toEqual([]);
});
