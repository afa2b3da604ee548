import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright';
import { sharedBrowser } from '../../../portals/core/browser/launch';
import { defaultStateDir } from '../../../portals/core/store/state-dir';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { startHostile, USERNAME, type Hostile } from '../../../testbeds/hostile';
import { echoCodes, echoDefinition, echoPassword } from '../../../testbeds/hostile/echo-modes';
import { runCli } from '../../helpers/cli';
import { addSecret, auditText, findSecrets, type Material } from '../../helpers/secret-scan';
import { loadWorkflow, withParameters } from '../../helpers/workflows';

/**
 * Secrets never written (issue 35, item 3): a portal that repeats the submitted password (in its
 * error, an attribute, a field's value and its address) or the typed code, on both engines,
 * through n8n's engine, the checker and `npm run try`. The password, the codes and the
 * authenticator secret appear nowhere a user or operator sees: outputs, items (JSON, debug page),
 * errors, status files, logs, the checker's saved page; the screenshot is taken of a page whose
 * text no longer holds them. Everything collected here also goes through the suite's secret scan.
 */

/** With the characters HTML and URLs escape, so the escaped forms are tried too. */
const PASSWORD = 'Pw-h&st<le"5f1c9a2e';
const TOTP_BASE32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** A 10-second period: a rejected code is followed by the next window's, soon. */
const TOTP_SECRET = `otpauth://totp/Hostile:hostile-user?secret=${TOTP_BASE32}&period=10`;
const TYPED_CODE = '493027';
addSecret(PASSWORD);
addSecret(TOTP_SECRET);
addSecret(TOTP_BASE32);
addSecret(TYPED_CODE);

const escapes = (s: string) => [
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;'),
	encodeURIComponent(s),
	new URLSearchParams({ s }).toString().slice(2),
];
/** Where the password or a code is found in this material, in any written form. */
function leaks(material: Material[], codes: string[] = []): string[] {
	const secrets = [PASSWORD, ...escapes(PASSWORD), TOTP_SECRET, TOTP_BASE32, TYPED_CODE, ...codes];
	return findSecrets(material, secrets).map((h) => `${h.source}: …${h.context}`);
}

const MASKED_ERROR = `Wrong password •••• for user ${USERNAME}`;
const download = loadWorkflow('download.json');
const root = join(__dirname, '..', '..', '..', 'dist', 'scripts', 'commands');

