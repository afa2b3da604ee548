import { randomBytes } from 'node:crypto';
import { extraHeaders } from './extra-headers';
import type { RequestContext } from './auth-routes';
import { redirect, sendHtml, sessionCookie } from './http';
import { checkSignIn, framePage, sendLoginForm, sendPdf, type PlainFrame } from './plain-frame';
import type { DemoState } from './state';

/**
 * A layout under /hosts/ whose sign-in changes host, as about a third of real portals do: the
 * sign-in page is served on `login.<site>` (e.g. login.hosts.localhost:PORT, all names under
 * .localhost are loopback, RFC 6761), and after the password it redirects to `www.<site>` with a
 * one-time ticket that becomes that host's session (host-only cookies, as on most portals). The
 * documents are on `www.`; `/hosts/cdn-invoices` lists the same documents with links that
 * redirect to a signed address on `files.<site>` (a "CDN"), which records what every request
 * brings (cookies, authorization): a portal's cookie or header must never arrive there.
 * `/hosts/cdn-buttons` is the same list with buttons whose script goes to those addresses.
 *
 * Two variants end elsewhere: `/hosts/away/login` sends a signed-in visitor on to
 * `www.other-site.localhost` (another site: a run must stop), and `/hosts/repost/login` answers
 * the password POST with a 307 to `login.other-site.localhost`, which would repeat it there.
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What a request to the CDN host brought: never a cookie or a credential of the portal. */
export interface CdnRequest {
	host: string;
	method: string;
	path: string;
	cookie?: string;
	authorization?: string;
	/** Every header's name beyond any client's own (extra-headers.ts): the CDN must receive none. */
	headers: string[];
}

interface HostsState {
	tickets: Map<string, string>;
	signatures: Map<string, string>;
	cdnRequests: CdnRequest[];
}
const perPortal = new WeakMap<DemoState, HostsState>();
function own(state: DemoState): HostsState {
	let s = perPortal.get(state);
	if (!s)
		perPortal.set(state, (s = { tickets: new Map(), signatures: new Map(), cdnRequests: [] }));
	return s;
}

/** Every request the CDN host received, in order (tests read it). */
export function cdnRequests(state: DemoState): CdnRequest[] {
	return own(state).cdnRequests;
}

/** The request's host with another first label: login.x.localhost:1 → www.x.localhost:1. */
function sibling(ctx: RequestContext, label: string): string {
	const host = ctx.req.headers.host ?? '';
	return `http://${host.replace(/^(login|www|files)\./, `${label}.`)}`;
}

/** The port this request came in on, for addresses on other sites of the test bed. */
const port = (ctx: RequestContext) => (ctx.req.headers.host ?? '').split(':')[1] ?? '80';

const FRAME: PlainFrame = { brand: 'Demo Hosts', logout: '/hosts/logout' };
const page = (title: string, body: string, signedIn = false) =>
	framePage(FRAME, title, body, signedIn);

const loginForm = (ctx: RequestContext, action: string, error?: string) =>
	sendLoginForm(ctx, FRAME, action, error);

export const getLogin = (ctx: RequestContext) => loginForm(ctx, '/hosts/login');
export const getAwayLogin = (ctx: RequestContext) => loginForm(ctx, '/hosts/away/login');
export const getRepostLogin = (ctx: RequestContext) => loginForm(ctx, '/hosts/repost/login');

/** The password on the login host; a signed-in visitor goes on to `www.` (or elsewhere). */
export async function postLogin(ctx: RequestContext, away = false): Promise<void> {
	const action = away ? '/hosts/away/login' : '/hosts/login';
	const account = await checkSignIn(ctx, (error) => loginForm(ctx, action, error));
	if (!account) return;
	const session = ctx.state.signIn(ctx.session, account, []);
	const ticket = randomBytes(18).toString('base64url');
	own(ctx.state).tickets.set(ticket, session.id);
	const next = away ? `http://www.other-site.localhost:${port(ctx)}` : sibling(ctx, 'www');
	redirect(ctx.res, `${next}/hosts/welcome?ticket=${ticket}`);
}

/** Answers the password POST with a 307 to another site: repeated there, it would carry the password. */
export async function postRepostLogin(ctx: RequestContext): Promise<void> {
	redirect(ctx.res, `http://login.other-site.localhost:${port(ctx)}/hosts/login`, {}, 307);
}

