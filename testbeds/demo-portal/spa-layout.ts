import type { RequestContext } from './auth-routes';
import { isNavigation, readForm, sendHtml, sendJson, sessionCookie } from './http';
import { pdfFor } from './document-routes';

/**
 * A third layout of the demo portal under /app/: a single-page app, as modern billing portals
 * are built. One HTML page; the login, the authenticator code and the documents go through a
 * JSON API (/app/api/...), and more documents load while scrolling (infinite scroll). Same
 * accounts, sessions and documents as the main layout. Formats are American English:
 * "Oct 1, 2026" and "€1,234.56".
 */
const BATCH = 5;

const APP = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo Cloud – Billing</title>
<style>body{font-family:sans-serif;max-width:760px;margin:2rem auto}.doc-card{border:1px solid #ccc;border-radius:6px;padding:.6rem;margin:.4rem 0;height:90px}.error{color:#b00}</style></head>
<body><header><strong>Demo Cloud</strong> <span id="who"></span></header><main id="app">Loading…</main>
<script>
const app = document.getElementById('app');
const api = (path, body) => fetch('/app/api/' + path, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}).then((r) => r.json());
function showLogin(error) {
	app.innerHTML = '<h1>Sign in</h1>' + (error ? '<p class="error" role="alert"></p>' : '') +
		'<label>Email <input id="user" type="email"></label><label>Password <input id="pass" type="password"></label><button id="signin">Sign in</button>';
	if (error) app.querySelector('.error').textContent = error;
	document.getElementById('signin').onclick = () => api('session', { username: document.getElementById('user').value, password: document.getElementById('pass').value }).then(route);
}
function showCode(error) {
	app.innerHTML = '<h1>Two-step verification</h1><p class="hint">Enter the code from your authenticator app.</p>' + (error ? '<p class="error" role="alert"></p>' : '') +
		'<input id="otp" inputmode="numeric"><button id="verify">Verify</button>';
	if (error) app.querySelector('.error').textContent = error;
	document.getElementById('verify').onclick = () => api('session/code', { code: document.getElementById('otp').value }).then(route);
}
let offset = 0, loading = false, done = false;
function card(d) {
	const el = document.createElement('div');
	el.className = 'doc-card'; el.dataset.docId = d.id;
	el.innerHTML = '<span class="doc-date"></span> · <strong class="doc-no"></strong> · <span class="doc-kind"></span> · <span class="doc-total"></span> · <span class="doc-account"></span> <a class="doc-pdf">Download PDF</a>';
	el.querySelector('.doc-date').textContent = d.date; el.querySelector('.doc-no').textContent = d.number;
	el.querySelector('.doc-kind').textContent = d.kind; el.querySelector('.doc-total').textContent = d.total;
	el.querySelector('.doc-account').textContent = d.account; el.querySelector('.doc-pdf').href = d.pdf;
	return el;
}
function more() {
	if (loading || done) return;
	loading = true;
	api('documents?offset=' + offset).then((page) => {
		page.items.forEach((d) => document.getElementById('feed').appendChild(card(d)));
		offset += page.items.length; done = !page.more; loading = false;
	});
}
function showDocuments(me) {
	document.getElementById('who').innerHTML = '<span class="account-name"></span> <a href="/app/logout" class="sign-out">Sign out</a> <a href="/app/subscription/cancel">Cancel subscription</a>';
	document.querySelector('.account-name').textContent = me.name;
	app.innerHTML = '<h1>Billing history</h1><div id="feed"></div>';
	more();
	window.addEventListener('scroll', () => { if (window.innerHeight + window.scrollY >= document.body.scrollHeight - 50) more(); });
}
function route(state) {
	if (state.status === 'signedIn') return showDocuments(state);
	if (state.status === 'code') return showCode(state.error);
	showLogin(state.error);
}
api('session').then(route);
</script></body></html>`;

const KIND: Record<string, string> = {
	invoice: 'Invoice',
	credit_note: 'Credit memo',
	reminder: 'Payment reminder',
	statement: 'Annual statement',
};
const usDate = (iso: string) =>
	new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
		month: 'short',
		day: 'numeric',
		year: 'numeric',
		timeZone: 'UTC',
	});
const usAmount = (n: number) =>
	`€${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function getApp(ctx: RequestContext): void {
	sendHtml(ctx.res, APP);
}

function state(ctx: RequestContext, error?: string): Record<string, unknown> {
	const { session } = ctx;
	if (ctx.state.isSignedIn(session))
		return { status: 'signedIn', name: ctx.state.account(session.login)!.name };
	if (session.login && session.pendingFactors.length) return { status: 'code', error };
	return { status: 'signedOut', error };
}

export function getSession(ctx: RequestContext): void {
	sendJson(ctx.res, state(ctx));
}

export async function postSession(ctx: RequestContext): Promise<void> {
	const body = (await readForm(ctx.req)) as { username?: string; password?: string };
	ctx.state.remember(body.password);
	const { state: demo } = ctx;
	const { account, locked } = demo.startAttempt(String(body.username ?? '').trim());
	const checked = locked ? 'locked' : demo.checkPassword(account, body.password);
	if (checked === 'locked')
		return sendJson(ctx.res, state(ctx, 'This account is locked. Please contact support.'));
	if (checked === 'wrong') return sendJson(ctx.res, state(ctx, 'Invalid email or password.'));
	// This app only knows authenticator codes; other second factors are not offered here.
	const session = demo.signIn(
		ctx.session,
		account!,
		(account!.secondFactor ?? []).filter((f) => f === 'totp'),
	);
	ctx.session = session;
	ctx.res.setHeader('set-cookie', sessionCookie(session.id)['set-cookie']);
	sendJson(ctx.res, state(ctx));
}

export async function postCode(ctx: RequestContext): Promise<void> {
	const body = (await readForm(ctx.req)) as { code?: string };
	ctx.state.remember(body.code);
	const { session } = ctx;
	if (!session.login || session.pendingFactors[0] !== 'totp') return sendJson(ctx.res, state(ctx));
	const ok = ctx.state.codeMatches(session, String(body.code ?? '').trim());
	if (!ok) return sendJson(ctx.res, state(ctx, 'That code is not valid. Try again.'));
	session.pendingFactors.shift();
	sendJson(ctx.res, state(ctx));
}

export function getDocuments(ctx: RequestContext): void {
	if (!ctx.state.isSignedIn(ctx.session)) return sendJson(ctx.res, { error: 'signed out' }, 401);
	const login = ctx.session.login!;
	const all = ctx.state.documents
		.filter((d) => d.login === login)
		.sort(
			(a, b) => b.issueDate.localeCompare(a.issueDate) || a.accountId.localeCompare(b.accountId),
		);
	const offset = Math.max(0, Number(ctx.url.searchParams.get('offset')) || 0);
	ctx.state.listPagesServed.push({
		login,
		accountId: '*',
		page: Math.floor(offset / BATCH) + 1,
		navigation: isNavigation(ctx.req),
	});
	const items = all.slice(offset, offset + BATCH).map((d) => ({
		id: d.id,
		number: d.number,
		date: usDate(d.issueDate),
		kind: KIND[d.type],
		total: usAmount(d.amount),
		account: d.accountId,
		pdf: `/app/api/documents/${encodeURIComponent(d.id)}/pdf`,
	}));
	sendJson(ctx.res, { items, more: offset + BATCH < all.length });
}

export function getPdf(ctx: RequestContext, id: string): void {
	if (!ctx.state.isSignedIn(ctx.session)) return sendJson(ctx.res, { error: 'signed out' }, 401);
	const doc = ctx.state.documents.find((d) => d.id === id && d.login === ctx.session.login);
	if (!doc) return sendJson(ctx.res, { error: 'not found' }, 404);
	const body = pdfFor(ctx, doc);
	ctx.res.writeHead(200, {
		'content-type': 'application/pdf',
		'content-length': String(body.length),
	});
	ctx.res.end(body);
}

export function logout(ctx: RequestContext): void {
	ctx.state.sessions.delete(ctx.session.id);
	ctx.res.writeHead(302, { location: '/app/' });
	ctx.res.end();
}
