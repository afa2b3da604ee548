import type { RequestContext } from './auth-routes';
import { forbidden } from './document-routes';
import { isNavigation, readForm, redirect, sendHtml, sessionCookie } from './http';
import { framePage, sendPdf, type PlainFrame } from './plain-frame';
import type { DemoDocument } from './seed';

/**
 * A layout of the demo portal under /contracts/ (Demo Contracts), with sub-accounts as real
 * portals give them: after sign-in a selection page lists the contracts as links, each contract's
 * invoices at an address of its own (/contracts/<id>/invoices, paginated); and /contracts/switch,
 * where buttons swap the list with a script (the browser only). Same accounts, sessions and
 * documents as the other layouts; password-only sign-in. Every list served is recorded
 * (state.listPagesServed), so tests can tell which contracts a run opened.
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TYPE_WORDS: Record<DemoDocument['type'], string> = {
	invoice: 'Invoice',
	credit_note: 'Credit note',
	reminder: 'Reminder',
	statement: 'Statement',
};

// Its own sign-out words and form (ids, required fields): the layout is a different portal's.
const FRAME: PlainFrame = {
	brand: 'Demo Contracts',
	logout: '/contracts/logout',
	logoutClass: 'sign-out',
	logoutText: 'Sign out',
};
const page = (title: string, body: string, signedIn = false) =>
	framePage(FRAME, title, body, signedIn);

function loginPage(ctx: RequestContext, error?: string): void {
	sendHtml(
		ctx.res,
		page(
			'Sign in',
			`<h1>Sign in to Demo Contracts</h1>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form id="sign-in" method="post" action="/contracts/login"><input type="hidden" name="csrf" value="${esc(ctx.session.csrf)}">
<label for="email">E-mail</label><input id="email" name="email" type="email" required>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button id="sign-in-button" type="submit">Sign in</button></form>`,
		),
	);
}

export function getLogin(ctx: RequestContext): void {
	if (ctx.state.isSignedIn(ctx.session)) return redirect(ctx.res, '/contracts/');
	loginPage(ctx);
}

export async function postLogin(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	ctx.state.remember(form.password);
	if (form.csrf !== ctx.session.csrf) return loginPage(ctx, 'Your session expired. Try again.');
	const email = (form.email ?? '').trim();
	const { account, locked } = ctx.state.startAttempt(email);
	const checked = locked ? 'locked' : ctx.state.checkPassword(account, form.password);
	if (checked === 'locked') return loginPage(ctx, 'Your account is locked.');
	if (checked === 'wrong') return loginPage(ctx, 'Wrong e-mail or password.');
	const session = ctx.state.signIn(ctx.session, account!);
	if (session.pendingFactors.length)
		return loginPage(ctx, 'This layout signs in with a password only.');
	redirect(ctx.res, '/contracts/', sessionCookie(session.id));
}

/** The signed-in account, or a redirect to the sign-in page (undefined). */
function signedIn(ctx: RequestContext) {
	if (ctx.state.isSignedIn(ctx.session)) return ctx.state.account(ctx.session.login)!;
	redirect(ctx.res, '/contracts/login');
	return undefined;
}

/** The selection page shown after sign-in: one link per contract, and links a robot must not follow. */
export function getContracts(ctx: RequestContext): void {
	const account = signedIn(ctx);
	if (!account) return;
	const offsite = ctx.state.faults.offsiteAccountLink;
	const items = account.subAccounts
		.map(
			(s) =>
				`<li><a class="contract" href="/contracts/${encodeURIComponent(s.id)}/invoices">${esc(s.id)} – ${esc(s.label)}</a> · <a href="/contracts/${encodeURIComponent(s.id)}/cancel">Cancel contract</a></li>`,
		)
		.concat(
			offsite
				? [`<li><a class="contract" href="${esc(offsite)}">CUST-0000 – Elsewhere</a></li>`]
				: [],
		)
		.join('');
	sendHtml(
		ctx.res,
		page(
			'Your contracts',
			`<h1>Your contracts</h1><p>Choose a contract to see its invoices.</p><ul class="contracts">${items}</ul>
<p><a href="/contracts/switch">All contracts on one page</a></p>`,
			true,
		),
	);
}

function rowsHtml(cid: string, docs: DemoDocument[]): string {
	return docs
		.map(
			(d) =>
				`<tr data-id="${esc(d.id)}"><td class="date">${d.issueDate}</td><td class="number">${esc(d.number)}</td><td class="type">${TYPE_WORDS[d.type]}</td><td class="amount">€${d.amount.toFixed(2)}</td><td><a class="pdf" href="/contracts/${encodeURIComponent(cid)}/invoices/${encodeURIComponent(d.id)}.pdf">Download PDF</a> <a href="/contracts/${encodeURIComponent(cid)}/invoices/${encodeURIComponent(d.id)}/pay">Pay</a></td></tr>`,
		)
		.join('');
}

const TABLE_HEAD =
	'<thead><tr><th>Date</th><th>Number</th><th>Type</th><th>Amount</th><th></th></tr></thead>';

/** A contract's documents, newest first; undefined (and a 404 sent) for another's contract. */
function contractDocuments(ctx: RequestContext, cid: string): DemoDocument[] | undefined {
	const account = signedIn(ctx);
	if (!account) return undefined;
	if (!account.subAccounts.some((s) => s.id === cid)) {
		sendHtml(ctx.res, page('Not found', '<h1>No such contract</h1>', true), 404);
		return undefined;
	}
	return ctx.state
		.documentsOf(account.login, cid)
		.sort((a, b) => b.issueDate.localeCompare(a.issueDate));
}

