import { generateSync } from 'otplib';
import { runPortal, type RunOptions } from '../../../portals/core/run/portal-run';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import { identityProviders } from '../../../portals/definitions/catalogue';
import { definitionPortal } from '../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../portals/definitions/spec';
import { portalBySlug } from '../../../portals/registry';
import demoTelecomSso from '../../../portals/definitions/demo/demo-telecom-sso.json';
import { binaryBuffer, runWorkflow } from '../../../testbeds/n8n-engine';
import { startDemo } from '../../helpers/demo';
import { startIdp, type DemoIdp } from '../../helpers/idp';
import { loadWorkflow } from '../../helpers/workflows';

/**
 * Single sign-on (issue 5): the demo portal trusts a real OpenID Connect provider (oidc-provider,
 * testbeds/demo-idp) through its "Sign in with SSO" button. The catalogue definition
 * demo-telecom-sso names the identity-provider definition demo-sso, whose sign-in page, code
 * prompt and consent page the generic adapter handles; the provider then sends the browser back
 * to the portal. Users at the provider have their own passwords, not the portal's.
 */
const portal = portalBySlug('demo-telecom-sso');
const ANNA = { email: 'anna@example.test', password: 'anna-at-the-idp-2026', name: 'Anna Jansen' };
const TOM = {
	email: 'tom@example.test',
	password: 'tom-at-the-idp-2026',
	name: 'Tom de Vries',
	totpSecret: 'NBSWY3DPO5XXE3DEGEZDGNBVGY3TQOJQ',
};
const STRANGER = {
	email: 'nobody@example.test',
	password: 'nobody-at-the-idp-2026',
	name: 'No Body',
};

let demo: DemoPortal;
let idp: DemoIdp;
beforeAll(async () => {
	demo = await startDemo({ pageSize: 6 });
	idp = await startIdp(demo, [ANNA, TOM, STRANGER]);
});
afterAll(() => idp.stop());

type IdpUser = typeof ANNA & { totpSecret?: string };
const credentialsOf = (user: IdpUser, overrides: Record<string, string | undefined> = {}) => ({
	username: user.email,
	password: user.password,
	authenticatorSecret: user.totpSecret,
	identityProviderUrl: idp.url,
	...overrides,
});
const run = (
	user: IdpUser,
	extra: Partial<RunOptions> = {},
	overrides: Record<string, string | undefined> = {},
) =>
	runPortal({
		portal,
		baseUrl: demo.url,
		credentials: credentialsOf(user, overrides),
		mode: 'download',
		...extra,
	});
const numbersOf = (login: string) =>
	demo.state.documents
		.filter((d) => d.login === login)
		.map((d) => d.number)
		.sort();

test('the definition is in the portal list and names its identity provider', () => {
	expect(portal).toMatchObject({
		name: 'Demo Telecom with SSO (definition example)',
		signsInWithIdentityProvider: true,
		version: 'definition v1, identity provider demo-sso v1',
	});
});

test('without a code at the provider: sign-in and consent at the provider, back at the portal, every document of every customer number', async () => {
	const result = await run(ANNA);
	expect(result).toMatchObject({ status: 'connected', reason: undefined, loginPerformed: true });
	// Both customer numbers, every page, and the statements that only an export button downloads.
	expect(result.documents.map((d) => d.number).sort()).toEqual(numbersOf(ANNA.email));
	expect(result.documents.some((d) => d.type === 'statement')).toBe(true);
	for (const doc of result.documents) expect(doc.data.subarray(0, 5).toString()).toBe('%PDF-');
	expect(demo.state.ssoLogins.get(ANNA.email)).toBe(1);
	// The portal's own password was never used: the provider's was.
	expect(demo.state.passwordLogins.get(ANNA.email) ?? 0).toBe(0);

	const again = await run(ANNA, { mode: 'check', savedSession: result.session });
	expect(again).toMatchObject({ status: 'connected', sessionReused: true, loginPerformed: false });
	expect(demo.state.ssoLogins.get(ANNA.email)).toBe(1);
});