/** The one-time ticket becomes this host's session. */
export function getWelcome(ctx: RequestContext): void {
	const tickets = own(ctx.state).tickets;
	const ticket = ctx.url.searchParams.get('ticket') ?? '';
	const id = tickets.get(ticket);
	tickets.delete(ticket);
	const session = ctx.state.session(id);
	if (!ctx.state.isSignedIn(session))
		return redirect(ctx.res, `${sibling(ctx, 'login')}/hosts/login`);
	// Besides the host's session, a cookie for the whole site (Domain=): a client that sent the
	// portal's cookies to the CDN host would send this one there.
	const site = (ctx.req.headers.host ?? '').replace(/^www\./, '').replace(/:\d+$/, '');
	ctx.res.setHeader('set-cookie', [
		sessionCookie(session.id)['set-cookie'],
		`hosts_site=1; Domain=${site}; Path=/; SameSite=Lax`,
	]);
	redirect(ctx.res, '/hosts/home');
}

function signedIn(ctx: RequestContext): boolean {
	if (ctx.state.isSignedIn(ctx.session)) return true;
	redirect(ctx.res, `${sibling(ctx, 'login')}/hosts/login`);
	return false;
}

export function getHome(ctx: RequestContext): void {
	if (!signedIn(ctx)) return;
	sendHtml(
		ctx.res,
		page(
			'Home',
			'<h1>Welcome</h1><nav><a href="/hosts/invoices">Invoices</a> <a href="/hosts/cdn-invoices">Invoices (archive)</a></nav>',
			true,
		),
	);
}

/** The documents of every customer number, in one table; `cdn`: files through the CDN host. */
export function getInvoices(ctx: RequestContext, cdn = false, buttons = false): void {
	if (!signedIn(ctx)) return;
	const docs = ctx.state.documents
		.filter((d) => d.login === ctx.session.login)
		.sort((a, b) => b.issueDate.localeCompare(a.issueDate));
	const file = (id: string) =>
		cdn
			? `/hosts/cdn-invoices/${encodeURIComponent(id)}.pdf`
			: `/hosts/invoices/${encodeURIComponent(id)}.pdf`;
	// `/hosts/cdn-buttons`: a button whose script goes to the address that redirects to the CDN.
	const last = (id: string) =>
		buttons
			? `<button type="button" class="pdf" onclick="location.href='${file(id)}'">Download PDF</button>`
			: `<a class="pdf" href="${file(id)}">Download PDF</a>`;
	const rows = docs
		.map(
			(d) =>
				`<tr><td class="date">${d.issueDate}</td><td class="number">${esc(d.number)}</td><td class="customer">${esc(d.accountId)}</td><td class="amount">${d.amount.toFixed(2)} ${esc(d.currency)}</td><td>${last(d.id)}</td></tr>`,
		)
		.join('');
	sendHtml(
		ctx.res,
		page(
			'Invoices',
			`<h1>Your invoices</h1><table class="invoices"><thead><tr><th>Date</th><th>Invoice number</th><th>Customer number</th><th>Amount</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
			true,
		),
	);
}

function documentOf(ctx: RequestContext, id: string) {
	return ctx.state.documents.find((d) => d.id === id && d.login === ctx.session.login);
}

export function getPdf(ctx: RequestContext, id: string): void {
	if (!signedIn(ctx)) return;
	const doc = documentOf(ctx, id);
	if (!doc) return sendHtml(ctx.res, page('Not found', '<h1>Not found</h1>'), 404);
	sendPdf(ctx, doc);
}

/** A signed address on the CDN host, as storage services hand out: no cookie needed there. */
export function getDownload(ctx: RequestContext, id: string): void {
	if (!signedIn(ctx)) return;
	const doc = documentOf(ctx, id);
	if (!doc) return sendHtml(ctx.res, page('Not found', '<h1>Not found</h1>'), 404);
	const signature = randomBytes(12).toString('hex');
	own(ctx.state).signatures.set(signature, doc.id);
	redirect(
		ctx.res,
		`${sibling(ctx, 'files')}/hosts/cdn/${encodeURIComponent(doc.id)}.pdf?sig=${signature}`,
		{},
		302,
	);
}

/** The CDN: records what each request brought, serves a file for a valid signature only. */
export function getCdnFile(ctx: RequestContext, id: string): void {
	const { req } = ctx;
	own(ctx.state).cdnRequests.push({
		host: req.headers.host ?? '',
		method: req.method ?? '',
		path: ctx.url.pathname,
		cookie: req.headers.cookie,
		authorization: req.headers.authorization,
		headers: extraHeaders(req),
	});
	const signature = ctx.url.searchParams.get('sig') ?? '';
	const doc = ctx.state.documents.find((d) => d.id === id);
	if (!doc || own(ctx.state).signatures.get(signature) !== id)
		return sendHtml(ctx.res, page('Forbidden', '<h1>Signature does not match</h1>'), 403);
	sendPdf(ctx, doc);
}

export function logout(ctx: RequestContext): void {
	ctx.state.sessions.delete(ctx.session.id);
	redirect(ctx.res, `${sibling(ctx, 'login')}/hosts/login`);
}