/** One contract's invoices at its own address, page by page. */
export function getInvoices(ctx: RequestContext, cid: string): void {
	const all = contractDocuments(ctx, cid);
	if (!all) return;
	const size = ctx.state.options.pageSize;
	const pages = Math.max(1, Math.ceil(all.length / size));
	const pageNo = Math.min(Math.max(1, Number(ctx.url.searchParams.get('page')) || 1), pages);
	ctx.state.listPagesServed.push({
		login: ctx.session.login!,
		accountId: cid,
		page: pageNo,
		navigation: isNavigation(ctx.req),
	});
	const next =
		pageNo < pages
			? `<a rel="next" href="/contracts/${encodeURIComponent(cid)}/invoices?page=${pageNo + 1}">Older invoices</a>`
			: '';
	sendHtml(
		ctx.res,
		page(
			`Contract ${cid}`,
			`<h1>Invoices of contract ${esc(cid)}</h1><p><a href="/contracts/">All contracts</a></p>
<table class="invoices">${TABLE_HEAD}<tbody>${rowsHtml(cid, all.slice((pageNo - 1) * size, pageNo * size))}</tbody></table><nav>${next}</nav>`,
			true,
		),
	);
}

/** The rows alone, for the page whose buttons swap the list (all of a contract's rows). */
export function getRows(ctx: RequestContext, cid: string): void {
	const all = contractDocuments(ctx, cid);
	if (!all) return;
	ctx.state.listPagesServed.push({
		login: ctx.session.login!,
		accountId: cid,
		page: 1,
		navigation: false,
	});
	sendHtml(ctx.res, rowsHtml(cid, all));
}

/**
 * Contracts switched by buttons: a script fetches the chosen contract's rows into the table.
 * /contracts/switch starts with an empty table; /contracts/tabs (`shown`) with the first
 * contract's rows, its button pressed, as most portals open such a page.
 */
export function getSwitch(ctx: RequestContext, shown = false): void {
	const account = signedIn(ctx);
	if (!account) return;
	const first = account.subAccounts[0].id;
	const buttons = account.subAccounts
		.map(
			(s) =>
				`<button type="button" class="contract" data-contract="${esc(s.id)}" aria-pressed="${shown && s.id === first}">${esc(s.id)} – ${esc(s.label)}</button>`,
		)
		.join(' ');
	let rows = '';
	if (shown) {
		ctx.state.listPagesServed.push({
			login: account.login,
			accountId: first,
			page: 1,
			navigation: true,
		});
		rows = rowsHtml(first, contractDocuments(ctx, first)!);
	}
	const script = `document.querySelectorAll('button.contract').forEach(function (b) {
  b.addEventListener('click', function () {
    fetch('/contracts/' + encodeURIComponent(b.dataset.contract) + '/rows').then(function (r) { return r.text(); }).then(function (html) {
      document.querySelector('table.invoices tbody').innerHTML = html;
      document.querySelector('table.invoices').dataset.contract = b.dataset.contract;
      document.querySelectorAll('button.contract').forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
    });
  });
});`;
	sendHtml(
		ctx.res,
		page(
			'Your contracts',
			`<h1>Your invoices</h1><p>Contract: ${buttons}</p>
<table class="invoices">${TABLE_HEAD}<tbody>${rows}</tbody></table><script>${script}</script>`,
			true,
		),
	);
}

export function getPdf(ctx: RequestContext, cid: string, id: string): void {
	const doc = contractDocuments(ctx, cid)?.find((d) => d.id === id);
	if (ctx.res.headersSent) return;
	if (!doc) return sendHtml(ctx.res, page('Not found', '<h1>Not found</h1>'), 404);
	sendPdf(ctx, doc);
}

export function logout(ctx: RequestContext): void {
	ctx.state.sessions.delete(ctx.session.id);
	redirect(ctx.res, '/contracts/login');
}

type Handler = (ctx: RequestContext, match: RegExpMatchArray) => void | Promise<void>;
const id = (m: RegExpMatchArray, i: number) => decodeURIComponent(m[i]);

/** The layout's routes, for the demo portal's router (index.ts). */
export const contractsRoutes: { method: string; path: RegExp; handler: Handler }[] = [
	{ method: 'GET', path: /^\/contracts\/login$/, handler: getLogin },
	{ method: 'POST', path: /^\/contracts\/login$/, handler: postLogin },
	{ method: 'GET', path: /^\/contracts\/$/, handler: getContracts },
	{ method: 'GET', path: /^\/contracts\/switch$/, handler: (ctx) => getSwitch(ctx) },
	{ method: 'GET', path: /^\/contracts\/tabs$/, handler: (ctx) => getSwitch(ctx, true) },
	{ method: 'GET', path: /^\/contracts\/logout$/, handler: logout },
	{
		method: 'GET',
		path: /^\/contracts\/([^/]+)\/invoices$/,
		handler: (ctx, m) => getInvoices(ctx, id(m, 1)),
	},
	{
		method: 'GET',
		path: /^\/contracts\/([^/]+)\/rows$/,
		handler: (ctx, m) => getRows(ctx, id(m, 1)),
	},
	{
		method: 'GET',
		path: /^\/contracts\/([^/]+)\/invoices\/([^/]+)\.pdf$/,
		handler: (ctx, m) => getPdf(ctx, id(m, 1), id(m, 2)),
	},
	// What a robot must never do, as links: recorded as violations.
	{
		method: 'GET',
		path: /^\/contracts\/([^/]+)\/cancel$/,
		handler: (ctx) => forbidden(ctx, 'Cancel contract (link)'),
	},
	{
		method: 'GET',
		path: /^\/contracts\/([^/]+)\/invoices\/([^/]+)\/pay$/,
		handler: (ctx) => forbidden(ctx, 'Pay (link)'),
	},
];
