import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
import {
	ensureRealAppsInstalled,
	sha256,
	startJupyter,
	type RealApp,
} from '../../../testbeds/real-apps';

/**
 * Jupyter Notebook (Debian's package, a single-page app nobody here wrote) with a hand-written
 * `documents.api` definition (issue 33, section 6): the run signs in with the app's password
 * form, lists the folder through the app's own JSON API (/api/contents) and downloads each file
 * at /files/<path> with the header the app's scripts send (X-XSRFToken, from the `_xsrf` cookie),
 * all over plain HTTP. A missing package fails the file (never a skip).
 */
const definitionFile = join(
	__dirname,
	'..',
	'..',
	'fixtures',
	'real-apps',
	'jupyter-notebook.json',
);
const portal = definitionPortal(
	parseDefinition(JSON.parse(readFileSync(definitionFile, 'utf8'))) as DefinitionSpec,
);

let app: RealApp;
beforeAll(async () => {
	ensureRealAppsInstalled();
	app = await startJupyter();
}, 60_000);
afterAll(() => app?.stop());

const run = (extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal,
		baseUrl: app.baseUrl,
		credentials: { username: app.username, password: app.password },
		mode: 'download',
		...extra,
	});

test('signs in, lists the folder through the API and downloads the five PDFs byte for byte; Only New then delivers nothing', async () => {
	const ledger: LedgerData = { entries: {} };
	const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) =>
		new DeliveryLedger(ledger).has(d);
	const started = Date.now();
	const first = await run({ collect: { isDelivered } });
	const seconds = (Date.now() - started) / 1000;
	console.log(`${app.name} ${app.version}: first run ${seconds.toFixed(1)} s on ${first.engine}`);
	expect({ status: first.status, reason: first.reason, engine: first.engine }).toEqual({
		status: 'connected',
		reason: undefined,
		engine: 'http',
	});
	expect(first.loginPerformed).toBe(true);
	expect(first.documents.map((d) => d.number).sort()).toEqual([
		'2026-001',
		'2026-002',
		'2026-003',
		'2026-004',
		'2026-005',
	]);
	expect(first.documents.map((d) => d.sha256).sort()).toEqual(
		app.files.map((f) => sha256(f.bytes)).sort(),
	);
	for (const doc of first.documents) {
		expect(sha256(doc.data)).toBe(doc.sha256);
		new DeliveryLedger(ledger).record(doc, doc.sha256);
	}

	const again = await run({ savedSession: first.session, collect: { isDelivered } });
	expect({ status: again.status, reason: again.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect(again.loginPerformed).toBe(false);
	expect(again.documents).toEqual([]);
	expect(again.counts.alreadyDelivered).toBe(5);
}, 120_000);

test('download.call.base64Field: each file from the API as base64 JSON, as the app itself reads a file', async () => {
	const definition = JSON.parse(readFileSync(definitionFile, 'utf8'));
	// What Jupyter's own scripts call to open a file: its content, base64, in the JSON answer.
	definition.documents.api.download = {
		call: { url: '/api/contents/{path}?type=file&format=base64&content=1', base64Field: 'content' },
	};
	const result = await run({
		portal: definitionPortal(parseDefinition(definition) as DefinitionSpec),
	});
	expect({ status: result.status, reason: result.reason, engine: result.engine }).toEqual({
		status: 'connected',
		reason: undefined,
		engine: 'http',
	});
	expect(result.documents.map((d) => sha256(d.data)).sort()).toEqual(
		app.files.map((f) => sha256(f.bytes)).sort(),
	);
}, 60_000);

test('a wrong password is a wrong password, and no file is listed', async () => {
	const result = await run({ credentials: { username: app.username, password: 'not-it' } });
	expect({ status: result.status, reason: result.reason }).toMatchObject({
		reason: 'WRONG_CREDENTIALS',
	});
	expect(result.documents).toEqual([]);
}, 60_000);
