import type { IncomingMessage, ServerResponse } from 'node:http';
import { captchaSvg, captchaText } from './captcha';
import { readForm, redirect, sendHtml, sessionCookie } from './http';
import type { DemoState, Session } from './state';
import {
	INTERSTITIALS,
	interstitialView,
	linkLoginView,
	linkSentView,
	loginView,
	verifyView,
} from './views';
import { redeemToken } from './recaptcha';

export interface RequestContext {
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
	state: DemoState;
	/** The visitor's session (created on first visit, as portals do for the CSRF token). */
	session: Session;
}

const MAX_CODE_TRIES = 5;

function mask(value: string, keep = 4): string {
	return value.length <= keep
		? value
		: `${'*'.repeat(Math.min(6, value.length - keep))}${value.slice(-keep)}`;
}

function prompt(ctx: RequestContext): string {
	const account = ctx.state.account(ctx.session.login)!;
	switch (ctx.session.pendingFactors[0]) {
		case 'totp':
			return 'Enter the 6-digit code from your authenticator app.';
		case 'sms':
			return `We sent a 6-digit code by SMS to ${mask(account.phone ?? '')}.`;
		default:
			return `We sent a 6-digit code by e-mail to ${account.login.replace(/^(.).*@/, '$1***@')}.`;
	}
}

function captchaNeeded(ctx: RequestContext, login: string | undefined): boolean {
	const account = ctx.state.account(login);
	return (
		!!account?.captchaAfter &&
		(ctx.state.failedLogins.get(account.login) ?? 0) >= account.captchaAfter
	);
}

/** Where a signed-in visitor goes next: a blocking interstitial, or the page they wanted. */
export function landing(ctx: RequestContext): string {
	const account = ctx.state.account(ctx.session.login);
	return account?.interstitial ? INTERSTITIALS[account.interstitial].path : '/dashboard';
}

export async function postLogin(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	ctx.state.remember(form.password, form.code, form.captcha);
	const { state } = ctx;
	const username = (form.username ?? '').trim();
	const view = (error: string) => {
		const captcha = captchaNeeded(ctx, username);
		if (captcha) {
			ctx.session.captcha = captchaText();
			ctx.state.remember(ctx.session.captcha);
			// Remembered so that a reload of the login page still shows the same challenge.
			ctx.session.captchaFor = username;
		}
		sendHtml(
			ctx.res,
			loginView({
				csrf: ctx.session.csrf,
				error,
				captcha,
				tokenCaptcha: ctx.state.faults.tokenCaptcha,
				username,
				sso: !!ctx.state.sso,
			}),
			200,
		);
	};
	if (form.csrf !== ctx.session.csrf) return view('Your session has expired. Please log in again.');
	if (state.faults.tokenCaptcha && !redeemToken(ctx, form['g-recaptcha-response']))
		return view('Please confirm that you are not a robot.');
	if (state.faults.loginRedirect)
		return redirect(ctx.res, state.faults.loginRedirect.to, {}, state.faults.loginRedirect.status);
	const { account, locked } = state.startAttempt(username);
	const LOCKED =
		'Your account has been locked after too many failed login attempts. Contact customer service to unlock it.';
	if (locked) return view(LOCKED);
	if (captchaNeeded(ctx, username)) {
		const expected = ctx.session.captcha;
		ctx.session.captcha = undefined;
		if (!expected || (form.captcha ?? '').trim().toUpperCase() !== expected) {
			return view(
				form.captcha
					? 'The characters you typed do not match the image.'
					: 'Please confirm that you are not a robot.',
			);
		}
	}
	const checked = state.checkPassword(account, form.password);
	if (checked !== 'ok' && state.faults.echoPassword && checked !== 'locked')
		return view(`The password ${form.password ?? ''} is incorrect for ${username}.`);
	if (checked !== 'ok')
		return view(checked === 'locked' ? LOCKED : 'The e-mail address or password is incorrect.');
	const session = state.signIn(ctx.session, account!);
	ctx.session = session;
	redirect(
		ctx.res,
		session.pendingFactors.length ? '/login/verify' : landing(ctx),
		sessionCookie(session.id),
	);
}

export function getVerify(ctx: RequestContext, error?: string, notice?: string): void {
	if (!ctx.session.login || ctx.session.pendingFactors.length === 0)
		return redirect(ctx.res, '/login');
	sendHtml(ctx.res, verifyView({ csrf: ctx.session.csrf, prompt: prompt(ctx), error, notice }));
}

