import { createHash, randomBytes } from 'node:crypto';
import type { RequestContext } from './auth-routes';
import { landing } from './auth-routes';
import { redirect, sendHtml, sessionCookie } from './http';
import type { SsoTrust } from './state';
import { loginView } from './views';

/*
 * "Sign in with SSO": the portal as an OpenID Connect client (authorization code flow with PKCE),
 * the way business portals let employees in through their company's identity provider. The
 * provider's e-mail claim picks the portal account; the portal then trusts the provider's
 * checks and asks no code of its own.
 */

interface ProviderMetadata {
	issuer: string;
	authorization_endpoint: string;
	token_endpoint: string;
	userinfo_endpoint: string;
}

const metadataCache = new Map<string, Promise<ProviderMetadata>>();

function metadataOf(trust: SsoTrust): Promise<ProviderMetadata> {
	let found = metadataCache.get(trust.issuer);
	if (!found) {
		found = fetch(`${trust.issuer}/.well-known/openid-configuration`).then((r) => {
			if (!r.ok) throw new Error(`discovery answered ${r.status}`);
			return r.json() as Promise<ProviderMetadata>;
		});
		found.catch(() => metadataCache.delete(trust.issuer));
		metadataCache.set(trust.issuer, found);
	}
	return found;
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');
const redirectUri = (ctx: RequestContext) => `http://${ctx.req.headers.host}/sso/callback`;

function failed(ctx: RequestContext, error: string): void {
	sendHtml(ctx.res, loginView({ csrf: ctx.session.csrf, error, sso: true }));
}

export async function getSsoStart(ctx: RequestContext): Promise<void> {
	const trust = ctx.state.sso;
	if (!trust) return redirect(ctx.res, '/login');
	const metadata = await metadataOf(trust);
	const pending = {
		state: base64url(randomBytes(16)),
		nonce: base64url(randomBytes(16)),
		verifier: base64url(randomBytes(32)),
	};
	ctx.session.sso = pending;
	ctx.state.remember(pending.state, pending.nonce, pending.verifier);
	const url = new URL(metadata.authorization_endpoint);
	url.search = new URLSearchParams({
		client_id: trust.clientId,
		redirect_uri: redirectUri(ctx),
		response_type: 'code',
		scope: 'openid email',
		state: pending.state,
		nonce: pending.nonce,
		code_challenge: base64url(createHash('sha256').update(pending.verifier).digest()),
		code_challenge_method: 'S256',
	}).toString();
	redirect(ctx.res, url.toString());
}

/** The ID token's claims. It came straight from the token endpoint over the back channel, which OpenID Connect Core 3.1.3.7 lets a client trust without checking the signature. */
function idTokenClaims(idToken: string): Record<string, unknown> {
	return JSON.parse(
		Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'),
	) as Record<string, unknown>;
}

export async function getSsoCallback(ctx: RequestContext): Promise<void> {
	const trust = ctx.state.sso;
	if (!trust) return redirect(ctx.res, '/login');
	const pending = ctx.session.sso;
	ctx.session.sso = undefined;
	const params = ctx.url.searchParams;
	const code = params.get('code') ?? '';
	ctx.state.remember(code);
	if (params.get('error'))
		return failed(
			ctx,
			`Single sign-on did not complete: ${params.get('error_description') ?? params.get('error')}`,
		);
	if (!pending || params.get('state') !== pending.state)
		return failed(ctx, 'This single sign-on has expired. Please try again.');
	const metadata = await metadataOf(trust);
	if (params.get('iss') && params.get('iss') !== metadata.issuer)
		return failed(ctx, 'Single sign-on answered from an unknown identity provider.');
	const tokenResponse = await fetch(metadata.token_endpoint, {
		method: 'POST',
		headers: {
			authorization: `Basic ${Buffer.from(`${encodeURIComponent(trust.clientId)}:${encodeURIComponent(trust.clientSecret)}`).toString('base64')}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			redirect_uri: redirectUri(ctx),
			code_verifier: pending.verifier,
		}),
	});
	const tokens = (await tokenResponse.json()) as { id_token?: string; access_token?: string };
	ctx.state.remember(tokens.id_token, tokens.access_token);
	if (!tokenResponse.ok || !tokens.id_token || !tokens.access_token)
		return failed(ctx, 'Single sign-on failed. Please try again.');
	const claims = idTokenClaims(tokens.id_token);
	const audience = ([] as unknown[]).concat(claims.aud);
	if (
		claims.iss !== metadata.issuer ||
		!audience.includes(trust.clientId) ||
		claims.nonce !== pending.nonce ||
		Number(claims.exp) * 1000 < Date.now()
	) {
		return failed(ctx, 'Single sign-on answered with a token that is not for this portal.');
	}
	const userinfo = (await (
		await fetch(metadata.userinfo_endpoint, {
			headers: { authorization: `Bearer ${tokens.access_token}` },
		})
	).json()) as { sub?: string; email?: string };
	if (userinfo.sub !== claims.sub) return failed(ctx, 'Single sign-on answered for another user.');
	const account = ctx.state.account(userinfo.email);
	if (!account)
		return failed(
			ctx,
			`No My Demo Telecom account is linked to ${userinfo.email ?? 'this sign-in'}. Ask your administrator to link it.`,
		);
	ctx.state.ssoLogins.set(account.login, (ctx.state.ssoLogins.get(account.login) ?? 0) + 1);
	// The identity provider did the checks (password, code): no second factor of the portal's own.
	const session = ctx.state.signIn(ctx.session, account, []);
	ctx.session = session;
	redirect(ctx.res, landing(ctx), sessionCookie(session.id));
}
