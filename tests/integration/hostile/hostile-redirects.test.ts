import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPortal } from '../../../portals/core/run/portal-run';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { runWorkflow } from '../../../testbeds/n8n-engine';
import { runCli } from '../../helpers/cli';
import { addSecret } from '../../helpers/secret-scan';
import { downloadEverything } from '../../helpers/workflows';
import {
	PASSWORD,
	USERNAME,
	startHostile,
	type Hostile,
	type HostileMode,
} from '../../../testbeds/hostile';
import {
	documentsRedirectAway,
	downloadRedirectAway,
	loginChainAway,
	loginRedirectsAway,
} from '../../../testbeds/hostile/redirect-modes';

/**
 * Issue 35, item 1: a portal that redirects the run to another site (the sign-in form's answer,
 * a hop of a chain, the documents page, a file) sends nothing there, on either engine, through
 * the run, n8n's engine, the checker and `npm run try`; and a sign-in that ends on another site's
 * page is never taken for signed in, even when that page shows the logged-in marker. The second
 * site records every connection: it must see none. On the browser engine, before the browser's
 * own proxy checked every redirect hop, the 307 and 308 scenarios sent the password there.
 */
const ENGINES = ['http', 'browser'] as const;
type Engine = (typeof ENGINES)[number];
const root = join(__dirname, '..', '..', '..');
const checker = join(root, 'dist', 'scripts', 'commands', 'portal-check.js');
const tryScript = join(root, 'dist', 'scripts', 'commands', 'try-definition.js');

let hostile: Hostile;
let dir: string;
beforeAll(async () => {
	hostile = await startHostile();
	addSecret(PASSWORD);
	dir = mkdtempSync(join(tmpdir(), 'hostile-redirects-'));
});
afterAll(async () => {
	await hostile?.stop();
	rmSync(dir, { recursive: true, force: true });
});

let connectionsBefore = 0;
beforeEach(() => {
	hostile.other.length = 0;
	connectionsBefore = hostile.otherConnections();
});
afterEach(() => hostile.use());

/** Nothing reached the second site: no connection, so no request line, header, cookie or body. */
function expectOtherSiteUntouched(): void {
	expect(hostile.other.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([]);
	expect(hostile.otherConnections() - connectionsBefore).toBe(0);
}

const spec = (engine: Engine) => ({ ...hostile.definition(), engine }) as unknown as DefinitionSpec;

const LOGIN_SCENARIOS: [string, () => HostileMode][] = [
	['the sign-in POST answered with 307 to the other site', () => loginRedirectsAway(307)],
	['the sign-in POST answered with 308 to the other site', () => loginRedirectsAway(308)],
	[
		'the sign-in answered with 302 to a page on the other site showing the logged-in marker',
		() => loginRedirectsAway(302),
	],
	[
		'the sign-in answered with 303 to a page on the other site showing the logged-in marker',
		() => loginRedirectsAway(303),
	],
	['a chain: sign-in → the portal’s /hop → the other site (307s)', loginChainAway],
	['the documents page redirects to the other site', documentsRedirectAway],
];

describe.each(ENGINES)('the run, on the %s engine', (engine) => {
	test.each(LOGIN_SCENARIOS)(
		'%s: NAVIGATION_BLOCKED, nothing delivered, the other site receives nothing',
		async (_what, mode) => {
			hostile.use(mode());
			const result = await runPortal({
				portal: definitionPortal(spec(engine)),
				credentials: { username: USERNAME, password: PASSWORD },
				mode: 'download',
			});
			expect(result.reason).toBe('NAVIGATION_BLOCKED');
			expect(result.message).toContain(hostile.otherUrl);
			expect(result.documents).toEqual([]);
			expect(result.session).toBeUndefined();
			expectOtherSiteUntouched();
		},
	);

	test('each file redirects to the other site: no file delivered, the other site receives nothing', async () => {
		hostile.use(downloadRedirectAway());
		const result = await runPortal({
			portal: definitionPortal(spec(engine)),
			credentials: { username: USERNAME, password: PASSWORD },
			mode: 'download',
		});
		expect(result.documents).toEqual([]);
		expect(JSON.stringify([result.message, result.failures])).toContain('NAVIGATION_BLOCKED');
		expectOtherSiteUntouched();
	});
});

const workflow = downloadEverything();

describe.each(ENGINES)("through n8n's engine, on the %s engine", (engine) => {
	test.each([
		['307', () => loginRedirectsAway(307)],
		['302 to a page showing the logged-in marker', () => loginRedirectsAway(302)],
	])(
		'the sign-in answered with %s: the node reports NAVIGATION_BLOCKED, delivers nothing, the other site receives nothing',
		async (_what, mode) => {
			hostile.use(mode());
			const credential = {
				portal: 'custom',
				definition: JSON.stringify(spec(engine)),
				username: USERNAME,
				password: PASSWORD,
				authenticatorSecret: '',
			};
			const run = await runWorkflow(workflow, { credentials: { 'cred-1': credential } });
			const documents = run.output('Invoice Portal', 0);
			expect(documents).toEqual([]);
			const said = JSON.stringify([
				run.error('Invoice Portal')?.message,
				run.output('Invoice Portal', 1).map((i) => i.json),
			]);
			expect(said).toContain('NAVIGATION_BLOCKED');
			expectOtherSiteUntouched();
		},
	);
});

/** The definition for `engine` in a file, as the checker and `npm run try` read it. */
function definitionFile(engine: Engine): string {
	const file = join(dir, `hostile-${engine}.json`);
	writeFileSync(file, JSON.stringify(spec(engine)));
	return file;
}

const cliEnv = {
	INVOICE_PORTALS_CHECK_USERNAME: USERNAME,
	INVOICE_PORTALS_CHECK_PASSWORD: PASSWORD,
};

describe.each(ENGINES)('the checker and npm run try, on the %s engine', (engine) => {
	test.each([
		['307', () => loginRedirectsAway(307)],
		['302 to a page showing the logged-in marker', () => loginRedirectsAway(302)],
	])(
		'the sign-in answered with %s: not logged in, NAVIGATION_BLOCKED, no document, the other site receives nothing',
		async (_what, mode) => {
			hostile.use(mode());
			const check = await runCli([checker, definitionFile(engine), '--out', join(dir, 'check')], {
				env: cliEnv,
			});
			expect(check.out).not.toContain('✓ login');
			expect(check.out).toContain('NAVIGATION_BLOCKED');
			expect(check.code).not.toBe(0);

			const tried = await runCli([tryScript, definitionFile(engine)], { env: cliEnv });
			expect(tried.out).not.toContain('binary data');
			expect(tried.out).toContain('NAVIGATION_BLOCKED');
			expectOtherSiteUntouched();
		},
	);
});

test('the checker names the blocked download’s own reason and the address it was led to', async () => {
	hostile.use(downloadRedirectAway());
	const check = await runCli([checker, definitionFile('http'), '--out', join(dir, 'check')], {
		env: cliEnv,
	});
	expect(check.out).toContain('✓ login');
	expect(check.out).toMatch(
		new RegExp(`✗ download: NAVIGATION_BLOCKED — .*${hostile.otherUrl.replace(/\./g, '\\.')}`),
	);
	expect(check.code).not.toBe(0);
	expectOtherSiteUntouched();
});
