import type { RequestContext } from './auth-routes';
import { pdfFor } from './document-routes';
import { readForm, sendHtml } from './http';
import type { DemoDocument, SeedAccount } from './seed';

/**
 * What the small layouts of the demo portal (Demo Down, Demo Kinds, Demo Hosts, Demo Contracts,
 * Demo EU) share: one plain page frame, one e-mail-and-password sign-in form, one PDF answer.
 * Written once so a change to the frame or the form reaches every layout alike.
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PlainFrame {
	/** The brand in the title and the header, e.g. "Demo Down". */
	brand: string;
	/** Where the header's sign-out link points once signed in. */
	logout: string;
	/** The sign-out link's class and words (most layouts: "logout", "Log out"). */
	logoutClass?: string;
	logoutText?: string;
	/** Extra markup at the end of <head> (a style sheet). */
	head?: string;
}

/** A page in the frame; `script` goes after <main>, where a layout's own script runs. */
export function framePage(
	frame: PlainFrame,
	title: string,
	body: string,
	signedIn = false,
	script = '',
): string {
	const logout = signedIn
		? ` · <a class="${frame.logoutClass ?? 'logout'}" href="${frame.logout}">${frame.logoutText ?? 'Log out'}</a>`
		: '';
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} – ${frame.brand}</title>${frame.head ?? ''}</head>
<body><header><strong>${frame.brand}</strong>${logout}</header><main>${body}</main>${script}</body></html>`;
}

/** The sign-in page (e-mail, password, the session's CSRF token), posting to `action`. */
export function sendLoginForm(
	ctx: RequestContext,
	frame: PlainFrame,
	action: string,
	error?: string,
): void {
	sendHtml(
		ctx.res,
		framePage(
			frame,
			'Sign in',
			`<h1>Sign in to ${frame.brand}</h1>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="${action}"><input type="hidden" name="csrf" value="${esc(ctx.session.csrf)}">
<label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
<button id="sign-in" type="submit">Sign in</button></form>`,
		),
	);
}

/**
 * The sign-in form's POST, checked as the small layouts check it (CSRF token, lock, password):
 * the account when all pass; otherwise `again` sends the form with the error, and undefined.
 */
export async function checkSignIn(
	ctx: RequestContext,
	again: (error: string) => void,
): Promise<SeedAccount | undefined> {
	const form = await readForm(ctx.req);
	ctx.state.remember(form.password);
	if (form.csrf !== ctx.session.csrf) return void again('Your session has expired.');
	const { account, locked } = ctx.state.startAttempt((form.email ?? '').trim());
	if (locked) return void again('Your account is locked.');
	if (ctx.state.checkPassword(account, form.password) !== 'ok')
		return void again('The e-mail address or password is incorrect.');
	return account!;
}

/** The document's PDF as an attachment named `<prefix>-<id>.pdf`. */
export function sendPdf(ctx: RequestContext, doc: DemoDocument, prefix = 'invoice'): void {
	const body = pdfFor(ctx, doc);
	ctx.res.writeHead(200, {
		'content-type': 'application/pdf',
		'content-length': String(body.length),
		'content-disposition': `attachment; filename="${prefix}-${doc.id}.pdf"`,
	});
	ctx.res.end(body);
}
