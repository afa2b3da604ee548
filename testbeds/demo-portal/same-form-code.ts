import type { RequestContext } from './auth-routes';
import { readForm, sendHtml, sendJson, sessionCookie } from './http';

/**
 * A sign-in form that asks for the code in itself (/hosts/samecode/login): the page's script sends
 * the password as JSON; once it is accepted, a code field appears in the same form (no new
 * page, no new address), the password field stays (filled, read-only) and a notice says what
 * to do next. Reading that as the form shown again with a message would take it for a wrong
 * password, and the lockout guard would stop every later run. Same accounts and authenticator
 * secrets as the other layouts; a signed-in visitor goes to /hosts/home.
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const SCRIPT = `
const form = document.getElementById('signin');
const say = (text) => { document.getElementById('notice').textContent = text; };
form.addEventListener('submit', async (event) => {
	event.preventDefault();
	const code = document.getElementById('otp');
	const body = code
		? { csrf: form.csrf.value, code: code.value }
		: { csrf: form.csrf.value, email: form.email.value, password: form.password.value };
	const response = await fetch(code ? '/hosts/samecode/code' : '/hosts/samecode/password', {
		method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
	});
	const answer = await response.json();
	if (answer.signedIn) return void (location.href = '/hosts/home');
	if (answer.error) return say(answer.error);
	if (answer.csrf) form.csrf.value = answer.csrf;
	document.getElementById('code-step').innerHTML =
		'<label for="otp">Enter the 6-digit code from your authenticator app</label>' +
		'<input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6">';
	form.password.readOnly = true;
	say('Password accepted. One more step: enter your code.');
});`;

export function getLogin(ctx: RequestContext): void {
	sendHtml(
		ctx.res,
		`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in – Demo Hosts</title></head><body>
<h1>Sign in to Demo Hosts</h1>
<form id="signin" method="post" action="/hosts/samecode/login"><input type="hidden" name="csrf" value="${esc(ctx.session.csrf)}">
<p id="notice" class="error" role="alert"></p>
<label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<div id="code-step"></div>
<button id="sign-in" type="submit">Sign in</button></form>
<script>${SCRIPT}</script></body></html>`,
	);
}

export async function postPassword(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	ctx.state.remember(form.password);
	if (form.csrf !== ctx.session.csrf)
		return sendJson(ctx.res, { error: 'Your session has expired.' });
	const { account, locked } = ctx.state.startAttempt((form.email ?? '').trim());
	if (locked) return sendJson(ctx.res, { error: 'Your account is locked.' });
	if (ctx.state.checkPassword(account, form.password) !== 'ok')
		return sendJson(ctx.res, { error: 'The e-mail address or password is incorrect.' });
	const session = ctx.state.signIn(ctx.session, account!, account!.totpSecret ? ['totp'] : []);
	ctx.res.setHeader('set-cookie', sessionCookie(session.id)['set-cookie']);
	sendJson(
		ctx.res,
		session.pendingFactors.length ? { code: true, csrf: session.csrf } : { signedIn: true },
	);
}

export async function postCode(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	ctx.state.remember(form.code);
	const { session, state } = ctx;
	if (!session.login || session.pendingFactors[0] !== 'totp' || form.csrf !== session.csrf)
		return sendJson(ctx.res, { error: 'Your session has expired. Please sign in again.' });
	if (!state.codeMatches(session, String(form.code ?? '').trim()))
		return sendJson(ctx.res, { error: 'That code is not valid. Try the current one.' });
	session.pendingFactors.shift();
	sendJson(ctx.res, { signedIn: true });
}
