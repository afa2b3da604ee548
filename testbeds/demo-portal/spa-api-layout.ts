import { randomBytes } from 'node:crypto';
import type { RequestContext } from './auth-routes';
import { pdfFor } from './document-routes';
import { isNavigation, readForm, sendHtml, sendJson } from './http';
import type { DemoDocument } from './seed';
import type { DemoState } from './state';
import { appPage, loginPage, type SpaAddresses } from './spa-api-pages';

/**
 * A fourth layout of the demo portal under /spa/, built from how app-style billing portals work
 * (issue 33): a single-page app whose sign-in posts JSON and returns a token that the page keeps
 * in sessionStorage and sends as `Authorization: Bearer …`; a paginated JSON list whose items hold
 * the PDF's address (only there: the page downloads with fetch + blob). The API never looks at
 * cookies: only the Bearer token signs a call in. Same accounts and documents as the other
 * layouts (the seed); only authenticator codes are offered as a second factor.
 *
 * Extra routes give the other ways apps hand out files: each item's PDF as base64 inside the JSON
 * (`?embed=content`), a second call that answers a signed address on a file host (or redirects
 * there) — the file host must receive no cookie and no Authorization header — an endless cursor
 * (a hostile portal's paging) and an oversize answer.
 */
export const SPA_PAGE_SIZE = 20;

/** The site of the layout's two hosts, and the file host's (another site: a CDN). */
export const SPA_SITE = 'spa.localhost';
export const SPA_FILE_HOST = 'files.spa-cdn.localhost';

/**
 * Every address of the layout, from one place. Reached by its own names (issue 33, section 5),
 * the layout is on two hosts of one site: the sign-in page and its JSON sign-in on
 * `login.spa.localhost:PORT`, the app and its API on `app.spa.localhost:PORT` (names under
 * .localhost are loopback, RFC 6761; the demo listens on 127.0.0.1 and answers every name).
 * Reached at an address (127.0.0.1:PORT), it is all on that one host, as the other layouts. The
 * signed files are on `files.spa-cdn.localhost:PORT` either way: another site, which no portal
 * cookie or header may reach (a definition names it in downloadDomains).
 */
export function spaAddresses(ctx: RequestContext): SpaAddresses & { files: string } {
	const [hostname, port = '80'] = (ctx.req.headers.host ?? '').split(':');
	const files = `http://${SPA_FILE_HOST}:${port}/spa-files`;
	if (!twoHosts(hostname)) return { login: '/spa/login', app: '/spa/', api: '/spa/api', files };
	const login = `http://login.${SPA_SITE}:${port}`;
	const app = `http://app.${SPA_SITE}:${port}`;
	return {
		login: `${login}/spa/login`,
		loginApi: `${login}/spa/api`,
		app: `${app}/spa/`,
		api: `${app}/spa/api`,
		files,
	};
}

/** Whether a request came by the layout's own names (two hosts) rather than by an address. */
const twoHosts = (hostname: string) => hostname.endsWith(`.${SPA_SITE}`);

/**
 * Whether a request is on the host its route belongs to: on two hosts the sign-in answers on the
 * login host only and the app's API on the app host only (a definition that calls the wrong one
 * fails, as on a real portal); on one host everything answers there.
 */
function onOwnHost(ctx: RequestContext, role: 'login' | 'app'): boolean {
	const hostname = (ctx.req.headers.host ?? '').split(':')[0];
	return !twoHosts(hostname) || hostname === `${role}.${SPA_SITE}`;
}

/** What a file host request carried: the tests check that no portal credential went there. */
export interface FileHostVisit {
	host: string;
	cookie: boolean;
	authorization: boolean;
}

interface SpaStore {
	/** Bearer tokens: the login and when it was last used (idle tokens expire like sessions). */
	tokens: Map<string, { login: string; lastSeen: number }>;
	/** Sign-ins waiting for their authenticator code. */
	pending: Map<string, string>;
	/** One-time codes the sign-in page hands to the app, exchanged for the token. */
	handoffs: Map<string, string>;
	/** Signed file addresses: one document each, short-lived. */
	tickets: Map<string, { id: string; login: string; at: number }>;
	fileHostVisits: FileHostVisit[];
}

const stores = new WeakMap<DemoState, SpaStore>();

