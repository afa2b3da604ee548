import { readFileSync } from 'node:fs';
import { browserLaunchCount } from '../../../portals/core/browser/launch';
import { ENV_BROWSER } from '../../../portals/core/browser/finder';
import { runConnection, type Connection } from '../../../portals/core/run/connection-run';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import { StatusStore } from '../../../portals/core/status/status-store';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { portalBySlug } from '../../../portals/registry';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import {
	comparable,
	credentials,
	demoDefinitionFile,
	latestCode,
	seededDocuments,
	startDemo,
} from '../../helpers/demo';
import { demoCredential, loadWorkflow } from '../../helpers/workflows';
import { tempDir } from '../../helpers/temp-dir';

/**
 * Issue 17: definitions run over plain HTTP where the portal renders on the server, and move to
 * the browser only where a page needs scripts. The demo portal's classic and /eu/ layouts work
 * without JavaScript; its /app/ layout draws everything with scripts.
 */
let demo: DemoPortal;
beforeAll(async () => {
	demo = await startDemo({ pageSize: 4 });
});

const classic = portalBySlug('demo-telecom-definition');
const energie = portalBySlug('demo-energie');
const run = (portal: RunOptions['portal'], login: string, extra: Partial<RunOptions> = {}) =>
	runPortal({
		portal,
		baseUrl: demo.url,
		credentials: credentials(login),
		mode: 'download',
		...extra,
	});

/** Runs `fn` with every browser hidden, as on n8n's stock Docker image. */
async function withoutBrowser<T>(fn: () => Promise<T>): Promise<T> {
	const before = process.env[ENV_BROWSER];
	process.env[ENV_BROWSER] = 'none';
	try {
		return await fn();
	} finally {
		if (before === undefined) delete process.env[ENV_BROWSER];
		else process.env[ENV_BROWSER] = before;
	}
}

