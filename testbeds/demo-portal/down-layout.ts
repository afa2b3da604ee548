import type { RequestContext } from './auth-routes';
import { redirect, sendHtml, sessionCookie } from './http';
import { checkSignIn, framePage, sendLoginForm, sendPdf, type PlainFrame } from './plain-frame';
import type { DemoDocType } from './seed';
import type { DemoState } from './state';

/**
 * A layout under /down/ whose files are one level down, as on about one real portal in six: the
 * list's rows show number, date, customer number, type and amount, but no file link.
 * - `/down/invoices`: each row links to the invoice's detail page (`/down/invoices/<id>`), which
 *   holds the PDF link.
 * - `/down/menu`: each row has a "More actions" button; a script draws a small menu with the PDF
 *   link when it is pressed (the link is not in the server's HTML).
 * - `/down/menu-only/login`: the same sign-in, whose home links to `/down/menu` only (Automatic
 *   finds the popover there, with no detail page to find instead).
 * - `/down/hostile`: detail pages whose PDF link points to another site
 *   (`files.elsewhere.localhost`), which records every request it gets: a run must fetch nothing there.
 * - `/down/tabs`: each row's "Open" button opens the PDF in a new tab (window.open), as about one
 *   portal in six does; the oldest row's button opens the other site instead (a hostile row).
 * Every request for a detail page and to the other site is recorded (tests count them).
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TYPE_WORDS: Record<DemoDocType, string> = {
	invoice: 'Invoice',
	credit_note: 'Credit note',
	reminder: 'Payment reminder',
	statement: 'Statement',
};

interface DownState {
	/** Paths of the detail pages served, in order. */
	detailRequests: string[];
	/** Requests that reached the other site a hostile detail page links to. */
	elsewhereRequests: string[];
}
const perPortal = new WeakMap<DemoState, DownState>();
function own(state: DemoState): DownState {
	let s = perPortal.get(state);
	if (!s) perPortal.set(state, (s = { detailRequests: [], elsewhereRequests: [] }));
	return s;
}

/** The detail pages served so far (tests read it, and may empty it). */
export const detailRequests = (state: DemoState): string[] => own(state).detailRequests;
/** What reached the other site (tests read it). */
export const elsewhereRequests = (state: DemoState): string[] => own(state).elsewhereRequests;

const FRAME: PlainFrame = { brand: 'Demo Down', logout: '/down/logout' };
const page = (title: string, body: string, signedIn = false, script = '') =>
	framePage(FRAME, title, body, signedIn, script);

/** `/down/menu-only/…`: the same sign-in, landing on a home that links to the menu list only. */
const prefixOf = (ctx: RequestContext) =>
	ctx.url.pathname.startsWith('/down/menu-only/') ? '/down/menu-only' : '/down';

const loginForm = (ctx: RequestContext, error?: string) =>
	sendLoginForm(ctx, FRAME, `${prefixOf(ctx)}/login`, error);

export const getLogin = (ctx: RequestContext) => loginForm(ctx);

export async function postLogin(ctx: RequestContext): Promise<void> {
	const account = await checkSignIn(ctx, (error) => loginForm(ctx, error));
	if (!account) return;
	// A new session after the sign-in (as the portal's own layout does), in a new cookie.
	const session = ctx.state.signIn(ctx.session, account, []);
	redirect(ctx.res, `${prefixOf(ctx)}/home`, sessionCookie(session.id));
}

function signedIn(ctx: RequestContext): boolean {
	if (ctx.state.isSignedIn(ctx.session)) return true;
	redirect(ctx.res, '/down/login');
	return false;
}

export function getHome(ctx: RequestContext): void {
	if (!signedIn(ctx)) return;
	const nav =
		prefixOf(ctx) === '/down'
			? '<nav><a href="/down/invoices">Invoices</a> <a href="/down/menu">Invoices (quick view)</a></nav>'
			: '<nav><a href="/down/menu">Invoices</a></nav>';
	sendHtml(ctx.res, page('Home', `<h1>Welcome</h1>${nav}`, true));
}

const docsOf = (ctx: RequestContext) =>
	ctx.state.documents
		.filter((d) => d.login === ctx.session.login)
		.sort((a, b) => b.issueDate.localeCompare(a.issueDate));

type Kind = 'invoices' | 'menu' | 'hostile' | 'tabs';

