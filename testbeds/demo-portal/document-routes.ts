import type { RequestContext } from './auth-routes';
import { landing } from './auth-routes';
import { isNavigation, readForm, redirect, sendHtml } from './http';
import { renderPdf } from './pdf';
import type { DemoDocument } from './seed';
import { dashboardView, invoicesView, layout, loginView } from './views';

/** Signed-in visitors only; others go to the login page, as after a session timeout. */
export function requireSignedIn(ctx: RequestContext): boolean {
	if (ctx.state.isSignedIn(ctx.session)) return true;
	const wasLoggedIn = !!ctx.session.login;
	if (ctx.req.method === 'GET' && ctx.url.pathname.startsWith('/invoices/')) {
		// Document links answer with the login page (and a 200) once the session is gone,
		// which is exactly what makes real portals deliver HTML "PDFs".
		sendHtml(ctx.res, loginView({ csrf: ctx.session.csrf, notice: 'Please log in to continue.' }));
	} else {
		redirect(ctx.res, wasLoggedIn ? '/login/verify' : '/login?expired=1');
	}
	return false;
}

/** A blocking interstitial (terms, password, payment) keeps the visitor away from everything else. */
export function blockedByInterstitial(ctx: RequestContext): boolean {
	const target = landing(ctx);
	if (target === '/dashboard') return false;
	redirect(ctx.res, target);
	return true;
}

export function getDashboard(ctx: RequestContext): void {
	const account = ctx.state.account(ctx.session.login)!;
	const open = ctx.state.documents.filter((d) => d.login === account.login && !d.paid);
	sendHtml(ctx.res, dashboardView(account, ctx.session.csrf, open));
}

export function getInvoices(ctx: RequestContext): void {
	const account = ctx.state.account(ctx.session.login)!;
	const active =
		account.subAccounts.find((s) => s.id === ctx.session.activeAccount) ?? account.subAccounts[0];
	const from = ctx.url.searchParams.get('from') || undefined;
	const to = ctx.url.searchParams.get('to') || undefined;
	const all = ctx.state
		.documentsOf(account.login, active.id)
		.filter((d) => (!from || d.issueDate >= from) && (!to || d.issueDate <= to))
		.sort((a, b) => b.issueDate.localeCompare(a.issueDate));
	const size = ctx.state.options.pageSize;
	const pages = Math.ceil(all.length / size);
	const page = Math.min(
		Math.max(1, Number(ctx.url.searchParams.get('page')) || 1),
		Math.max(1, pages),
	);
	ctx.state.listPagesServed.push({
		login: account.login,
		accountId: active.id,
		page,
		navigation: isNavigation(ctx.req),
	});
	const html = invoicesView({
		account,
		active,
		csrf: ctx.session.csrf,
		docs: all.slice((page - 1) * size, page * size),
		page,
		pages,
		from,
		to,
		scriptedExports: ctx.state.faults.scriptedExports,
	});
	const shown = ctx.state.faults.renamedTable
		? html.replace('<table id="documents">', '<table id="invoice-list">')
		: html;
	if (ctx.state.faults.listPaddingBytes)
		return sendPadded(ctx, shown, ctx.state.faults.listPaddingBytes);
	sendHtml(ctx.res, shown);
}

/**
 * A fault: the page with a comment of `bytes` bytes before its end, streamed in 1 MB chunks
 * without a Content-Length (a reader learns its size only by reading).
 */
function sendPadded(ctx: RequestContext, html: string, bytes: number): void {
	const at = html.lastIndexOf('</body>');
	ctx.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
	ctx.res.write(`${html.slice(0, at)}<!--`);
	const chunk = Buffer.alloc(1024 * 1024, 'x');
	let left = bytes;
	const more = (): void => {
		while (left > 0) {
			const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
			left -= part.length;
			if (!ctx.res.write(part)) return void ctx.res.once('drain', more);
		}
		ctx.res.end(`-->${html.slice(at)}`);
	};
	ctx.res.once('close', () => (left = 0));
	more();
}

export async function postSwitchAccount(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	const account = ctx.state.account(ctx.session.login)!;
	if (form.csrf === ctx.session.csrf && account.subAccounts.some((s) => s.id === form.account))
		ctx.session.activeAccount = form.account;
	redirect(ctx.res, '/invoices');
}

function ownDocument(ctx: RequestContext, id: string): DemoDocument | undefined {
	return ctx.state.documents.find((d) => d.id === id && d.login === ctx.session.login);
}

