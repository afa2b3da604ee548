import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryLedger, type LedgerData } from '../../../portals/core/delivery/ledger';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';
import { definitionProblems } from '../../../portals/definitions/validate';
import { sha256, type RealApp } from '../../../testbeds/real-apps';
import { runCli } from '../../helpers/cli';
import { hideBrowsers } from '../../helpers/hide-browsers';
import { tempDir } from '../../helpers/temp-dir';

/** What Automatic must find on one real app, and how long its first run and the checker may take. */
export interface AutomaticExpected {
	/** The first test's title: what the first run finds, in the app's words. */
	firstTitle: string;
	/** What the kept definition's `documents.api` holds (toMatchObject). */
	api: object;
	/** A line of the first run's discovery report. */
	discovery: RegExp;
	/** Lines `portal:check --discover --save` prints, then lines `portal:check` prints on the file. */
	discovered: RegExp[];
	checked: RegExp[];
	/** Milliseconds for the first run and for the checker (the second run gets one minute). */
	timeout: number;
}

/**
 * The same flow on every real app given only its login URL and credentials (issue 33, section 6):
 * a first run finds the files and downloads the five PDFs byte for byte; a second run with Only
 * New, the saved session and the kept definition delivers nothing over plain HTTP with every
 * browser hidden; `portal:check --discover --save` writes a definition the checker then passes.
 * `app` is read when the tests run (the app starts in beforeAll).
 */
export function automaticOnRealApp(app: () => RealApp, expected: AutomaticExpected): void {
	const automatic = (extra: Partial<RunOptions> = {}) =>
		runPortal({
			portal: automaticPortal({ loginUrl: app().loginUrl }),
			baseUrl: app().baseUrl,
			credentials: { username: app().username, password: app().password },
			mode: 'download',
			...extra,
		});
	const ledger: LedgerData = { entries: {} };
	const isDelivered = (d: Parameters<DeliveryLedger['has']>[0]) =>
		new DeliveryLedger(ledger).has(d);
	let first: Awaited<ReturnType<typeof automatic>>;

	test(
		expected.firstTitle,
		async () => {
			const { name, version, files } = app();
			const started = Date.now();
			first = await automatic({ collect: { isDelivered } });
			console.log(
				`${name} ${version}, Automatic: first run ${((Date.now() - started) / 1000).toFixed(1)} s on ${first.engine}: ${first.status}${first.reason ? ` (${first.reason}: ${first.message})` : ''}\n${(first.discovery ?? []).join('\n')}\n${JSON.stringify({ counts: first.counts, failures: first.failures })}`,
			);
			expect({ status: first.status, reason: first.reason, message: first.message }).toEqual({
				status: 'connected',
				reason: undefined,
				message: 'Connected.',
			});
			expect(first.loginPerformed).toBe(true);
			expect(first.documents.map((d) => sha256(d.data)).sort()).toEqual(
				files.map((f) => sha256(f.bytes)).sort(),
			);
			for (const doc of first.documents) new DeliveryLedger(ledger).record(doc, doc.sha256);
			// Whatever else the app lists is passed over: never fetched, so never a failed download.
			expect(first.failures).toEqual([]);
			expect((first.learned as AutomaticLearned).definition!.documents.api).toMatchObject(
				expected.api,
			);
			expect(first.discovery!.join('\n')).toMatch(expected.discovery);
		},
		expected.timeout,
	);

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
				`${app().name}, Automatic: second run ${((Date.now() - started) / 1000).toFixed(2)} s on ${again.engine}`,
			);
			expect({ status: again.status, reason: again.reason, engine: again.engine }).toEqual({
				status: 'connected',
				reason: undefined,
				engine: 'http',
			});
			expect(again.loginPerformed).toBe(false);
			expect(again.documents).toEqual([]);
			// The five PDFs, already delivered; what else the app lists is no document at all.
			expect(again.counts.alreadyDelivered).toBe(5);
		}, 60_000);
	});

	test(
		'portal:check --discover --save writes a definition that portal:check then passes unchanged',
		() => checkerPassesItsOwnDefinition(app(), expected),
		expected.timeout,
	);
}

async function checkerPassesItsOwnDefinition(
	app: RealApp,
	expected: AutomaticExpected,
): Promise<void> {
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
	if (found.code !== 0) console.log(found.out);
	for (const line of expected.discovered) expect(found.out).toMatch(line);
	expect(found.code).toBe(0);
	const saved = JSON.parse(readFileSync(file, 'utf8'));
	expect(definitionProblems(saved)).toEqual([]);

	const checked = await runCli([script, file, '--out', out], { env });
	expect(checked.out).toMatch(/✓ list: 5 document\(s\) found/);
	for (const line of expected.checked) expect(checked.out).toMatch(line);
	expect(checked.out).toMatch(/✓ download: /);
	expect(checked.code).toBe(0);
	expect(found.out + checked.out + JSON.stringify(saved)).not.toContain(app.password);
}