/** The list: each row's last cell is a link to its detail page, or a button opening a menu. */
export function getList(ctx: RequestContext, kind: Kind): void {
	if (!signedIn(ctx)) return;
	const docs = docsOf(ctx);
	const port = (ctx.req.headers.host ?? '').split(':')[1] ?? '80';
	const tabFile = (id: string) =>
		id === docs[docs.length - 1]?.id
			? `http://files.elsewhere.localhost:${port}/down/elsewhere/${encodeURIComponent(id)}.pdf`
			: `/down/invoices/${encodeURIComponent(id)}.pdf`;
	const last = (id: string) =>
		kind === 'menu'
			? `<button type="button" class="more" aria-label="More actions" data-id="${esc(id)}">⋯</button>`
			: kind === 'tabs'
				? `<button type="button" class="open" data-href="${esc(tabFile(id))}">Open</button>`
				: `<a class="view" href="/down/${kind}/${encodeURIComponent(id)}">View</a>`;
	const rows = docs
		.map(
			(d) =>
				`<tr data-id="${esc(d.id)}"><td class="date">${d.issueDate}</td><td class="number">${esc(d.number)}</td><td class="customer">${esc(d.accountId)}</td><td class="type">${TYPE_WORDS[d.type]}</td><td class="amount">${d.amount.toFixed(2)} ${esc(d.currency)}</td><td class="actions">${last(d.id)}</td></tr>`,
		)
		.join('');
	const table = `<h1>Your invoices</h1><table class="invoices"><thead><tr><th>Date</th><th>Invoice number</th><th>Customer number</th><th>Type</th><th>Amount</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
	const script = kind === 'menu' ? MENU_SCRIPT : kind === 'tabs' ? TAB_SCRIPT : '';
	sendHtml(ctx.res, page('Invoices', table, true, script));
}

/**
 * The menu a "More actions" button draws (one open at a time), as popovers of real portals do:
 * the file link exists only once the button was pressed.
 */
const MENU_SCRIPT = `<script>
document.addEventListener('click', (event) => {
	const button = event.target.closest('button.more');
	if (!button) return;
	document.querySelectorAll('div.menu').forEach((m) => m.remove());
	const menu = document.createElement('div');
	menu.className = 'menu';
	menu.setAttribute('role', 'menu');
	const link = document.createElement('a');
	link.className = 'file';
	link.href = '/down/invoices/' + encodeURIComponent(button.dataset.id) + '.pdf';
	link.textContent = 'Download PDF';
	menu.appendChild(link);
	setTimeout(() => button.parentElement.appendChild(menu), 50);
});
</script>`;

/** "Open" buttons that show the PDF in a new tab, as a portal's viewer buttons do. */
const TAB_SCRIPT = `<script>
document.addEventListener('click', (event) => {
	const button = event.target.closest('button.open');
	if (button) window.open(button.dataset.href, '_blank');
});
</script>`;

/** One invoice's page: its details and the PDF link (on /down/hostile, a link to another site). */
export function getDetail(ctx: RequestContext, kind: Kind, id: string): void {
	if (!signedIn(ctx)) return;
	own(ctx.state).detailRequests.push(ctx.url.pathname);
	const doc = docsOf(ctx).find((d) => d.id === id);
	if (!doc) return sendHtml(ctx.res, page('Not found', '<h1>Not found</h1>', true), 404);
	const port = (ctx.req.headers.host ?? '').split(':')[1] ?? '80';
	const file =
		kind === 'hostile'
			? `http://files.elsewhere.localhost:${port}/down/elsewhere/${encodeURIComponent(id)}.pdf`
			: `/down/invoices/${encodeURIComponent(id)}.pdf`;
	const body = `<h1>Invoice ${esc(doc.number)}</h1>
<dl><dt>Date</dt><dd>${doc.issueDate}</dd><dt>Amount</dt><dd>${doc.amount.toFixed(2)} ${esc(doc.currency)}</dd></dl>
<p><a class="download" href="${file}">Download PDF</a></p><p><a class="back" href="/down/${kind}">Back to invoices</a></p>`;
	sendHtml(ctx.res, page(`Invoice ${doc.number}`, body, true));
}

export function getPdf(ctx: RequestContext, id: string): void {
	if (!signedIn(ctx)) return;
	const doc = docsOf(ctx).find((d) => d.id === id);
	if (!doc) return sendHtml(ctx.res, page('Not found', '<h1>Not found</h1>'), 404);
	sendPdf(ctx, doc);
}

/** The other site: records the request and serves a PDF-looking file, which must never be fetched. */
export function getElsewhere(ctx: RequestContext): void {
	own(ctx.state).elsewhereRequests.push(`${ctx.req.headers.host}${ctx.url.pathname}`);
	ctx.res.writeHead(200, { 'content-type': 'application/pdf' });
	ctx.res.end('%PDF-1.7\n%%EOF\n');
}

export function logout(ctx: RequestContext): void {
	ctx.state.sessions.delete(ctx.session.id);
	redirect(ctx.res, '/down/login');
}

type Route = {
	method: string;
	path: RegExp;
	handler: (ctx: RequestContext, m: RegExpMatchArray) => void | Promise<void>;
};
const kinds = '(invoices|menu|hostile|tabs)';

/** The layout's routes, for the router (index.ts). */
export const routes: Route[] = [
	{ method: 'GET', path: /^\/down\/(menu-only\/)?login$/, handler: getLogin },
	{ method: 'POST', path: /^\/down\/(menu-only\/)?login$/, handler: postLogin },
	{ method: 'GET', path: /^\/down\/(menu-only\/)?home$/, handler: getHome },
	{ method: 'GET', path: /^\/down\/logout$/, handler: logout },
	{
		method: 'GET',
		path: /^\/down\/invoices\/([^/]+)\.pdf$/,
		handler: (ctx, m) => getPdf(ctx, decodeURIComponent(m[1])),
	},
	{ method: 'GET', path: /^\/down\/elsewhere\//, handler: getElsewhere },
	{
		method: 'GET',
		path: new RegExp(`^/down/${kinds}$`),
		handler: (ctx, m) => getList(ctx, m[1] as Kind),
	},
	{
		method: 'GET',
		path: new RegExp(`^/down/${kinds}/([^/.]+)$`),
		handler: (ctx, m) => getDetail(ctx, m[1] as Kind, decodeURIComponent(m[2])),
	},
];
