import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { closeBrowser } from '../portals/core/browser/launch';
import { runPortal, type RunOptions } from '../portals/core/run/portal-run';
import type { PortalDefinition } from '../portals/core/contract/adapter';
import { PortalError } from '../portals/core/outcomes/errors';
import type { RunResult } from '../portals/core/outcomes/result';
import { identityProviders } from '../portals/definitions/catalogue';
import { definitionPortal } from '../portals/definitions/portal';
import { definitionProblems } from '../portals/definitions/validate';
import type { AnySpec, IdentityProviderSpec } from '../portals/definitions/spec';

/**
 * `npm run portal:check -- <definition.json> [--headed] [--login-url <url>] [--out <dir>]
 *    [--identity-provider <provider.json>] [--identity-provider-url <url>]`
 *
 * Tries a portal definition against the real site, step by step: the definition itself, the
 * login (answering a code prompt from the terminal), the documents list, one download. It prints
 * what it found at each step; on failure it names the step and the selector, and saves a
 * screenshot and the redacted page HTML. Credentials come from INVOICE_PORTALS_CHECK_USERNAME,
 * _PASSWORD and _TOTP_SECRET, or are asked for (the password is not echoed). For a portal that
 * signs in with single sign-on they are the identity provider's; --identity-provider checks a
 * provider definition that is not in the catalogue yet along with it.
 */
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
};
const VALUED = ['--login-url', '--out', '--identity-provider', '--identity-provider-url'];
const file = args.find((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1] ?? ''));

/** A definition file, or its problems printed (each naming its field). */
function readDefinition(path: string): AnySpec | undefined {
	let spec: AnySpec;
	try {
		spec = JSON.parse(readFileSync(resolve(path), 'utf8'));
	} catch (error) {
		console.log(`✗ definition: ${path} cannot be read as JSON: ${(error as Error).message}`);
		return undefined;
	}
	const problems = definitionProblems(spec);
	if (problems.length) {
		console.log(`✗ definition: ${path}: ${problems.length} problem(s)`);
		for (const p of problems) console.log(`  ${p.field} ${p.message}`);
		return undefined;
	}
	console.log(
		`✓ definition: ${spec.name} (${spec.slug} v${spec.version}${spec.identityProvider ? ', identity provider' : ''}), domains ${spec.domains.join(', ')}`,
	);
	return spec;
}

async function ask(question: string, secret = false): Promise<string> {
	const rl = createInterface({
		input: process.stdin,
		output: process.stdout,
		terminal: process.stdin.isTTY,
	});
	if (secret && process.stdin.isTTY) {
		// Hide typed characters: print nothing for them.
		(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
			if (s.includes(question)) process.stdout.write(s);
		};
	}
	const answer = await rl.question(question);
	rl.close();
	if (secret) process.stdout.write('\n');
	return answer.trim();
}

function report(step: string, result: RunResult, out: string): boolean {
	if (result.status === 'connected' && !result.reason) return true;
	if (result.reason === 'PARTIAL_RUN' || result.reason === 'DOWNLOAD_FAILED') return true;
	console.log(`✗ ${step}: ${result.status} / ${result.reason} — ${result.message}`);
	if (result.debug?.missingElement)
		console.log(`  missing element: ${result.debug.missingElement}`);
	if (result.debug?.url) console.log(`  page: ${result.debug.url}`);
	console.log(`  what to do: ${result.remedy}`);
	if (result.debug?.screenshot || result.debug?.html) {
		mkdirSync(out, { recursive: true });
		if (result.debug.screenshot) writeFileSync(join(out, `${step}.png`), result.debug.screenshot);
		if (result.debug.html) writeFileSync(join(out, `${step}.html`), result.debug.html);
		console.log(
			`  saved: ${join(out, `${step}.png`)} and ${step}.html (form values, tokens and scripts removed)`,
		);
	}
	return false;
}