/** The layout's own state, kept beside the demo's (tests read fileHostVisits). */
export function spaStore(state: DemoState): SpaStore {
	let store = stores.get(state);
	if (!store) {
		store = {
			tokens: new Map(),
			pending: new Map(),
			handoffs: new Map(),
			tickets: new Map(),
			fileHostVisits: [],
		};
		stores.set(state, store);
	}
	return store;
}

const token = () => randomBytes(24).toString('base64url');

/** The login the Bearer token signs in, or undefined (cookies are never looked at). */
function bearer(ctx: RequestContext): string | undefined {
	if (!onOwnHost(ctx, 'app')) return undefined;
	const header = String(ctx.req.headers.authorization ?? '');
	const value = /^Bearer (.+)$/.exec(header)?.[1];
	const entry = value ? spaStore(ctx.state).tokens.get(value) : undefined;
	if (!entry) return undefined;
	if (Date.now() - entry.lastSeen > ctx.state.options.sessionTtlSeconds * 1000) {
		spaStore(ctx.state).tokens.delete(value!);
		return undefined;
	}
	entry.lastSeen = Date.now();
	return entry.login;
}

function signedOut(ctx: RequestContext): void {
	sendJson(ctx.res, { error: 'unauthorized' }, 401);
}

export function getLoginPage(ctx: RequestContext): void {
	sendHtml(ctx.res, loginPage(spaAddresses(ctx)));
}

export function getAppPage(ctx: RequestContext): void {
	sendHtml(ctx.res, appPage(spaAddresses(ctx)));
}

/** A signed-in answer: a one-time handoff code for the app (never the token in an address). */
function signedIn(ctx: RequestContext, login: string): void {
	const store = spaStore(ctx.state);
	const bearerToken = token();
	ctx.state.remember(bearerToken);
	store.tokens.set(bearerToken, { login, lastSeen: Date.now() });
	const handoff = token();
	store.handoffs.set(handoff, bearerToken);
	sendJson(ctx.res, { status: 'signedIn', handoff });
}

const elsewhere = (ctx: RequestContext) => sendJson(ctx.res, { error: 'not found' }, 404);

export async function postLogin(ctx: RequestContext): Promise<void> {
	if (!onOwnHost(ctx, 'login')) return elsewhere(ctx);
	const body = (await readForm(ctx.req)) as { username?: string; password?: string };
	ctx.state.remember(body.password);
	const { account, locked } = ctx.state.startAttempt(String(body.username ?? '').trim());
	const checked = locked ? 'locked' : ctx.state.checkPassword(account, body.password);
	if (checked === 'locked')
		return sendJson(ctx.res, { status: 'error', error: 'This account is locked.' });
	if (checked === 'wrong')
		return sendJson(ctx.res, { status: 'error', error: 'Invalid email or password.' });
	if (!account!.secondFactor?.includes('totp')) return signedIn(ctx, account!.login);
	const pending = token();
	ctx.state.remember(pending);
	spaStore(ctx.state).pending.set(pending, account!.login);
	sendJson(ctx.res, { status: 'code', pending });
}

export async function postCode(ctx: RequestContext): Promise<void> {
	if (!onOwnHost(ctx, 'login')) return elsewhere(ctx);
	const body = (await readForm(ctx.req)) as { pending?: string; code?: string };
	ctx.state.remember(body.code);
	const store = spaStore(ctx.state);
	const login = store.pending.get(String(body.pending ?? ''));
	if (!login) return sendJson(ctx.res, { status: 'error', error: 'Please sign in again.' });
	// codeMatches reads the login and the next factor from a session; this one is the sign-in's.
	const probe = { ...ctx.session, login, pendingFactors: ['totp' as const] };
	if (!ctx.state.codeMatches(probe, String(body.code ?? '').trim()))
		return sendJson(ctx.res, { status: 'code', pending: body.pending, error: 'Wrong code.' });
	store.pending.delete(String(body.pending));
	signedIn(ctx, login);
}

export async function postSession(ctx: RequestContext): Promise<void> {
	if (!onOwnHost(ctx, 'app')) return elsewhere(ctx);
	const body = (await readForm(ctx.req)) as { handoff?: string };
	const store = spaStore(ctx.state);
	const bearerToken = store.handoffs.get(String(body.handoff ?? ''));
	if (!bearerToken) return sendJson(ctx.res, { error: 'unknown handoff' }, 400);
	store.handoffs.delete(String(body.handoff));
	sendJson(ctx.res, { token: bearerToken });
}

