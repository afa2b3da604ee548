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
import { automaticOnRealApp } from './automatic-on-app';
import { expectFiveInvoices } from './five-invoices';

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
	expectFiveInvoices(app, first, ledger);

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

/**
 * Automatic, given only the login URL and the password (issue 33, section 6): the rendered rows
 * show names and sizes but no date, so discovery writes the app's own API behind the page (the
 * folder's JSON, its `created` dates, the file links built from each entry's `path`, and the
 * X-XSRFToken header from the `_xsrf` cookie); a later run reads it over plain HTTP.
 */
describe('Automatic, given only the login URL and the password', () =>
	automaticOnRealApp(() => app, {
		firstTitle: 'signs in, finds the API and the files, and downloads the five PDFs byte for byte',
		api: {
			request: { method: 'GET', url: '/api/contents/invoices', query: { type: 'directory' } },
			items: 'content',
			download: { urlTemplate: '/files/{path}' },
			auth: { headers: { 'X-Xsrftoken': { from: { cookie: '_xsrf' } } } },
		},
		discovery: /✓ api: written instead of the rendered list, whose rows cannot be read/,
		discovered: [
			/✓ api: GET \/api\/contents\/invoices\?type=directory.* → content: 5 item\(s\)/,
			/file: .*\/files\/\{path\}/,
			/✓ download: .*application\/pdf/,
		],
		checked: [],
		timeout: 120_000,
	}));
