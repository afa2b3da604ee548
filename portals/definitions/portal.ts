import type { PortalDefinition } from '../core/contract/adapter';
import { DefinitionAdapter } from './generic-adapter';
import type { DefinitionSpec, IdentityProviderSpec } from './spec';
import { definitionError } from './validate';

/**
 * A definition as a portal of the engine: the same statuses, reasons, filters, dedup and
 * downloads as a coded adapter, shown over plain HTTP or in the browser as its `engine` says. The browser may visit the definition's domains, its identity
 * provider's (single sign-on), and the addresses the credential points to; everything else is
 * blocked. A login.sso naming no known identity provider is an INVALID_INPUT for that field.
 */
export function definitionPortal(
	spec: DefinitionSpec,
	identityProviders: IdentityProviderSpec[] = [],
	source = `definition ${spec.slug}`,
): PortalDefinition {
	const idp = spec.login.sso ? identityProviders.find((p) => p.slug === spec.login.sso) : undefined;
	if (spec.login.sso && !idp) {
		const known = identityProviders.map((p) => p.slug).join(', ') || 'none';
		throw definitionError(source, [
			{
				field: 'login.sso',
				message: `names "${spec.login.sso}", which is not an identity-provider definition in the catalogue or INVOICE_PORTALS_DEFINITIONS_DIR (known: ${known})`,
			},
		]);
	}
	const unverified = spec.unverified || idp?.unverified;
	const need = browserNeed(spec, idp);
	const engine = spec.engine ?? 'auto';
	const browserBecause =
		spec.engine === 'browser' ? 'its definition asks for it ("engine": "browser")' : need;
	return {
		slug: spec.slug,
		name: unverified ? `${spec.name} (unverified)` : spec.name,
		defaultUrl: new URL(spec.loginUrl).origin,
		allowedOrigins: [...spec.domains, ...(idp?.domains ?? [])].flatMap((d) => [
			`https://${d}`,
			`http://${d}`,
		]),
		downloadOrigins: (spec.downloadDomains ?? []).flatMap((d) => [`https://${d}`, `http://${d}`]),
		version: `definition v${spec.version}${idp ? `, identity provider ${idp.slug} v${idp.version}` : ''}`,
		codeValiditySeconds: spec.codeValiditySeconds ?? 300,
		sessionMaxAgeSeconds: spec.sessionMaxAgeSeconds ?? 12 * 3600,
		signsInWithIdentityProvider: !!idp,
		engine: engine === 'auto' && need ? 'browser' : engine,
		browserBecause,
		passwordless: !!spec.login.signInLink,
		mail: spec.mail,
		browserOnlyToSignIn: browserOnlyToSignIn(spec),
		createAdapter: () => new DefinitionAdapter(spec, idp),
	};
}

/** An app's documents come over its API from Node: with a saved session no page is needed. */
export function browserOnlyToSignIn(spec: DefinitionSpec): boolean {
	return !!spec.documents.api && !spec.documents.api.inPage;
}

/**
 * Why `auto` starts in the browser: the first step the definition says needs scripts or Chromium
 * (rows added by scripts, account buttons, a popover's link, printing, an identity provider whose
 * sign-in draws itself), said as the run's report says it; undefined when plain HTTP may start.
 */
function browserNeed(spec: DefinitionSpec, idp?: IdentityProviderSpec): string | undefined {
	const { pagination, accounts, download } = spec.documents;
	const rows = (step: string) => `its documents list adds rows with scripts (${step})`;
	const needs: [boolean, string][] = [
		[!!pagination?.loadMore, rows('documents.pagination.loadMore')],
		[!!pagination?.infiniteScroll, rows('documents.pagination.infiniteScroll')],
		[!!accounts && 'buttons' in accounts, rows('documents.accounts.buttons')],
		[
			!!download?.detail?.press,
			"its files' links are in a popover a script draws (documents.download.detail.press)",
		],
		[idp?.engine === 'browser', `its identity provider ${idp?.name} signs in with scripts`],
		[
			!!download?.print,
			'its invoices are pages printed to PDF in the browser (documents.download.print)',
		],
	];
	return needs.find(([needed]) => needed)?.[1];
}
