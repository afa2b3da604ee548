import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { expectFiveInvoices } from './five-invoices';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { definitionProblems, parseDefinition } from '../../../portals/definitions/validate';
import {
	ensureRealAppsInstalled,
	sha256,
	startJupyter,
	type RealApp,
} from '../../../testbeds/real-apps';
import { runCli } from '../../helpers/cli';
import { hideBrowsers } from '../../helpers/hide-browsers';
import { tempDir } from '../../helpers/temp-dir';

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
describe('Automatic, given only the login URL and the password', () => {
	const automatic = (extra: Partial<RunOptions> = {}) =>
		run({ portal: automaticPortal({ loginUrl: app.loginUrl }), ...extra });
	const ledger: LedgerData = { entries: {} };
	const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) =>
		new DeliveryLedger(ledger).has(d);
	let first: Awaited<ReturnType<typeof run>>;

	test('signs in, finds the API and the files, and downloads the five PDFs byte for byte', async () => {
		const started = Date.now();
		first = await automatic({ collect: { isDelivered } });
		console.log(
			`${app.name} ${app.version}, Automatic: first run ${((Date.now() - started) / 1000).toFixed(1)} s on ${first.engine}`,
		);
		expect({ status: first.status, reason: first.reason, message: first.message }).toEqual({
			status: 'connected',
			reason: undefined,
			message: 'Connected.',
		});
		expect(first.loginPerformed).toBe(true);
		expect(first.documents.map((d) => sha256(d.data)).sort()).toEqual(
			app.files.map((f) => sha256(f.bytes)).sort(),
		);
		for (const doc of first.documents) new DeliveryLedger(ledger).record(doc, doc.sha256);
		expect((first.learned as AutomaticLearned).definition!.documents.api).toMatchObject({
			request: { method: 'GET', url: '/api/contents/invoices', query: { type: 'directory' } },
			items: 'content',
			download: { urlTemplate: '/files/{path}' },
			auth: { headers: { 'X-Xsrftoken': { from: { cookie: '_xsrf' } } } },
		});
		expect(first.discovery!.join('\n')).toMatch(
			/✓ api: written instead of the rendered list, whose rows cannot be read/,
		);
	}, 120_000);

	describe('with every browser hidden (INVOICE_PORTALS_BROWSER=none)', () => {
		hideBrowsers();

		test('a second run with Only New, the saved session and the kept definition delivers nothing, over plain HTTP', async () => {
			const started = Date.now();
			const again = await automatic({
				savedSession: first.session,
				learned: first.learned,
				engine: first.engine,
				collect: { isDelivered },
			});
			console.log(
				`${app.name}, Automatic: second run ${((Date.now() - started) / 1000).toFixed(2)} s on ${again.engine}`,
			);
			expect({ status: again.status, reason: again.reason, engine: again.engine }).toEqual({
				status: 'connected',
				reason: undefined,
				engine: 'http',
			});
			expect(again.loginPerformed).toBe(false);
			expect(again.documents).toEqual([]);
			expect(again.counts.alreadyDelivered).toBe(5);
		}, 60_000);
	});

	test('portal:check --discover --save writes a definition that portal:check then passes unchanged', async () => {
		const script = join(
			__dirname,
			'..',
			'..',
			'..',
			'dist',
			'scripts',
			'commands',
			'portal-check.js',
		);
		const file = join(tempDir('discover-'), 'x.json');
		const out = tempDir('discover-out-');
		const env = {
			INVOICE_PORTALS_CHECK_USERNAME: app.username,
			INVOICE_PORTALS_CHECK_PASSWORD: app.password,
		};
		const found = await runCli([script, '--discover', app.loginUrl, '--save', file, '--out', out], {
			env,
		});
		expect(found.out).toMatch(
			/✓ api: GET \/api\/contents\/invoices\?type=directory.* → content: 5 item\(s\)/,
		);
		expect(found.out).toMatch(/file: .*\/files\/\{path\}/);
		expect(found.out).toMatch(/✓ download: .*application\/pdf/);
		expect(found.code).toBe(0);
		const saved = JSON.parse(readFileSync(file, 'utf8'));
		expect(definitionProblems(saved)).toEqual([]);

		const checked = await runCli([script, file, '--out', out], { env });
		expect(checked.out).toMatch(/✓ list: 5 document\(s\) found/);
		expect(checked.out).toMatch(/✓ download: /);
		expect(checked.code).toBe(0);
		expect(found.out + checked.out + JSON.stringify(saved)).not.toContain(app.password);
	}, 120_000);
});
