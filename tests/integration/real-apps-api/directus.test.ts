import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { expectFiveInvoices } from './five-invoices';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { parseDefinition } from '../../../portals/definitions/validate';
import { startDirectus, type RealApp } from '../../../testbeds/real-apps';

/**
 * Directus 10.13.4 (npm, a headless content system nobody here wrote) with a hand-written
 * `documents.api` definition (issue 33, section 6): its Data Studio is a Vue app, so the sign-in
 * runs in the browser; the session is an httpOnly cookie, so the file library's own API
 * (`GET /files`) and the files (`/assets/<id>?download`) are then read over plain HTTP. The first
 * start installs Directus into the cache (about 7 minutes; directus-install.ts).
 */
const definitionFile = join(__dirname, '..', '..', 'fixtures', 'real-apps', 'directus.json');
const portal = definitionPortal(
	parseDefinition(JSON.parse(readFileSync(definitionFile, 'utf8'))) as DefinitionSpec,
);

let app: RealApp;
beforeAll(async () => {
	app = await startDirectus();
}, 900_000);
afterAll(() => app?.stop());

const run = (extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal,
		baseUrl: app.baseUrl,
		credentials: { username: app.username, password: app.password },
		mode: 'download',
		...extra,
	});

test('signs in in the browser, lists the file library through its API over HTTP and downloads the five PDFs byte for byte; Only New then delivers nothing', async () => {
	const ledger: LedgerData = { entries: {} };
	const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) =>
		new DeliveryLedger(ledger).has(d);
	const started = Date.now();
	const first = await run({ collect: { isDelivered } });
	const seconds = (Date.now() - started) / 1000;
	console.log(
		`${app.name} ${app.version}: first run ${seconds.toFixed(1)} s, engine ${first.engine}${first.engineSwitch ? ` (${first.engineSwitch})` : ''}`,
	);
	expect({ status: first.status, reason: first.reason, message: first.message }).toEqual({
		status: 'connected',
		reason: undefined,
		message: 'Connected.',
	});
	expect(first.loginPerformed).toBe(true);
	expectFiveInvoices(app, first, ledger);

	// The saved session: no sign-in, the list and nothing new, over plain HTTP.
	const again = await run({ savedSession: first.session, collect: { isDelivered } });
	expect({ status: again.status, reason: again.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect({ loginPerformed: again.loginPerformed, engine: again.engine }).toEqual({
		loginPerformed: false,
		engine: 'http',
	});
	expect(again.documents).toEqual([]);
	expect(again.counts.alreadyDelivered).toBe(5);
}, 180_000);

test('a wrong password is a wrong password, and no file is listed', async () => {
	const result = await run({ credentials: { username: app.username, password: 'not-it-at-all' } });
	expect(result.reason).toBe('WRONG_CREDENTIALS');
	expect(result.documents).toEqual([]);
}, 120_000);