export function getMe(ctx: RequestContext): void {
	const login = bearer(ctx);
	if (!login) return signedOut(ctx);
	const account = ctx.state.account(login)!;
	sendJson(ctx.res, { name: account.name, accounts: account.subAccounts.map((s) => s.id) });
}

/** GET /spa/api/accounts: the login's contracts, as apps list them before each one's invoices. */
export function getAccounts(ctx: RequestContext): void {
	const login = bearer(ctx);
	if (!login) return signedOut(ctx);
	const { subAccounts } = ctx.state.account(login)!;
	sendJson(ctx.res, { data: subAccounts.map((s) => ({ id: s.id, name: s.label })) });
}

const KIND: Record<DemoDocument['type'], string> = {
	invoice: 'INVOICE',
	credit_note: 'CREDIT_NOTE',
	reminder: 'REMINDER',
	statement: 'STATEMENT',
};

function item(ctx: RequestContext, d: DemoDocument, embed: boolean): Record<string, unknown> {
	const { api } = spaAddresses(ctx);
	return {
		id: d.id,
		number: d.number,
		date: d.issueDate,
		due: d.dueDate,
		kind: KIND[d.type],
		total: { amount: d.amount, currency: d.currency },
		account: { id: d.accountId },
		files: { pdf: `${api}/invoices/${encodeURIComponent(d.id)}/pdf` },
		...(embed ? { document: { content: pdfFor(ctx, d).toString('base64') } } : {}),
	};
}

/** The documents of a login, newest first; `account` narrows them to one contract. */
function documentsOf(ctx: RequestContext, login: string): DemoDocument[] {
	const account = ctx.url.searchParams.get('account');
	return ctx.state.documents
		.filter((d) => d.login === login && (!account || d.accountId === account))
		.sort(
			(a, b) => b.issueDate.localeCompare(a.issueDate) || a.accountId.localeCompare(b.accountId),
		);
}

/** GET /spa/api/invoices?page=N: 20 a page, with the total and the next page (number and address). */
export function getInvoices(ctx: RequestContext): void {
	const login = bearer(ctx);
	if (!login) return signedOut(ctx);
	const all = documentsOf(ctx, login);
	const pages = Math.max(1, Math.ceil(all.length / SPA_PAGE_SIZE));
	// Past the last page: an empty page, as APIs answer.
	const page = Math.max(1, Number(ctx.url.searchParams.get('page')) || 1);
	ctx.state.listPagesServed.push({
		login,
		accountId: ctx.url.searchParams.get('account') ?? '*',
		page,
		navigation: isNavigation(ctx.req),
	});
	const embed = ctx.url.searchParams.get('embed') === 'content';
	// Or by offset (`?offset=N`, as other apps page): the same 20 from there.
	const offset = ctx.url.searchParams.has('offset')
		? Math.max(0, Number(ctx.url.searchParams.get('offset')) || 0)
		: (page - 1) * SPA_PAGE_SIZE;
	const data = all.slice(offset, offset + SPA_PAGE_SIZE).map((d) => item(ctx, d, embed));
	const next = page < pages ? page + 1 : null;
	const nextUrl = new URL(ctx.url.pathname + ctx.url.search, 'http://x');
	nextUrl.searchParams.set('page', String(next));
	sendJson(ctx.res, {
		data,
		meta: { page, pageSize: SPA_PAGE_SIZE, total: all.length, next },
		links: { next: next ? `${nextUrl.pathname}${nextUrl.search}` : null },
	});
}

function ownDocument(ctx: RequestContext, login: string, id: string): DemoDocument | undefined {
	return ctx.state.documents.find((d) => d.id === id && d.login === login);
}

function sendPdf(ctx: RequestContext, doc: DemoDocument): void {
	const body = pdfFor(ctx, doc);
	ctx.res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length });
	ctx.res.end(body);
}

/** GET /spa/api/invoices/:id/pdf: the file, for the Bearer token only. */
export function getPdf(ctx: RequestContext, id: string): void {
	const login = bearer(ctx);
	if (!login) return signedOut(ctx);
	const doc = ownDocument(ctx, login, id);
	if (!doc) return sendJson(ctx.res, { error: 'not found' }, 404);
	sendPdf(ctx, doc);
}

/**
 * GET /spa/api/invoices/:id/download: a signed address on the file host, as JSON
 * (`{ signedUrl }`), or with `?redirect=1` as a redirect to it.
 */
