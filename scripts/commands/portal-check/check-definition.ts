import { resolve } from 'node:path';
import type { PortalDefinition } from '../../../portals/core/contract/adapter';
import type { RunOptions } from '../../../portals/core/run/portal-run';
import { runPortal } from '../../../portals/core/run/portal-run';
import type { RunResult } from '../../../portals/core/outcomes/result';
import { identityProviders } from '../../../portals/definitions/catalogue';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { IdentityProviderSpec } from '../../../portals/definitions/spec';
import { CHECK_OPTIONS, CHECK_USAGE, checkHelp, parse } from './args';
import { credentialsFromEnvironment } from './credentials';
import { printApi } from './api-part';
import { loginStep, printDocuments, printDownload, readDefinition, report } from './steps';

/**
 * The checker's mode for a definition being written: the definition, the login, the documents
 * list, one download. Returns the exit code (0: every step worked).
 */
export async function checkDefinition(argv: string[]): Promise<number> {
	const { positionals, values } = parse(argv, CHECK_OPTIONS);
	if (values.help) {
		console.log(checkHelp());
		return 0;
	}
	const file = positionals[0];
	if (!file) {
		console.log(`${CHECK_USAGE}\n(npm run portal:check -- --help lists the options)`);
		return 2;
	}
	const option = (name: string) => values[name] as string | undefined;
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
	if (values.headed) process.env.INVOICE_PORTALS_HEADLESS = 'false';
	const out = resolve(option('out') ?? `portal-check-${spec.slug}`);
	const credentials = await credentialsFromEnvironment(
		option('identity-provider-url'),
		undefined,
		portal.passwordless,
	);
	const base: RunOptions = { portal, baseUrl: option('login-url'), credentials, mode: 'check' };

	const login = await loginStep(base);
	if (!report('login', login, out)) return 1;
	console.log(
		`✓ login: logged in (${login.sessionReused ? 'saved session' : portal.signsInWithIdentityProvider ? 'single sign-on' : 'user name and password'})`,
	);

	printEngine(portal, [login]);

	// The later steps start where the login ended (a connection remembers its engine the same way).
	base.engine = login.engine;
	const list = await runPortal({ ...base, mode: 'list', savedSession: login.session });
	if (!report('list', list, out)) return 1;
	console.log(`✓ list: ${list.counts.found} document(s) found`);
	printDocuments(list);
	if (spec.documents.api) printApi(spec.documents.api, list);
	if (!list.selected.length) {
		console.log(
			`✗ list: no documents, so no download could be tried. Check ${spec.documents.api ? 'documents.api.items' : 'documents.rows'} and the fields.`,
		);
		return 1;
	}

	const one = await runPortal({
		...base,
		mode: 'download',
		savedSession: list.session ?? login.session,
		collect: { newest: 1 },
	});
	if (!report('download', one, out)) return 1;
	const downloaded = printDownload(one);
	printEngine(portal, [login, list, one], true);
	return downloaded ? 0 : 1;
}

/**
 * Which engine showed the portal, and whether plain HTTP works for it: a portal that runs on
 * HTTP needs no browser where n8n runs (n8n's stock Docker image has none).
 */
function printEngine(portal: PortalDefinition, runs: RunResult[], verdict = false): void {
	const switched = runs.find((r) => r.engineSwitch)?.engineSwitch;
	const engine = runs.some((r) => r.engine === 'browser') ? 'browser' : 'http';
	if (!verdict) {
		console.log(
			`  engine: ${engine}${switched ? ` (plain HTTP first; moved to the browser because ${switched})` : ''}`,
		);
		return;
	}
	if (engine === 'http')
		console.log('✓ engine: http (plain HTTP works for this portal: its runs start no browser)');
	else if (portal.browserOnlyToSignIn)
		console.log(
			`✓ engine: browser to sign in only (${switched ?? 'the sign-in needs scripts'}); the list and the files come from the app's API over plain HTTP, and a later run whose session still works starts no browser`,
		);
	else if (portal.engine === 'browser')
		console.log(
			'✓ engine: browser (the definition asks for it, or its pagination or identity provider needs scripts)',
		);
	else
		console.log(
			`✓ engine: browser (plain HTTP does not work for this portal: ${switched ?? 'a page needs scripts'}; runs move to the browser there, and a connection remembers it)`,
		);
}
