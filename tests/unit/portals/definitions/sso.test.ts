import {
	customPortal,
	cataloguePortals,
	identityProviders,
} from '../../../../portals/definitions/catalogue';
import { definitionPortal } from '../../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../../portals/definitions/spec';
import { readDefinition as read } from './shipped-definitions';

/** Single sign-on (issue 5): a portal's definition names an identity provider's, which is no portal itself. */
const validProvider = read('demo/demo-sso.json');

describe('single sign-on: portals name identity providers', () => {
	const ssoPortal = read('demo/demo-telecom-sso.json') as DefinitionSpec;

	test('identity providers are not portals: the list shows the portals only, the presets are marked unverified', () => {
		const slugs = cataloguePortals({ INVOICE_PORTALS_DEMO: 'true' }).map((p) => p.slug);
		expect(slugs).toEqual([
			'demo-energie',
			'demo-cloud',
			'demo-contracts',
			'demo-contracts-buttons',
			'demo-spa',
			'demo-down',
			'demo-telecom-definition',
			'demo-telecom-link',
			'demo-telecom-sso',
			'demo-kinds',
		]);
		expect(
			identityProviders({ INVOICE_PORTALS_DEMO: 'true' }).map((p) => [p.slug, !!p.unverified]),
		).toEqual([
			['demo-sso', false],
			['google', true],
			['microsoft', true],
		]);
		const viaGoogle = definitionPortal(
			{ ...ssoPortal, login: { ...ssoPortal.login, sso: 'google' } },
			identityProviders({ INVOICE_PORTALS_DEMO: 'true' }),
		);
		expect(viaGoogle.name).toBe('Demo Telecom with SSO (definition example) (unverified)');
		// The browser may visit the provider's domains too.
		expect(viaGoogle.allowedOrigins).toContain('https://accounts.google.com');
	});

	test('a provider nobody defined is refused, naming login.sso and the known ones', () => {
		expect(() =>
			definitionPortal(
				{ ...ssoPortal, login: { ...ssoPortal.login, sso: 'okta' } },
				identityProviders({ INVOICE_PORTALS_DEMO: 'true' }),
				'Definition',
			),
		).toThrow(
			/^Definition: 1 problem\(s\): login\.sso names "okta", which is not an identity-provider definition .*\(known: demo-sso, google, microsoft\)/,
		);
	});

	test('an identity provider pasted as a custom portal says what to paste instead', () => {
		expect(() => customPortal(JSON.stringify(validProvider), {})).toThrow(
			/is the identity provider "demo-sso" \(identityProvider: true\)\. Paste the portal's definition/,
		);
	});
});