export function getDownload(ctx: RequestContext, id: string): void {
	const login = bearer(ctx);
	if (!login) return signedOut(ctx);
	if (!ownDocument(ctx, login, id)) return sendJson(ctx.res, { error: 'not found' }, 404);
	const ticket = token();
	spaStore(ctx.state).tickets.set(ticket, { id, login, at: Date.now() });
	const signedUrl = `${spaAddresses(ctx).files}/${ticket}.pdf`;
	if (ctx.url.searchParams.get('redirect') !== '1') return sendJson(ctx.res, { signedUrl });
	ctx.res.writeHead(302, { location: signedUrl });
	ctx.res.end();
}

/**
 * GET /spa-files/:ticket.pdf on the file host: serves the ticket's document once, and refuses
 * (and records) any request that carries a cookie or an Authorization header — a storage host
 * must never see the portal's credentials.
 */
export function getSignedFile(ctx: RequestContext, ticket: string): void {
	const store = spaStore(ctx.state);
	const visit = {
		host: String(ctx.req.headers.host ?? ''),
		cookie: ctx.req.headers.cookie !== undefined,
		authorization: ctx.req.headers.authorization !== undefined,
	};
	// Only on its own name: the portal's hosts serve no signed file.
	if (ctx.req.headers.host?.split(':')[0] !== SPA_FILE_HOST) return elsewhere(ctx);
	store.fileHostVisits.push(visit);
	if (visit.cookie || visit.authorization)
		return sendJson(ctx.res, { error: 'credentials sent to the file host' }, 400);
	const entry = store.tickets.get(ticket);
	if (!entry || Date.now() - entry.at > 60_000) return sendJson(ctx.res, { error: 'expired' }, 403);
	store.tickets.delete(ticket);
	sendPdf(ctx, ownDocument(ctx, entry.login, entry.id)!);
}

/** GET /spa/api/feed?cursor=…: a hostile portal's paging, a next cursor on every page, forever. */
export function getEndlessFeed(ctx: RequestContext): void {
	const login = bearer(ctx);
	if (!login) return signedOut(ctx);
	const cursor = Number(ctx.url.searchParams.get('cursor')) || 0;
	ctx.state.listPagesServed.push({ login, accountId: 'feed', page: cursor + 1, navigation: false });
	const all = documentsOf(ctx, login);
	const data = [all[cursor % all.length]].map((d) => item(ctx, d, false));
	sendJson(ctx.res, { data, meta: { next: String(cursor + 1) } });
}

/** GET /spa/api/huge: a list answer of about 6 MB (more than any JSON answer may be). */
export function getHuge(ctx: RequestContext): void {
	if (!bearer(ctx)) return signedOut(ctx);
	sendJson(ctx.res, { data: [], padding: 'x'.repeat(6 * 1024 * 1024) });
}

/**
 * POST /spa/graphql: the same list as a GraphQL query, as other apps ask for it:
 * `query ($after: String) { invoices(first: 20, after: $after) { nodes { … } pageInfo { endCursor } } }`.
 * The cursor is the offset as text. Anything but a query (a mutation) is refused and recorded as
 * an action a robot must never take.
 */
export async function postGraphql(ctx: RequestContext): Promise<void> {
	const body = (await readForm(ctx.req)) as { query?: string; variables?: { after?: string } };
	const login = bearer(ctx);
	if (!login) return signedOut(ctx);
	const query = String(body.query ?? '').trim();
	if (!/^(query\b|\{)/.test(query) || /\bmutation\b/.test(query)) {
		ctx.state.recordViolation('GraphQL mutation', ctx.url.pathname, ctx.session);
		return sendJson(ctx.res, { errors: [{ message: 'only queries here' }] }, 400);
	}
	const all = documentsOf(ctx, login);
	const offset = Math.max(0, Number(body.variables?.after) || 0);
	ctx.state.listPagesServed.push({
		login,
		accountId: 'graphql',
		page: Math.floor(offset / SPA_PAGE_SIZE) + 1,
		navigation: false,
	});
	const nodes = all.slice(offset, offset + SPA_PAGE_SIZE).map((d) => item(ctx, d, false));
	const end = offset + nodes.length;
	sendJson(ctx.res, {
		data: { invoices: { nodes, pageInfo: { endCursor: end < all.length ? String(end) : null } } },
	});
}
