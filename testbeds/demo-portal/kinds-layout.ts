import type { RequestContext } from './auth-routes';
import { redirect, sendHtml, sessionCookie } from './http';
import { checkSignIn, framePage, sendLoginForm, type PlainFrame } from './plain-frame';
import { kindsEntries, kindsFile, type KindsEntry } from './kinds-files';

/**
 * A layout under /kinds/ (Demo Kinds) whose documents are not all PDFs, as on real portals: an
 * XML e-invoice, a ZIP archive, a CSV statement beside a PDF (`/kinds/files`), and invoices that
 * are only a page to print (`/kinds/documents` lists both). `?hostile=1` adds what a portal may
 * hand over instead of a document: an error page served as XML, a ZIP that declares gigabytes
 * unpacked, HTML served as CSV, and an invoice link whose page shows another invoice. A run that
 * is signed out is sent to the sign-in page, for files too (a web page where a file was asked).
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const FRAME: PlainFrame = {
	brand: 'Demo Kinds',
	logout: '/kinds/logout',
	head: `
<style>body{font-family:sans-serif} table{border-collapse:collapse} td,th{border:1px solid #999;padding:4px 8px}</style>`,
};
const page = (title: string, body: string, signedIn = false) =>
	framePage(FRAME, title, body, signedIn);

const loginForm = (ctx: RequestContext, error?: string) =>
	sendLoginForm(ctx, FRAME, '/kinds/login', error);

export const getLogin = (ctx: RequestContext) => loginForm(ctx);

/** Password only (no second factor): the layout is about what comes after the sign-in. */
export async function postLogin(ctx: RequestContext): Promise<void> {
	const account = await checkSignIn(ctx, (error) => loginForm(ctx, error));
	if (!account) return;
	ctx.session = ctx.state.signIn(ctx.session, account, []);
	redirect(ctx.res, '/kinds/documents', sessionCookie(ctx.session.id));
}

function signedIn(ctx: RequestContext): boolean {
	if (ctx.state.isSignedIn(ctx.session)) return true;
	redirect(ctx.res, '/kinds/login');
	return false;
}

const buyerOf = (ctx: RequestContext) => ctx.state.account(ctx.session.login)?.name ?? '';

/** The list: one row per document, with a file link or a link to the invoice page. */
export function getList(ctx: RequestContext, pages: boolean): void {
	if (!signedIn(ctx)) return;
	const hostile = ctx.url.searchParams.get('hostile') === '1';
	const link = (e: KindsEntry) =>
		e.kind === 'file'
			? `<a class="file" href="/kinds/file/${encodeURIComponent(e.fileName)}">${esc(e.fileName.split('.').pop()!.toUpperCase())}</a>`
			: `<a class="view" href="/kinds/invoice/${encodeURIComponent(e.doc.number)}">View invoice</a>`;
	const rows = kindsEntries(ctx.session.login!, hostile, pages)
		.map(
			(e) =>
				`<tr><td class="date">${e.doc.issueDate}</td><td class="number">${esc(e.doc.number)}</td><td class="amount">${e.doc.amount.toFixed(2)}</td><td>${link(e)}</td></tr>`,
		)
		.join('');
	sendHtml(
		ctx.res,
		page(
			'Documents',
			`<h1>Your documents</h1><table class="documents"><thead><tr><th>Date</th><th>Number</th><th>Amount (EUR)</th><th></th></tr></thead><tbody>${rows}</tbody></table>`,
			true,
		),
	);
}

const entryFor = (ctx: RequestContext, match: (e: KindsEntry) => boolean) =>
	kindsEntries(ctx.session.login!, true, true).find(match);

export function getFile(ctx: RequestContext, name: string): void {
	if (!signedIn(ctx)) return;
	const entry = entryFor(ctx, (e) => e.kind === 'file' && e.fileName === name);
	if (entry?.kind !== 'file')
		return sendHtml(ctx.res, page('Not found', '<h1>Not found</h1>'), 404);
	const body = kindsFile(entry, buyerOf(ctx));
	ctx.res.writeHead(200, {
		'content-type': entry.type,
		'content-length': String(body.length),
		'content-disposition': `attachment; filename="${entry.fileName}"`,
	});
	ctx.res.end(body);
}

/** An invoice as a page, as some portals show it instead of a file (a user prints it). */
export function getInvoicePage(ctx: RequestContext, number: string): void {
	if (!signedIn(ctx)) return;
	const entry = entryFor(ctx, (e) => e.kind === 'page' && e.doc.number === number);
	if (!entry) return sendHtml(ctx.res, page('Not found', '<h1>Not found</h1>'), 404);
	const { doc } = entry;
	const shown = entry.kind === 'page' && entry.shows ? entry.shows : doc.number;
	sendHtml(
		ctx.res,
		page(
			`Invoice ${shown}`,
			`<article class="invoice"><h1>Invoice <span class="number">${esc(shown)}</span></h1>
<p>Demo Kinds B.V., Demoweg 1, 1011 AB Amsterdam</p><p>Billed to ${esc(buyerOf(ctx))}</p>
<p>Issue date <span class="date">${doc.issueDate}</span></p>
<table><tr><th>Description</th><th>Amount</th></tr><tr><td>${esc(doc.title)}</td><td>EUR ${doc.amount.toFixed(2)}</td></tr>
<tr><th>Total due</th><th class="total">EUR ${doc.amount.toFixed(2)}</th></tr></table></article>`,
			true,
		),
	);
}

export function logout(ctx: RequestContext): void {
	ctx.state.sessions.delete(ctx.session.id);
	redirect(ctx.res, '/kinds/login');
}

/** The layout's pages, by address (one route in index.ts). */
export function route(ctx: RequestContext): void {
	const path = ctx.url.pathname;
	const tail = (prefix: string) => decodeURIComponent(path.slice(prefix.length));
	if (path === '/kinds/login') return getLogin(ctx);
	if (path === '/kinds/logout') return logout(ctx);
	if (path === '/kinds/documents' || path === '/kinds/files')
		return getList(ctx, path === '/kinds/documents');
	if (/^\/kinds\/file\/[^/]+$/.test(path)) return getFile(ctx, tail('/kinds/file/'));
	if (/^\/kinds\/invoice\/[^/]+$/.test(path)) return getInvoicePage(ctx, tail('/kinds/invoice/'));
	sendHtml(ctx.res, page('Not found', '<h1>Page not found</h1>'), 404);
}