describe('with every browser hidden (INVOICE_PORTALS_BROWSER=none)', () => {
	test('the classic layout over HTTP: CSRF login, every sub-account and page, links and POST export forms, all PDFs', async () => {
		const launches = browserLaunchCount();
		const result = await withoutBrowser(() => run(classic, 'anna@example.test'));
		expect(result).toMatchObject({ status: 'connected', reason: undefined, engine: 'http' });
		expect(comparable(result.documents)).toEqual(seededDocuments(demo, 'anna@example.test'));
		for (const doc of result.documents) expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
		// Statements have no link, only an export form: pressed as a browser would post it.
		expect(result.documents.some((d) => d.type === 'statement')).toBe(true);
		expect(browserLaunchCount()).toBe(launches);
		// Read-only towards the portal: nothing but the login, the account switch and exports was posted.
		const posted = demo.state.formsReceived.filter(
			(f) => !/^POST \/(login|account\/switch|invoices\/[^/]+\/export)/.test(f),
		);
		expect(posted).toEqual([]);
	});

	test('the /eu/ layout over HTTP: two-step login, an authenticator code from the secret, an SMS code through Submit Code', async () => {
		const tom = await withoutBrowser(() => run(energie, 'tom@example.test'));
		expect(tom).toMatchObject({ status: 'connected', engine: 'http' });
		expect(tom.challengesPassed).toEqual([
			expect.objectContaining({ method: 'authenticator_app', answeredBy: 'authenticator secret' }),
		]);
		const parked = await withoutBrowser(() => run(energie, 'sara@example.test', { mode: 'check' }));
		expect(parked).toMatchObject({ status: 'action_required', reason: 'CODE_REQUIRED_SMS' });
		const resumed = await withoutBrowser(() =>
			run(energie, 'sara@example.test', {
				mode: 'check',
				resume: {
					token: parked.challenge!.resumeToken,
					code: latestCode(demo, 'sara@example.test'),
				},
			}),
		);
		expect(resumed).toMatchObject({ status: 'connected', engine: 'http', loginPerformed: true });
		// The session the HTTP engine saved is used by the next run: no second login.
		const again = await withoutBrowser(() =>
			run(energie, 'sara@example.test', { mode: 'list', savedSession: resumed.session }),
		);
		expect(again).toMatchObject({
			status: 'connected',
			sessionReused: true,
			loginPerformed: false,
		});
	});

	test('a connection whose last runs needed the browser tries plain HTTP where none can start any more', async () => {
		const result = await withoutBrowser(() =>
			run(classic, 'anna@example.test', { mode: 'check', engine: 'browser' }),
		);
		expect(result).toMatchObject({ status: 'connected', engine: 'http' });
	});

	test('a definition that always needs the browser says why, and that a browser is what is missing', async () => {
		const error = await withoutBrowser(() =>
			run(portalBySlug('demo-cloud'), 'anna@example.test'),
		).catch((e: Error) => e);
		expect(error).toMatchObject({ code: 'BROWSER_UNAVAILABLE' });
		expect((error as Error).message).toMatch(
			/^This portal needs a browser \(its documents list adds rows with scripts \(documents\.pagination\.infiniteScroll\)\)\. Browsers are switched off here/,
		);
	});

	test('a portal that needs scripts says so, and that a browser is what is missing', async () => {
		const app = appWithoutScroll();
		const error = await withoutBrowser(() => run(app, 'anna@example.test')).catch((e: Error) => e);
		expect(error).toMatchObject({ code: 'BROWSER_UNAVAILABLE' });
		expect((error as Error).message).toMatch(
			/This portal needs a browser for a step plain HTTP cannot do \(.+ is not in the server's HTML and the page has scripts\)\. Browsers are switched off here/,
		);
	});

	test('through n8n: the Download workflow with a definition portal delivers every PDF', async () => {
		const result = await withoutBrowser(() =>
			runWorkflow(loadWorkflow('download.json'), {
				credentials: {
					'cred-1': {
						...demoCredential(demo, 'anna@example.test'),
						portal: 'demo-telecom-definition',
					},
				},
			}),
		);
		const items = result.output('Invoice Portal');
		expect(items.map((i) => String(i.json.number)).sort()).toEqual(
			seededDocuments(demo, 'anna@example.test').map((d) => d.number),
		);
		expect((await binaryBuffer(items[0])).subarray(0, 5).toString()).toBe('%PDF-');
	});
});

/** The /app/ definition without its infinite scroll: `auto` then starts on HTTP and has to move. */
function appWithoutScroll() {
	const spec = JSON.parse(readFileSync(demoDefinitionFile('demo-cloud'), 'utf8')) as DefinitionSpec;
	delete spec.documents.pagination;
	return definitionPortal(spec);
}

describe('auto with a browser at hand', () => {
	test('the /app/ layout: HTTP finds the sign-in drawn by scripts, the run moves to the browser, says why, and the connection remembers it', async () => {
		const connection: Connection = {
			portal: appWithoutScroll(),
			baseUrl: demo.url,
			credentials: credentials('anna@example.test'),
			key: 'engines-app',
			label: 'app',
		};
		const store = new StatusStore(tempDir('engines-status-'));
		const request = {
			operation: { mode: 'list' as const, filters: {}, onlyNew: false },
			source: 'test',
			manual: true,
		};
		const first = await runConnection(connection, undefined, request, { store });
		if (!first.ran) throw new Error('held back');
		expect(first.result).toMatchObject({ status: 'connected', engine: 'browser' });
		expect(first.result.engineSwitch).toMatch(
			/is not in the server's HTML and the page has scripts/,
		);
		expect(first.result.counts.found).toBeGreaterThan(0);
		expect(first.state.engine).toBe('browser');
		// Next time it starts in the browser: no HTTP attempt, nothing to move.
		const second = await runConnection(connection, first.state, request, { store });
		if (!second.ran) throw new Error('held back');
		expect(second.result).toMatchObject({ status: 'connected', engine: 'browser' });
		expect(second.result.engineSwitch).toBeUndefined();
	});

	test('"engine": "http" on a portal that needs scripts: LAYOUT_CHANGED saying the browser is needed', async () => {
		const spec = JSON.parse(
			readFileSync(demoDefinitionFile('demo-cloud'), 'utf8'),
		) as DefinitionSpec;
		delete spec.documents.pagination;
		spec.engine = 'http';
		const result = await run(definitionPortal(spec), 'anna@example.test');
		expect(result).toMatchObject({
			status: 'action_required',
			reason: 'LAYOUT_CHANGED',
			engine: 'http',
		});
		expect(result.message).toMatch(/needs the browser for it: set "engine": "auto" or "browser"/);
	});

	test('a session saved over HTTP is taken over by the browser, and the other way round', async () => {
		const http = await run(classic, 'anna@example.test', { mode: 'check' });
		expect(http.engine).toBe('http');
		const spec = JSON.parse(
			readFileSync(demoDefinitionFile('demo-telecom'), 'utf8'),
		) as DefinitionSpec;
		const inBrowser = definitionPortal({ ...spec, engine: 'browser' });
		const browser = await run(inBrowser, 'anna@example.test', {
			mode: 'list',
			savedSession: http.session,
		});
		expect(browser).toMatchObject({ status: 'connected', engine: 'browser', sessionReused: true });
		const back = await run(classic, 'anna@example.test', {
			mode: 'list',
			savedSession: browser.session,
		});
		expect(back).toMatchObject({ status: 'connected', engine: 'http', sessionReused: true });
	});
});
