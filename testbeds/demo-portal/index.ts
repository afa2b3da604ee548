import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as auth from './auth-routes';
import { contractsRoutes } from './contracts-layout';
import * as docs from './document-routes';
import * as down from './down-layout';
import * as eu from './eu-layout';
import * as hosts from './hosts-layout';
import * as kinds from './kinds-layout';
import * as sameForm from './same-form-code';
import * as spa from './spa-layout';
import * as spaApi from './spa-api-layout';
import * as spaList from './spa-api-list';
import * as sso from './sso-routes';
import {
	cookies,
	isLoopback,
	readForm,
	redirect,
	sendHtml,
	sendJson,
	SESSION_COOKIE,
	sessionCookie,
} from './http';
import { defaultSeed, type DemoSeed } from './seed';
import type { Faults } from './faults';
import { DemoState, type DemoOptions } from './state';
import { INTERSTITIALS, layout, outboxView } from './views';
import { postToken, WIDGET_JS } from './recaptcha';
import { DemoMailer, type DemoSmtp } from './mailer';

export interface DemoPortalOptions extends Partial<DemoOptions> {
	port?: number;
	host?: string;
	seed?: DemoSeed;
	/** Send e-mail codes and sign-in links as real e-mails to this SMTP server too. */
	smtp?: DemoSmtp;
}

export interface DemoPortal {
	url: string;
	state: DemoState;
	close(): Promise<void>;
}

type Handler = (ctx: auth.RequestContext, match: RegExpMatchArray) => void | Promise<void>;
interface Route {
	method: string;
	path: RegExp;
	handler: Handler;
	signedIn?: boolean;
	/** Reachable while an interstitial blocks the account. */
	interstitialOk?: boolean;
}