test('with an authenticator code at the provider: answered from the secret; without it, action required, and Submit Code continues at the provider', async () => {
	const automatic = await run(TOM, { mode: 'check' });
	expect(automatic).toMatchObject({ status: 'connected', loginPerformed: true });
	expect(demo.state.ssoLogins.get(TOM.email)).toBe(1);

	const asked = await run(TOM, {}, { authenticatorSecret: undefined });
	expect(asked).toMatchObject({
		status: 'action_required',
		reason: 'CODE_REQUIRED_APP',
		challenge: { method: 'authenticator_app' },
	});
	expect(asked.challenge!.portalMessage).toContain('authenticator app');
	const noSecret = { authenticatorSecret: undefined };
	const wrong = await run(
		TOM,
		{ resume: { token: asked.challenge!.resumeToken, code: '000000' } },
		noSecret,
	);
	expect(wrong).toMatchObject({ status: 'action_required', reason: 'WRONG_CODE' });
	expect(wrong.challenge!.portalMessage).toContain('not valid');
	const code = generateSync({ secret: TOM.totpSecret });
	const done = await run(TOM, { resume: { token: wrong.challenge!.resumeToken, code } }, noSecret);
	expect(done).toMatchObject({ status: 'connected' });
	expect(done.documents.map((d) => d.number).sort()).toEqual(numbersOf(TOM.email));
	expect(demo.state.ssoLogins.get(TOM.email)).toBe(2);
});

test('a wrong password at the provider and a provider user without a portal account fail in their own words', async () => {
	const wrong = await run(ANNA, { mode: 'check' }, { password: 'not-the-idp-password' });
	expect(wrong).toMatchObject({ status: 'login_failed', reason: 'WRONG_CREDENTIALS' });
	expect(wrong.message).toContain(
		'The identity provider Demo SSO says: Incorrect e-mail address or password.',
	);

	const stranger = await run(STRANGER, { mode: 'check' });
	expect(stranger).toMatchObject({ status: 'login_failed', reason: 'WRONG_CREDENTIALS' });
	expect(stranger.message).toContain('No My Demo Telecom account is linked to nobody@example.test');
});

test('the provider is only reachable where the credential allows it: elsewhere the browser is stopped and the run says where', async () => {
	const blocked = await run(ANNA, { mode: 'check' }, { identityProviderUrl: undefined });
	expect(blocked).toMatchObject({ status: 'action_required', reason: 'NAVIGATION_BLOCKED' });
	expect(blocked.message).toContain(new URL(idp.url).host);
	await expect(
		run(ANNA, { mode: 'check' }, { identityProviderUrl: 'sso.example.com' }),
	).rejects.toMatchObject({
		code: 'INVALID_INPUT',
		message: expect.stringContaining('identityProviderUrl'),
	});
});

test("a provider whose sign-in page changed: LAYOUT_CHANGED names the provider definition's field and selector", async () => {
	const providers = identityProviders({ INVOICE_PORTALS_DEMO: 'true' }).map((p) =>
		p.slug === 'demo-sso'
			? {
					...p,
					login: {
						...p.login,
						steps: [
							{
								...p.login.steps[0],
								fields: [{ selector: '#username', value: 'username' as const }],
							},
						],
					},
				}
			: p,
	);
	const changed = definitionPortal(demoTelecomSso as DefinitionSpec, providers);
	const result = await runPortal({
		portal: changed,
		baseUrl: demo.url,
		credentials: credentialsOf(ANNA),
		mode: 'check',
	});
	expect(result).toMatchObject({ status: 'action_required', reason: 'LAYOUT_CHANGED' });
	expect(result.debug?.missingElement).toBe(
		'identity provider demo-sso: login.steps[0].fields[0] (#username)',
	);
	expect(demo.state.ssoLogins.get(ANNA.email)).toBe(1);
});

test("through n8n: a credential for the SSO portal with the provider's address downloads every document", async () => {
	const credential = {
		portal: 'demo-telecom-sso',
		loginUrl: demo.url,
		identityProviderUrl: idp.url,
		username: ANNA.email,
		password: ANNA.password,
		authenticatorSecret: '',
	};
	const result = await runWorkflow(loadWorkflow('download.json'), {
		credentials: { 'cred-1': credential },
	});
	const items = result.output('Invoice Portal');
	expect(items.map((i) => String(i.json.number)).sort()).toEqual(numbersOf(ANNA.email));
	expect((await binaryBuffer(items[0])).subarray(0, 5).toString()).toBe('%PDF-');
});