let hostile: Hostile;
const dirs: string[] = [];
beforeAll(async () => {
	hostile = await startHostile({ password: PASSWORD });
});
afterAll(async () => {
	await hostile.stop();
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function definitionJson(options: Parameters<typeof echoDefinition>[1]): string {
	return JSON.stringify(echoDefinition(hostile.definition(), options));
}

function credential(definition: string, extra: Record<string, string> = {}) {
	return {
		'cred-1': {
			portal: 'custom',
			definition,
			loginUrl: '',
			username: USERNAME,
			password: PASSWORD,
			...extra,
		},
	} as never;
}

/** The status files this test file's runs wrote (N8N_USER_FOLDER is this file's own). */
function statusFiles(): Material[] {
	const dir = defaultStateDir();
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.map((name) => ({ source: `status ${name}`, text: readFileSync(join(dir, name), 'utf8') }));
}

/** Gives the material to the suite's scan too, and returns it. */
function audited(material: Material[]): Material[] {
	for (const m of material) auditText(m.source, m.text);
	return material;
}

/**
 * What the browser showed whenever a screenshot was taken: the page's rendered text, its fields'
 * values and its HTML, read from the live page just before Playwright's screenshot ran.
 */
async function watchScreenshots(): Promise<{ shown: string[]; restore(): void }> {
	const context = await (await sharedBrowser()).newContext();
	const proto = Object.getPrototypeOf(await context.newPage()) as Page;
	await context.close();
	const original = proto.screenshot;
	const shown: string[] = [];
	proto.screenshot = async function (this: Page, ...args: Parameters<Page['screenshot']>) {
		shown.push(
			await this.evaluate(() =>
				[
					document.body.innerText,
					...Array.from(document.querySelectorAll('input, textarea'), (e) => {
						return (e as HTMLInputElement).value;
					}),
					document.documentElement.outerHTML,
				].join('\n'),
			),
		);
		return original.apply(this, args);
	} as Page['screenshot'];
	return { shown, restore: () => (proto.screenshot = original) };
}

describe.each(['http', 'browser'] as const)('through n8n, the %s engine', (engine) => {
	afterEach(() => hostile.use());

	test('a sign-in error that repeats the password: the node error and the status file say "Wrong password •••• for user hostile-user"', async () => {
		hostile.use(echoPassword);
		const run = await runWorkflow(download, {
			credentials: credential(definitionJson({ engine, recognised: true })),
		});
		const error = run.error('Invoice Portal') as Error & { description?: string };
		expect(error?.message).toContain(MASKED_ERROR);
		expect(error?.message).toContain('[WRONG_CREDENTIALS]');
		const status = statusFiles();
		expect(status.some((s) => s.text.includes(MASKED_ERROR))).toBe(true);
		const material = audited([
			{ source: 'error', text: JSON.stringify([error.message, error.description]) },
			{ source: 'static data', text: JSON.stringify(run.staticData) },
			...status,
		]);
		expect(leaks(material)).toEqual([]);
	});

	test('an unknown page that repeats the password: the Action Required item, its debug page and the screenshot hold it nowhere', async () => {
		hostile.use(echoPassword);
		const watch = await watchScreenshots();
		let run;
		try {
			run = await runWorkflow(download, {
				credentials: credential(definitionJson({ engine, recognised: false })),
			});
		} finally {
			watch.restore();
		}
		const [action] = run.output('Invoice Portal', 1);
		expect(action.json).toMatchObject({ status: 'action_required', reason: 'LAYOUT_CHANGED' });
		expect(action.json.message).toContain(`it says: ${MASKED_ERROR}`);
		const html = (await binaryBuffer(action, 'page')).toString('utf8');
		expect(html).toContain(MASKED_ERROR);
		if (engine === 'browser') {
			// A picture of the page, taken after the page's own text was masked.
			expect(action.binary?.screenshot?.mimeType).toBe('image/png');
			expect(watch.shown.length).toBeGreaterThan(0);
			expect(watch.shown.every((text) => text.includes(MASKED_ERROR))).toBe(true);
		}
		const material = audited([
			{ source: 'item', text: JSON.stringify(action.json) },
			{ source: 'portal.html', text: html },
			...watch.shown.map((text) => ({ source: 'page at screenshot', text })),
			...statusFiles(),
		]);
		expect(leaks(material)).toEqual([]);
	});

	test('a code page that repeats the codes: the generated codes, the typed code and the authenticator secret appear nowhere', async () => {
		const codes = echoCodes();
		hostile.use(codes);
		const credentials = credential(definitionJson({ engine, codes: true }), {
			authenticatorSecret: TOTP_SECRET,
		});
		const first = await runWorkflow(download, { credentials });
		const [asked] = first.output('Invoice Portal', 1);
		expect(asked.json).toMatchObject({ status: 'action_required', reason: 'WRONG_CODE' });
		expect(asked.json.portalMessage).toContain('The code •••• is not correct.');
		const submitted = await runWorkflow(
			withParameters(download, 'Invoice Portal', {
				resource: 'connection',
				operation: 'submitCode',
				resumeToken: asked.json.resumeToken,
				code: TYPED_CODE,
			}),
			{ credentials, staticData: first.staticData },
		);
		expect(submitted.error('Invoice Portal')).toBeUndefined();
		const [again] = submitted.output('Invoice Portal', 1);
		expect(again.json.portalMessage).toContain('The code •••• is not correct.');
		expect(codes.codes).toContain(TYPED_CODE);
		// The generated ones: the authenticator's (two per run) besides the typed one.
		expect(codes.codes.length).toBeGreaterThan(1);
		for (const code of codes.codes) addSecret(code);
		const material = audited([
			{ source: 'first item', text: JSON.stringify(asked.json) },
			{ source: 'second item', text: JSON.stringify(again.json) },
			...statusFiles(),
		]);
		expect(leaks(material, codes.codes)).toEqual([]);
	});
});

describe.each(['http', 'browser'] as const)('the command-line tools, %s engine', (engine) => {
	afterEach(() => hostile.use());

	function definitionFile(options: Parameters<typeof echoDefinition>[1]): string {
		const dir = mkdtempSync(join(tmpdir(), 'hostile-secrets-'));
		dirs.push(dir);
		writeFileSync(join(dir, 'hostile.json'), definitionJson(options));
		return join(dir, 'hostile.json');
	}
	const env = {
		INVOICE_PORTALS_CHECK_USERNAME: USERNAME,
		INVOICE_PORTALS_CHECK_PASSWORD: PASSWORD,
	};

	test('portal:check prints the masked error and saves a page without the password', async () => {
		hostile.use(echoPassword);
		const file = definitionFile({ engine, recognised: false });
		const out = join(file, '..', 'out');
		const run = await runCli([join(root, 'portal-check.js'), file, '--out', out], { env });
		expect(run.out).toContain('✗ login: login.loggedIn in the definition does not match the page');
		expect(run.out).toContain(MASKED_ERROR);
		const saved = existsSync(out) ? readdirSync(out) : [];
		expect(saved).toContain('login.html');
		const material = audited([
			{ source: 'checker output', text: run.out },
			...saved
				.filter((name) => name.endsWith('.html'))
				.map((name) => ({ source: name, text: readFileSync(join(out, name), 'utf8') })),
		]);
		expect(leaks(material)).toEqual([]);
	});

	test('npm run try prints the node error masked, and its status file holds no password', async () => {
		hostile.use(echoPassword);
		const file = definitionFile({ engine, recognised: true });
		const run = await runCli([join(root, 'try-definition.js'), file], { env });
		expect(run.out).toContain(MASKED_ERROR);
		expect(run.out).toContain('[WRONG_CREDENTIALS]');
		const material = audited([{ source: 'try output', text: run.out }, ...statusFiles()]);
		expect(leaks(material)).toEqual([]);
	});
});
