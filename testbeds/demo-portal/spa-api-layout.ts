import { randomBytes } from 'node:crypto';
import { extraHeaders } from './extra-headers';
import type { RequestContext } from './auth-routes';
import { pdfFor } from './document-routes';
import { readForm, sendHtml, sendJson } from './http';
import type { DemoDocument } from './seed';
import type { DemoState } from './state';
import { appPage, loginPage, type SpaAddresses } from './spa-api-pages';

/**
 * A fourth layout of the demo portal under /spa/, built from how app-style billing portals work
 * (issue 33): a single-page app whose sign-in posts JSON and returns a token that the page keeps
 * in sessionStorage and sends as `Authorization: Bearer …`, with a constant `x-client` header the
 * API requires. The app lists the login's contracts (`/spa/api/accounts`) as links
 * (`#/contracts/<id>`); each link shows that contract's paginated list
 * (`/spa/api/invoices?account=<id>`). The first contract's items carry their PDF as base64 inside
 * the JSON; the others' PDFs come from a second call that answers a signed address on a file host
 * of another site, which must receive no cookie and no Authorization header (spa-api-list.ts).
 * The API never looks at cookies: only the Bearer token signs a call in. Same accounts and
 * documents as the other layouts (the seed); only authenticator codes are offered as a second
 * factor. Options and extra routes give the other shapes (every file inline, every item's
 * address, a redirect to the file host), an endless cursor and an oversize answer.
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
	const client = SPA_CLIENT_HEADER;
	if (!twoHosts(hostname))
		return { login: '/spa/login', app: '/spa/', api: '/spa/api', files, client };
	const login = `http://login.${SPA_SITE}:${port}`;
	const app = `http://app.${SPA_SITE}:${port}`;
	return {
		login: `${login}/spa/login`,
		loginApi: `${login}/spa/api`,
		app: `${app}/spa/`,
		api: `${app}/spa/api`,
		files,
		client,
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
	/** Every other header's name (extra-headers.ts): a file host must receive none. */
	headers: string[];
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

/**
 * The constant header the app sends on every API call, which the API requires (as apps pin
 * their web client's version): a call without it is refused, whatever its token.
 */
export const SPA_CLIENT_HEADER = { name: 'x-client', value: 'web-2.1' };

/**
 * The login an API call is made for, or undefined after answering the refusal: 400 without the
 * client header (the API answers its own web app only), 401 without a valid Bearer token.
 */
export function caller(ctx: RequestContext): string | undefined {
	if (ctx.req.headers[SPA_CLIENT_HEADER.name] !== SPA_CLIENT_HEADER.value) {
		sendJson(ctx.res, { error: `unsupported client: send ${SPA_CLIENT_HEADER.name}` }, 400);
		return undefined;
	}
	const login = bearer(ctx);
	if (!login) signedOut(ctx);
	return login;
}

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
	const login = caller(ctx);
	if (!login) return;
	const account = ctx.state.account(login)!;
	sendJson(ctx.res, { name: account.name, accounts: account.subAccounts.map((s) => s.id) });
}

/** GET /spa/api/accounts: the login's contracts, as apps list them before each one's invoices. */
export function getAccounts(ctx: RequestContext): void {
	const login = caller(ctx);
	if (!login) return;
	const { subAccounts } = ctx.state.account(login)!;
	sendJson(ctx.res, { data: subAccounts.map((s) => ({ id: s.id, name: s.label })) });
}

function ownDocument(ctx: RequestContext, login: string, id: string): DemoDocument | undefined {
	return ctx.state.documents.find((d) => d.id === id && d.login === login);
}

function sendPdf(ctx: RequestContext, doc: DemoDocument, cors = false): void {
	const body = pdfFor(ctx, doc);
	ctx.res.writeHead(200, {
		'content-type': 'application/pdf',
		'content-length': body.length,
		// The file host is another site: the app's fetch (no credentials) may read it, as from a CDN.
		...(cors ? { 'access-control-allow-origin': '*' } : {}),
	});
	ctx.res.end(body);
}

/** GET /spa/api/invoices/:id/pdf: the file, for the Bearer token only. */
export function getPdf(ctx: RequestContext, id: string): void {
	const login = caller(ctx);
	if (!login) return;
	const doc = ownDocument(ctx, login, id);
	if (!doc) return sendJson(ctx.res, { error: 'not found' }, 404);
	sendPdf(ctx, doc);
}

/**
 * GET /spa/api/invoices/:id/download: a signed address on the file host, as JSON
 * (`{ signedUrl }`), or with `?redirect=1` as a redirect to it.
 */
export function getDownload(ctx: RequestContext, id: string): void {
	const login = caller(ctx);
	if (!login) return;
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
 * must never see the portal's credentials. It records every other header's name too (a
 * constant header, Referer, Origin), which tests require to be none.
 */
export function getSignedFile(ctx: RequestContext, ticket: string): void {
	const store = spaStore(ctx.state);
	const visit = {
		host: String(ctx.req.headers.host ?? ''),
		cookie: ctx.req.headers.cookie !== undefined,
		authorization: ctx.req.headers.authorization !== undefined,
		headers: extraHeaders(ctx.req),
	};
	// Only on its own name: the portal's hosts serve no signed file.
	if (ctx.req.headers.host?.split(':')[0] !== SPA_FILE_HOST) return elsewhere(ctx);
	store.fileHostVisits.push(visit);
	if (visit.cookie || visit.authorization)
		return sendJson(ctx.res, { error: 'credentials sent to the file host' }, 400);
	const entry = store.tickets.get(ticket);
	if (!entry || Date.now() - entry.at > 60_000) return sendJson(ctx.res, { error: 'expired' }, 403);
	store.tickets.delete(ticket);
	sendPdf(ctx, ownDocument(ctx, entry.login, entry.id)!, true);
}