const routes: Route[] = [
	{
		method: 'GET',
		path: /^\/$/,
		handler: (ctx) =>
			redirect(ctx.res, ctx.state.isSignedIn(ctx.session) ? '/dashboard' : '/login'),
	},
	{ method: 'GET', path: /^\/login$/, handler: auth.getLogin },
	// Demo Kinds (/kinds/): XML, ZIP and CSV documents, invoices to print (kinds-layout.ts).
	{ method: 'GET', path: /^\/kinds\//, handler: kinds.route },
	{ method: 'POST', path: /^\/kinds\/login$/, handler: kinds.postLogin },
	// The second layout (Demo Energie, /eu/): two-step login, European formats.
	{ method: 'GET', path: /^\/eu\/login$/, handler: eu.getLogin },
	{ method: 'POST', path: /^\/eu\/login$/, handler: eu.postEmail },
	{ method: 'POST', path: /^\/eu\/login\/wachtwoord$/, handler: eu.postPassword },
	{ method: 'GET', path: /^\/eu\/verificatie$/, handler: eu.getVerification },
	{ method: 'POST', path: /^\/eu\/verificatie$/, handler: eu.postVerification },
	{ method: 'GET', path: /^\/eu\/facturen$/, handler: eu.getInvoices },
	{
		method: 'GET',
		path: /^\/eu\/facturen\/([^/]+)\.pdf$/,
		handler: (ctx, m) => eu.getPdf(ctx, decodeURIComponent(m[1])),
	},
	{ method: 'GET', path: /^\/eu\/uitloggen$/, handler: eu.logout },
	// The third layout (Demo Cloud, /app/): a single-page app on a JSON API, infinite scroll.
	{ method: 'GET', path: /^\/app\/$/, handler: spa.getApp },
	{ method: 'GET', path: /^\/app\/api\/session$/, handler: spa.getSession },
	{ method: 'POST', path: /^\/app\/api\/session$/, handler: spa.postSession },
	{ method: 'POST', path: /^\/app\/api\/session\/code$/, handler: spa.postCode },
	{ method: 'GET', path: /^\/app\/api\/documents$/, handler: spa.getDocuments },
	{
		method: 'GET',
		path: /^\/app\/api\/documents\/([^/]+)\/pdf$/,
		handler: (ctx, m) => spa.getPdf(ctx, decodeURIComponent(m[1])),
	},
	{ method: 'GET', path: /^\/app\/logout$/, handler: spa.logout },
	// The fourth layout (/spa/): an app on a JSON API with a Bearer token (spa-api-layout.ts).
	{ method: 'GET', path: /^\/spa\/login$/, handler: spaApi.getLoginPage },
	{ method: 'GET', path: /^\/spa\/$/, handler: spaApi.getAppPage },
	{ method: 'POST', path: /^\/spa\/api\/login$/, handler: spaApi.postLogin },
	{ method: 'POST', path: /^\/spa\/api\/login\/code$/, handler: spaApi.postCode },
	{ method: 'POST', path: /^\/spa\/api\/session$/, handler: spaApi.postSession },
	{ method: 'GET', path: /^\/spa\/api\/me$/, handler: spaApi.getMe },
	{ method: 'GET', path: /^\/spa\/api\/accounts$/, handler: spaApi.getAccounts },
	{ method: 'GET', path: /^\/spa\/api\/invoices$/, handler: spaList.getInvoices },
	{ method: 'GET', path: /^\/spa\/api\/feed$/, handler: spaList.getEndlessFeed },
	{ method: 'GET', path: /^\/spa\/api\/huge$/, handler: spaList.getHuge },
	{ method: 'POST', path: /^\/spa\/graphql$/, handler: spaList.postGraphql },
	{
		method: 'GET',
		path: /^\/spa\/api\/invoices\/([^/]+)\/(pdf|download)$/,
		handler: (ctx, m) =>
			(m[2] === 'pdf' ? spaApi.getPdf : spaApi.getDownload)(ctx, decodeURIComponent(m[1])),
	},
	{
		method: 'GET',
		path: /^\/spa-files\/([A-Za-z0-9_-]+)\.pdf$/,
		handler: (ctx, m) => spaApi.getSignedFile(ctx, m[1]),
	},
	// Sub-accounts as links on a selection page, or as buttons (Demo Contracts, contracts-layout.ts).
	...contractsRoutes,
	// The fifth layout (Demo Hosts, /hosts/): the sign-in on login.<site>, documents on www.<site>,
	// files through a CDN on files.<site> (hosts-layout.ts; names under .localhost are loopback).
	{ method: 'GET', path: /^\/hosts\/login$/, handler: hosts.getLogin },
	{ method: 'POST', path: /^\/hosts\/login$/, handler: (ctx) => hosts.postLogin(ctx) },
	{ method: 'GET', path: /^\/hosts\/away\/login$/, handler: hosts.getAwayLogin },
	{ method: 'POST', path: /^\/hosts\/away\/login$/, handler: (ctx) => hosts.postLogin(ctx, true) },
	{ method: 'GET', path: /^\/hosts\/repost\/login$/, handler: hosts.getRepostLogin },
	{ method: 'POST', path: /^\/hosts\/repost\/login$/, handler: hosts.postRepostLogin },
	{ method: 'GET', path: /^\/hosts\/samecode\/login$/, handler: sameForm.getLogin },
	{ method: 'POST', path: /^\/hosts\/samecode\/password$/, handler: sameForm.postPassword },
	{ method: 'POST', path: /^\/hosts\/samecode\/code$/, handler: sameForm.postCode },
	{ method: 'GET', path: /^\/hosts\/welcome$/, handler: hosts.getWelcome },
	{ method: 'GET', path: /^\/hosts\/home$/, handler: hosts.getHome },
	{ method: 'GET', path: /^\/hosts\/invoices$/, handler: (ctx) => hosts.getInvoices(ctx) },
	{
		method: 'GET',
		path: /^\/hosts\/cdn-invoices$/,
		handler: (ctx) => hosts.getInvoices(ctx, true),
	},
	{
		method: 'GET',
		path: /^\/hosts\/cdn-buttons$/,
		handler: (ctx) => hosts.getInvoices(ctx, true, true),
	},
	{
		method: 'GET',
		path: /^\/hosts\/invoices\/([^/]+)\.pdf$/,
		handler: (ctx, m) => hosts.getPdf(ctx, decodeURIComponent(m[1])),
	},
	{
		method: 'GET',
		path: /^\/hosts\/cdn-invoices\/([^/]+)\.pdf$/,
		handler: (ctx, m) => hosts.getDownload(ctx, decodeURIComponent(m[1])),
	},
	{
		method: 'GET',
		path: /^\/hosts\/cdn\/([^/]+)\.pdf$/,
		handler: (ctx, m) => hosts.getCdnFile(ctx, decodeURIComponent(m[1])),
	},
	{ method: 'GET', path: /^\/hosts\/logout$/, handler: hosts.logout },
	// The sixth layout (Demo Down, /down/): files one level down (down-layout.ts).
	...down.routes,
	{ method: 'POST', path: /^\/login$/, handler: auth.postLogin },
	// Passwordless accounts: a sign-in link by e-mail.
	{ method: 'GET', path: /^\/login\/link$/, handler: (ctx) => auth.getLinkLogin(ctx) },
	{ method: 'POST', path: /^\/login\/link$/, handler: auth.postLinkLogin },
	{
		method: 'GET',
		path: /^\/login\/link\/([A-Za-z0-9_-]+)$/,
		handler: (ctx, m) => auth.getLinkSignIn(ctx, m[1]),
	},
	// Single sign-on through a trusted OpenID Connect provider (tests start one).
	{ method: 'GET', path: /^\/sso\/start$/, handler: sso.getSsoStart },
	{ method: 'GET', path: /^\/sso\/callback$/, handler: sso.getSsoCallback },
	{ method: 'GET', path: /^\/login\/verify$/, handler: (ctx) => auth.getVerify(ctx) },
	{ method: 'POST', path: /^\/login\/verify$/, handler: auth.postVerify },
	{ method: 'GET', path: /^\/captcha\.svg$/, handler: auth.getCaptcha },
	{
		method: 'GET',
		path: /^\/recaptcha\/widget\.js$/,
		handler: (ctx) => {
			ctx.res.writeHead(200, { 'content-type': 'text/javascript' });
			ctx.res.end(WIDGET_JS);
		},
	},
	{ method: 'POST', path: /^\/recaptcha\/api\/token$/, handler: postToken },
	{ method: 'GET', path: /^\/logout$/, handler: auth.logout },
	{
		method: 'GET',
		path: /^\/outbox$/,
		handler: (ctx) => sendHtml(ctx.res, outboxView(ctx.state.outbox)),
	},
	...Object.entries(INTERSTITIALS).flatMap(([kind, i]): Route[] => [
		{
			method: 'GET',
			path: new RegExp(`^${i.path}$`),
			handler: (ctx) => auth.getInterstitial(ctx, kind as keyof typeof INTERSTITIALS),
			signedIn: true,
			interstitialOk: true,
		},
		{
			method: 'POST',
			path: new RegExp(`^${i.path}$`),
			handler: (ctx) => docs.forbidden(ctx, i.button),
			signedIn: true,
			interstitialOk: true,
		},
	]),
	{ method: 'GET', path: /^\/dashboard$/, handler: docs.getDashboard, signedIn: true },
	{ method: 'GET', path: /^\/invoices$/, handler: docs.getInvoices, signedIn: true },
	{ method: 'POST', path: /^\/account\/switch$/, handler: docs.postSwitchAccount, signedIn: true },
	{
		method: 'GET',
		path: /^\/invoices\/(\d+)\/download$/,
		handler: (ctx, m) => docs.sendDocument(ctx, m[1]),
		signedIn: true,
	},
	{
		method: 'POST',
		path: /^\/invoices\/(\d+)\/export$/,
		handler: (ctx, m) => docs.postExport(ctx, m[1]),
		signedIn: true,
	},
	{
		method: 'POST',
		path: /^\/invoices\/(\d+)\/pay$/,
		handler: (ctx) => docs.forbidden(ctx, 'Pay now'),
	},
	{
		method: 'POST',
		path: /^\/invoices\/(\d+)\/delete$/,
		handler: (ctx) => docs.forbidden(ctx, 'Delete'),
	},
	{
		method: 'POST',
		path: /^\/contract\/cancel$/,
		handler: (ctx) => docs.forbidden(ctx, 'Cancel contract'),
	},
	// The same actions as plain links (GET): following one is recorded like pressing a button.
	...(
		[
			[/^\/invoices\/(\d+)\/pay$/, 'Pay (link)'],
			[/^\/invoices\/(\d+)\/delete$/, 'Delete (link)'],
			[/^\/contract\/cancel$/, 'Cancel contract (link)'],
			[/^\/newsletter\/unsubscribe$/, 'Unsubscribe (link)'],
			[/^\/eu\/facturen\/([^/]+)\/betalen$/, 'Betalen (link)'],
			[/^\/eu\/facturen\/([^/]+)\/verwijderen$/, 'Verwijderen (link)'],
			[/^\/eu\/contract\/opzeggen$/, 'Contract opzeggen (link)'],
			[/^\/app\/subscription\/cancel$/, 'Cancel subscription (link)'],
		] as const
	).map(
		([path, action]): Route => ({
			method: 'GET',
			path,
			handler: (ctx) => docs.forbidden(ctx, action),
		}),
	),
];

/** Test and demo hooks; only answered on loopback. */
async function admin(ctx: auth.RequestContext): Promise<void> {
	const { state, url, req, res } = ctx;
	if (!isLoopback(req))
		return sendJson(res, { error: 'admin endpoints answer on loopback only' }, 403);
	if (url.pathname === '/__admin/state' && req.method === 'GET') {
		return sendJson(res, {
			outbox: state.outbox,
			violations: state.violations,
			passwordLogins: Object.fromEntries(state.passwordLogins),
			sessionsAtOnce: Object.fromEntries(state.sessionsAtOnce),
			failedLogins: Object.fromEntries(state.failedLogins),
			faults: state.faults,
		});
	}
	if (url.pathname === '/__admin/faults' && req.method === 'POST') {
		Object.assign(state.faults, (await readForm(req)) as Partial<Faults>);
		return sendJson(res, state.faults);
	}
	if (url.pathname === '/__admin/reset' && req.method === 'POST') {
		state.sessions.clear();
		state.failedLogins.clear();
		state.outbox.length = 0;
		state.faults = { htmlDownloads: [] };
		return sendJson(res, { ok: true });
	}
	sendJson(res, { error: 'unknown admin endpoint' }, 404);
}

export async function startDemoPortal(options: DemoPortalOptions = {}): Promise<DemoPortal> {
	const state = new DemoState(options.seed ?? defaultSeed, {
		sessionTtlSeconds: options.sessionTtlSeconds ?? 1800,
		codeTtlSeconds: options.codeTtlSeconds ?? 300,
		pageSize: options.pageSize ?? 10,
		pdfBytes: options.pdfBytes ?? 0,
		pdfBytesMax: options.pdfBytesMax ?? 0,
		latencyMs: options.latencyMs ?? 0,
		totpToleranceSeconds: options.totpToleranceSeconds ?? 0,
	});
	if (options.smtp) state.mailer = new DemoMailer(options.smtp);
	// Factur-X PDFs for the sub-accounts that ask (pdf-lib is loaded only then).
	if (state.seed.accounts.some((a) => a.subAccounts.some((s) => s.eInvoices))) {
		const { prepareHybridPdfs } = await import('./factur-x');
		await prepareHybridPdfs(state, (doc) => docs.plainPdfFor(state, doc));
	}
	const server: Server = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://demo.invalid');
		let session = state.session(cookies(req)[SESSION_COOKIE]);
		const headers: Record<string, string> = {};
		if (!session) {
			session = state.newSession();
			Object.assign(headers, sessionCookie(session.id));
		}
		for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
		const ctx: auth.RequestContext = { req, res, url, state, session };
		const counted = session;
		state.requestUnderWay(counted, true);
		res.once('close', () => state.requestUnderWay(counted, false));
		try {
			if (url.pathname.startsWith('/__admin/')) return await admin(ctx);
			state.hostsSeen.add(req.headers.host ?? '');
			if (req.method !== 'GET' && req.method !== 'HEAD')
				state.formsReceived.push(`${req.method} ${url.pathname}`);
			// A fault: the request is accepted and never answered; the portal's stop ends it.
			if (state.faults.stalledPaths?.includes(url.pathname)) return;
			if (state.faults.offsiteRedirect && url.pathname === '/dashboard')
				return redirect(res, state.faults.offsiteRedirect);
			const delay = state.options.latencyMs + (state.faults.slowMs ?? 0);
			if (delay > 0) await new Promise((done) => setTimeout(done, delay));
			const faults = state.faults;
			if (faults.serverErrors && faults.serverErrors > 0) {
				faults.serverErrors -= 1;
				return sendHtml(res, layout('Error', '<h1>Internal server error</h1>'), 500);
			}
			if (faults.rateLimitSeconds) {
				return sendHtml(
					res,
					layout('Too many requests', '<h1>Too many requests</h1><p>Please slow down.</p>'),
					429,
					{ 'retry-after': String(faults.rateLimitSeconds) },
				);
			}
			if (faults.sessionRequestsLeft !== undefined && state.isSignedIn(session)) {
				if (faults.sessionRequestsLeft <= 0) {
					// The portal forgets every session; this visitor continues as a stranger.
					state.sessions.clear();
					ctx.session = state.newSession();
					res.setHeader('set-cookie', sessionCookie(ctx.session.id)['set-cookie']);
				} else faults.sessionRequestsLeft -= 1;
			}
			if (faults.maintenance) {
				return sendHtml(
					res,
					layout(
						'Maintenance',
						'<h1>Scheduled maintenance</h1><p>My Demo Telecom is down for scheduled maintenance. Please come back in an hour.</p>',
					),
					503,
					{ 'retry-after': '3600' },
				);
			}
			for (const route of routes) {
				const match = req.method === route.method ? url.pathname.match(route.path) : null;
				if (!match) continue;
				if (route.signedIn && !docs.requireSignedIn(ctx)) return;
				if (route.signedIn && !route.interstitialOk && docs.blockedByInterstitial(ctx)) return;
				return await route.handler(ctx, match);
			}
			sendHtml(res, layout('Not found', '<h1>Page not found</h1>'), 404);
		} catch {
			if (!res.headersSent) sendHtml(res, layout('Error', '<h1>Something went wrong</h1>'), 500);
			else res.end();
		}
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({
				url: `http://127.0.0.1:${port}`,
				state,
				close: async () => {
					await state.mailer?.flush();
					state.mailer?.close();
					await new Promise<void>((done) => {
						server.closeAllConnections();
						server.close(() => done());
					});
				},
			});
		});
	});
}