async function main(): Promise<number> {
	if (!file) {
		console.log(
			'usage: npm run portal:check -- <definition.json> [--headed] [--login-url <url>] [--out <dir>] [--identity-provider <provider.json>] [--identity-provider-url <url>]',
		);
		return 2;
	}
	const spec = readDefinition(file);
	if (!spec) return 1;
	if (spec.identityProvider) {
		console.log(
			'  An identity provider is checked through a portal that signs in with it: npm run portal:check -- <portal.json> --identity-provider <this file>',
		);
		return 1;
	}
	const providers = identityProviders();
	const extraProvider = option('identity-provider');
	if (extraProvider) {
		const provider = readDefinition(extraProvider);
		if (!provider) return 1;
		if (!provider.identityProvider) {
			console.log(
				`✗ definition: ${extraProvider} is not an identity provider (identityProvider: true).`,
			);
			return 1;
		}
		providers.unshift(provider as IdentityProviderSpec);
	}
	let portal: PortalDefinition;
	try {
		portal = definitionPortal(spec, providers, file);
	} catch (error) {
		console.log(`✗ definition: ${(error as Error).message}`);
		return 1;
	}
	if (flag('headed')) process.env.INVOICE_PORTALS_HEADLESS = 'false';
	const out = resolve(option('out') ?? `portal-check-${spec.slug}`);
	const username = process.env.INVOICE_PORTALS_CHECK_USERNAME || (await ask('User name: '));
	const password = process.env.INVOICE_PORTALS_CHECK_PASSWORD || (await ask('Password: ', true));
	const credentials = {
		username,
		password,
		authenticatorSecret: process.env.INVOICE_PORTALS_CHECK_TOTP_SECRET || undefined,
		identityProviderUrl: option('identity-provider-url'),
	};
	const base: RunOptions = { portal, baseUrl: option('login-url'), credentials, mode: 'check' };

	let login = await runPortal(base);
	while (
		login.status === 'action_required' &&
		login.challenge &&
		['sms', 'email', 'authenticator_app', 'captcha'].includes(login.challenge.method)
	) {
		console.log(
			`… login: the portal asks for a code (${login.challenge.method})${login.challenge.portalMessage ? `: ${login.challenge.portalMessage}` : ''}`,
		);
		const code = await ask('Code: ');
		login = await runPortal({ ...base, resume: { token: login.challenge.resumeToken, code } });
	}
	if (!report('login', login, out)) return 1;
	console.log(
		`✓ login: logged in (${login.sessionReused ? 'saved session' : portal.signsInWithIdentityProvider ? 'single sign-on' : 'user name and password'})`,
	);

	const list = await runPortal({ ...base, mode: 'list', savedSession: login.session });
	if (!report('list', list, out)) return 1;
	console.log(`✓ list: ${list.counts.found} document(s) found`);
	for (const doc of list.selected.slice(0, 5))
		console.log(
			`  ${doc.issueDate}  ${doc.type.padEnd(11)} ${doc.number}  ${doc.amount ?? ''} ${doc.currency ?? ''}  [${doc.accountId}]`,
		);
	if (!list.selected.length) {
		console.log(
			'✗ list: no documents, so no download could be tried. Check documents.rows and the fields.',
		);
		return 1;
	}

	const one = await runPortal({
		...base,
		mode: 'download',
		savedSession: list.session ?? login.session,
		newest: 1,
	});
	if (!report('download', one, out)) return 1;
	const file1 = one.documents[0];
	if (!file1) {
		console.log(`✗ download: ${one.failures[0]?.message ?? 'nothing was downloaded'}`);
		return 1;
	}
	console.log(
		`✓ download: ${file1.fileName} (${file1.size} bytes, ${file1.mimeType}, sha256 ${file1.sha256.slice(0, 12)}…)`,
	);
	return 0;
}

main()
	.then((code) => {
		process.exitCode = code;
	})
	.catch((error) => {
		console.log(
			`✗ ${error instanceof PortalError ? `${error.code}: ${error.message}` : (error as Error).message}`,
		);
		process.exitCode = 1;
	})
	.finally(() => closeBrowser());