export async function postVerify(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	ctx.state.remember(form.password, form.code, form.captcha);
	const { session, state } = ctx;
	const factor = session.pendingFactors[0];
	if (!session.login || !factor) return redirect(ctx.res, '/login');
	if (form.csrf !== session.csrf)
		return getVerify(ctx, 'Your session has expired. Please try again.');
	const code = (form.code ?? '').replace(/\s/g, '');
	// A sent code that is too old is replaced by a new one (the portal says so).
	const sent = session.code;
	if (
		factor !== 'totp' &&
		sent &&
		Date.now() - sent.issuedAt > (state.faults.codeTtlMs ?? state.options.codeTtlSeconds * 1000)
	) {
		state.sendCode(session, factor);
		return getVerify(ctx, 'This code has expired. We have sent you a new code.');
	}
	const ok = state.codeMatches(session, code);
	if (!ok) {
		session.codeTries = (session.codeTries ?? 0) + 1;
		if (session.codeTries >= MAX_CODE_TRIES) {
			state.sessions.delete(session.id);
			return redirect(ctx.res, '/login?error=too-many-codes');
		}
		return getVerify(ctx, 'The code is not correct. Check it and try again.');
	}
	session.pendingFactors.shift();
	session.code = undefined;
	session.codeTries = 0;
	if (session.pendingFactors.length) {
		state.startFactor(session);
		return getVerify(
			ctx,
			undefined,
			'Thank you. One more check: your account also requires a code by e-mail.',
		);
	}
	redirect(ctx.res, landing(ctx));
}

export function getLogin(ctx: RequestContext): void {
	if (ctx.state.isSignedIn(ctx.session)) return redirect(ctx.res, landing(ctx));
	const error =
		ctx.url.searchParams.get('error') === 'too-many-codes'
			? 'Too many wrong codes. Please log in again.'
			: undefined;
	const notice = ctx.url.searchParams.get('expired')
		? 'Your session has expired. Please log in again.'
		: undefined;
	const captchaFor = ctx.session.captchaFor;
	sendHtml(
		ctx.res,
		loginView({
			csrf: ctx.session.csrf,
			error,
			notice,
			captcha: !!captchaFor,
			tokenCaptcha: ctx.state.faults.tokenCaptcha,
			username: captchaFor,
			sso: !!ctx.state.sso,
		}),
	);
}

export function getCaptcha(ctx: RequestContext): void {
	ctx.session.captcha ??= captchaText();
	ctx.res.writeHead(200, { 'content-type': 'image/svg+xml', 'cache-control': 'no-store' });
	ctx.res.end(captchaSvg(ctx.session.captcha));
}

export function getInterstitial(ctx: RequestContext, kind: keyof typeof INTERSTITIALS): void {
	const account = ctx.state.account(ctx.session.login)!;
	sendHtml(ctx.res, interstitialView(kind, ctx.session.csrf, account));
}

export function logout(ctx: RequestContext): void {
	ctx.state.sessions.delete(ctx.session.id);
	redirect(ctx.res, '/login', { 'set-cookie': 'dt_session=; Path=/; Max-Age=0' });
}

export function getLinkLogin(ctx: RequestContext, error?: string): void {
	sendHtml(ctx.res, linkLoginView({ csrf: ctx.session.csrf, error }));
}

/**
 * The passwordless login: a link goes to the address if it belongs to a passwordless account.
 * The page reads the same either way, so that it does not tell strangers who has an account.
 */
export async function postLinkLogin(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	if (form.csrf !== ctx.session.csrf)
		return getLinkLogin(ctx, 'Your session has expired. Please try again.');
	const email = (form.email ?? '').trim();
	const { account } = ctx.state.startAttempt(email);
	const host = ctx.req.headers.host ?? '127.0.0.1';
	if (account?.passwordless)
		ctx.state.sendSignInLink(account, ctx.state.faults.signInLinkOrigin ?? `http://${host}`);
	sendHtml(ctx.res, linkSentView(email.replace(/^(.).*@/, '$1***@')));
}

export function getLinkSignIn(ctx: RequestContext, token: string): void {
	const login = ctx.state.redeemSignInLink(token);
	const account = ctx.state.account(login);
	if (!account)
		return getLinkLogin(
			ctx,
			'This sign-in link has expired or was already used. Request a new one below.',
		);
	ctx.session = ctx.state.signIn(ctx.session, account, []);
	redirect(ctx.res, landing(ctx), sessionCookie(ctx.session.id));
}
