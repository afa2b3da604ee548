import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import { definitionProblems } from '../../../portals/definitions/validate';
import { sha256, startDirectus, type RealApp } from '../../../testbeds/real-apps';
import { runCli } from '../../helpers/cli';
import { hideBrowsers } from '../../helpers/hide-browsers';
import { tempDir } from '../../helpers/temp-dir';

/**
 * Automatic on Directus 10.13.4 (npm, a headless content system nobody here wrote), given only
 * the login URL and the credentials (issue 33, section 6). The file library's grid lists the
 * files through the app's own API (`GET /files`), but its cards are not links and no file's
 * address shows on the list: discovery goes one level down (one click on one file's card, whose
 * detail view links to `/assets/<id>?download`), checks the address on a second file, and keeps
 * only the items whose type is a PDF (the library lists every file: the bed holds a text file
 * too). A later run reads it all over plain HTTP with every browser hidden.
 */
let app: RealApp;
beforeAll(async () => {
	app = await startDirectus();
}, 900_000);
afterAll(() => app?.stop());

const automatic = (extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal: automaticPortal({ loginUrl: app.loginUrl }),
		baseUrl: app.baseUrl,
		credentials: { username: app.username, password: app.password },
		mode: 'download',
		...extra,
	});

const ledger: LedgerData = { entries: {} };
const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) => new DeliveryLedger(ledger).has(d);
let first: Awaited<ReturnType<typeof automatic>>;

test('signs in, finds the API and, one level down, the files; downloads the five PDFs byte for byte and nothing else', async () => {
	const started = Date.now();
	first = await automatic({ collect: { isDelivered } });
	console.log(
		`${app.name} ${app.version}, Automatic: first run ${((Date.now() - started) / 1000).toFixed(1)} s on ${first.engine}\n${(first.discovery ?? []).join('\n')}\n${JSON.stringify({ counts: first.counts, failures: first.failures })}`,
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
	// The library's text file is passed over: never fetched, so never a failed download.
	expect(first.failures).toEqual([]);
	expect((first.learned as AutomaticLearned).definition!.documents.api).toMatchObject({
		request: { method: 'GET', url: expect.stringMatching(/^\/files\?fields%5B%5D=id&/) },
		paging: { page: { param: 'page', start: 1 } },
		items: 'data',
		fields: { id: 'id' },
		download: { urlTemplate: '/assets/{id}?download=' },
		where: { path: 'type', equals: ['application/pdf'] },
	});
	expect(first.discovery!.join('\n')).toMatch(/file: one level down: the detail view of "/);
}, 240_000);

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
		// The five PDFs, already delivered; the text file is no document at all.
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
	expect(found.out).toMatch(/✓ api: GET \/files\?.* → data: 5 item\(s\)/);
	expect(found.out).toMatch(/file: one level down: .*\/assets\/\{id\}\?download/);
	expect(found.out).toMatch(/only the items whose "type" is application\/pdf/);
	if (found.code !== 0) console.log(found.out);
	expect(found.code).toBe(0);
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	expect(definitionProblems(saved)).toEqual([]);

	const checked = await runCli([script, file, '--out', out], { env });
	expect(checked.out).toMatch(/✓ list: 5 document\(s\) found/);
	expect(checked.out).toMatch(/api items kept: those whose "type" is application\/pdf/);
	expect(checked.out).toMatch(/✓ download: /);
	expect(checked.code).toBe(0);
	expect(found.out + checked.out + JSON.stringify(saved)).not.toContain(app.password);
}, 240_000);