/** The size a document is padded to: fixed, or stable per document inside [pdfBytes, pdfBytesMax]. */
function paddedSize(options: { pdfBytes: number; pdfBytesMax: number }, id: string): number {
	if (!options.pdfBytes || options.pdfBytesMax <= options.pdfBytes) return options.pdfBytes;
	let h = 0;
	for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return options.pdfBytes + (h % (options.pdfBytesMax - options.pdfBytes + 1));
}

/** The document's PDF: its hybrid one (made when the portal started) or the plain one. */
export function pdfFor(ctx: RequestContext, doc: DemoDocument): Buffer {
	return ctx.state.hybridPdfs.get(doc.id) ?? plainPdfFor(ctx.state, doc);
}

export function plainPdfFor(state: RequestContext['state'], doc: DemoDocument): Buffer {
	return renderPdf(
		[
			state.seed.company,
			`${doc.title}`,
			`Document number: ${doc.number}`,
			`Customer number: ${doc.accountId}`,
			`Issue date: ${doc.issueDate}    Due date: ${doc.dueDate}`,
			`Amount: ${doc.amount.toFixed(2)} ${doc.currency}`,
		],
		paddedSize(state.options, doc.id),
	);
}

export function sendDocument(ctx: RequestContext, id: string): void {
	const doc = ownDocument(ctx, id);
	if (!doc) return sendHtml(ctx.res, layout('Not found', '<h1>Document not found</h1>'), 404);
	if (ctx.state.faults.htmlDownloads.includes(doc.number)) {
		// A fault: the portal answers a document link with a web page (status 200).
		return sendHtml(
			ctx.res,
			layout('Maintenance', '<h1>Something went wrong</h1><p>Please try again later.</p>'),
		);
	}
	const faults = ctx.state.faults;
	if (faults.offsiteDownloads?.includes(doc.number)) {
		const host = (ctx.req.headers.host ?? '').replace('127.0.0.1', 'localhost');
		return redirect(ctx.res, `http://${host}${ctx.url.pathname}`);
	}
	if (faults.disguisedDownloads?.includes(doc.number)) {
		// A fault: a web page that names itself a PDF, served as one (status 200).
		ctx.res.writeHead(200, { 'content-type': 'application/pdf' });
		ctx.res.end(
			'<!doctype html><html><head><title>%PDF-1.7</title></head><body><h1>Your invoice</h1></body></html><!-- %%EOF -->',
		);
		return;
	}
	if (faults.failingDownloads?.includes(doc.number))
		return sendHtml(ctx.res, layout('Error', '<h1>Internal server error</h1>'), 500);
	let body = pdfFor(ctx, doc);
	if (faults.resetDownloads?.includes(doc.number)) {
		// Headers promise the whole file; half of it is sent, then the connection is cut.
		ctx.res.writeHead(200, {
			'content-type': 'application/pdf',
			'content-length': String(body.length),
		});
		ctx.res.write(body.subarray(0, Math.floor(body.length / 2)), () => ctx.res.socket?.destroy());
		return;
	}
	if (faults.truncatedDownloads?.includes(doc.number))
		body = body.subarray(0, Math.floor(body.length * 0.6));
	ctx.state.filesServed.set(doc.login, (ctx.state.filesServed.get(doc.login) ?? 0) + 1);
	ctx.res.writeHead(200, {
		'content-type': 'application/pdf',
		'content-length': String(body.length),
		// Header values cannot carry control characters; numbers with them are shown on the page only.
		'content-disposition': `attachment; filename="${doc.number.replace(/[^\x20-\x7e]/g, '_')}.pdf"`,
	});
	ctx.res.end(body);
}

export async function postExport(ctx: RequestContext, id: string): Promise<void> {
	const form = await readForm(ctx.req);
	if (form.csrf !== ctx.session.csrf) return redirect(ctx.res, '/invoices');
	sendDocument(ctx, id);
}

/** Buttons a robot must never press. Pressing one is recorded; nothing else happens. */
export async function forbidden(ctx: RequestContext, action: string): Promise<void> {
	await readForm(ctx.req).catch(() => ({}));
	ctx.state.recordViolation(action, ctx.url.pathname, ctx.session);
	sendHtml(
		ctx.res,
		layout(
			'Not available',
			`<h1>Not available in the demo</h1><p>"${action}" was recorded as an action an invoice robot must never take.</p>`,
		),
		403,
	);
}
