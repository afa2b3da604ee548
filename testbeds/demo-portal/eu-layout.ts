import type { RequestContext } from './auth-routes';
import { isNavigation, readForm, redirect, sendHtml, sessionCookie } from './http';
import { sendPdf } from './plain-frame';
import type { DemoDocument } from './seed';

/**
 * A second layout of the demo portal under /eu/, as a Dutch energy supplier builds it: a
 * two-step login (e-mail, "Volgende", then the password), codes on a page of their own,
 * a contract switcher, a differently built table and European notation (01-10-2026,
 * € 1.234,56, Dutch type names). Same accounts, sessions and documents as the main layout.
 * It exists to prove that a portal definition (portals/definitions/) drives an unknown site.
 */
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TYPE_WORDS: Record<DemoDocument['type'], string> = {
	invoice: 'Factuur',
	credit_note: 'Creditnota',
	reminder: 'Herinnering',
	statement: 'Jaaroverzicht',
};

function page(title: string, body: string, loggedIn = false): string {
	return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${esc(title)} – Demo Energie</title>
<style>body{font-family:sans-serif;max-width:900px;margin:2rem auto}.melding{padding:.5rem;border:1px solid #c33;color:#c33}table{border-collapse:collapse;width:100%}td{border-bottom:1px solid #ddd;padding:.3rem}</style></head>
<body><header><strong>Demo Energie</strong>${loggedIn ? ' · <a class="uitloggen" href="/eu/uitloggen">Uitloggen</a>' : ''}</header><main>${body}</main></body></html>`;
}

const melding = (text?: string) =>
	text ? `<p class="melding fout" role="alert">${esc(text)}</p>` : '';

function stepOne(ctx: RequestContext, error?: string): void {
	sendHtml(
		ctx.res,
		page(
			'Inloggen',
			`<h1>Inloggen bij Mijn Demo Energie</h1>${melding(error)}
<form id="stap1" method="post" action="/eu/login"><input type="hidden" name="csrf" value="${esc(ctx.session.csrf)}">
<label for="email">E-mailadres</label><input id="email" name="email" type="email" required><button id="volgende" type="submit">Volgende</button></form>`,
		),
	);
}

function stepTwo(ctx: RequestContext, email: string, error?: string): void {
	sendHtml(
		ctx.res,
		page(
			'Wachtwoord',
			`<h1>Uw wachtwoord</h1><p>${esc(email)}</p>${melding(error)}
<form id="stap2" method="post" action="/eu/login/wachtwoord"><input type="hidden" name="csrf" value="${esc(ctx.session.csrf)}"><input type="hidden" name="email" value="${esc(email)}">
<label for="wachtwoord">Wachtwoord</label><input id="wachtwoord" name="wachtwoord" type="password" required><button id="inloggen" type="submit">Inloggen</button></form>`,
		),
	);
}

function verification(ctx: RequestContext, error?: string): void {
	const account = ctx.state.account(ctx.session.login)!;
	const factor = ctx.session.pendingFactors[0];
	const uitleg =
		factor === 'totp'
			? 'Voer de code uit uw authenticator-app in.'
			: factor === 'sms'
				? `We hebben een sms-code gestuurd naar ${esc(String(account.phone ?? '').replace(/.(?=.{4})/g, '*'))}.`
				: 'We hebben een code per e-mail gestuurd.';
	sendHtml(
		ctx.res,
		page(
			'Verificatie',
			`<h1>Verificatie</h1><p class="uitleg">${uitleg}</p>${melding(error)}
<form id="verificatie" method="post" action="/eu/verificatie"><input type="hidden" name="csrf" value="${esc(ctx.session.csrf)}">
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required><label><input type="checkbox" id="onthoud" name="onthoud"> Dit apparaat onthouden</label>
<button id="bevestig" type="submit">Bevestigen</button></form>`,
		),
	);
}

export function getLogin(ctx: RequestContext): void {
	if (ctx.state.isSignedIn(ctx.session)) return redirect(ctx.res, '/eu/facturen');
	stepOne(ctx);
}

export async function postEmail(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	if (form.csrf !== ctx.session.csrf)
		return stepOne(ctx, 'Uw sessie is verlopen. Probeer het opnieuw.');
	// Unknown addresses also get the password step: a portal does not tell who has an account.
	stepTwo(ctx, (form.email ?? '').trim());
}

export async function postPassword(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	ctx.state.remember(form.wachtwoord);
	const { state } = ctx;
	const email = (form.email ?? '').trim();
	if (form.csrf !== ctx.session.csrf)
		return stepOne(ctx, 'Uw sessie is verlopen. Probeer het opnieuw.');
	const { account, locked } = state.startAttempt(email);
	const checked = locked ? 'locked' : state.checkPassword(account, form.wachtwoord);
	if (checked === 'locked')
		return stepTwo(ctx, email, 'Uw account is geblokkeerd. Neem contact op met de klantenservice.');
	if (checked === 'wrong') return stepTwo(ctx, email, 'Onjuist e-mailadres of wachtwoord.');
	const session = state.signIn(ctx.session, account!);
	redirect(
		ctx.res,
		session.pendingFactors.length ? '/eu/verificatie' : '/eu/facturen',
		sessionCookie(session.id),
	);
}

export function getVerification(ctx: RequestContext): void {
	if (!ctx.session.login || !ctx.session.pendingFactors.length)
		return redirect(ctx.res, '/eu/login');
	verification(ctx);
}

export async function postVerification(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	ctx.state.remember(form.code);
	const { session, state } = ctx;
	const factor = session.pendingFactors[0];
	if (!session.login || !factor || form.csrf !== session.csrf)
		return redirect(ctx.res, '/eu/login');
	const ok = state.codeMatches(session, (form.code ?? '').replace(/\s/g, ''));
	if (!ok)
		return verification(ctx, 'De code is onjuist. Controleer de code en probeer het opnieuw.');
	session.pendingFactors.shift();
	session.code = undefined;
	state.startFactor(session);
	redirect(ctx.res, session.pendingFactors.length ? '/eu/verificatie' : '/eu/facturen');
}

const euDate = (iso: string) => iso.split('-').reverse().join('-');
const euAmount = (n: number) =>
	`€ ${n.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function getInvoices(ctx: RequestContext): void {
	if (!ctx.state.isSignedIn(ctx.session))
		return redirect(ctx.res, ctx.session.login ? '/eu/verificatie' : '/eu/login');
	if (ctx.state.faults.offsiteRedirect) return redirect(ctx.res, ctx.state.faults.offsiteRedirect);
	const account = ctx.state.account(ctx.session.login)!;
	const wanted = ctx.url.searchParams.get('contract');
	const active = account.subAccounts.find((s) => s.id === wanted) ?? account.subAccounts[0];
	const all = ctx.state
		.documentsOf(account.login, active.id)
		.sort((a, b) => b.issueDate.localeCompare(a.issueDate));
	const size = ctx.state.options.pageSize;
	const pages = Math.max(1, Math.ceil(all.length / size));
	const pagina = Math.min(Math.max(1, Number(ctx.url.searchParams.get('pagina')) || 1), pages);
	ctx.state.listPagesServed.push({
		login: account.login,
		accountId: active.id,
		page: pagina,
		navigation: isNavigation(ctx.req),
	});
	const rows = all
		.slice((pagina - 1) * size, pagina * size)
		.map(
			(d) =>
				`<tr data-factuur-id="${esc(d.id)}"><td class="datum">${euDate(d.issueDate)}</td><td class="nummer">${esc(d.number)}</td><td class="soort">${TYPE_WORDS[d.type]}</td><td class="bedrag">${euAmount(d.amount)}</td><td><a class="pdf" href="/eu/facturen/${encodeURIComponent(d.id)}.pdf">PDF</a> <a href="/eu/facturen/${encodeURIComponent(d.id)}/betalen">Betalen</a> <a href="/eu/facturen/${encodeURIComponent(d.id)}/verwijderen">Verwijderen</a></td></tr>`,
		)
		.join('');
	const options = account.subAccounts
		.map(
			(s) =>
				`<option value="${esc(s.id)}"${s.id === active.id ? ' selected' : ''}>${esc(s.id)} – ${esc(s.label)}</option>`,
		)
		.join('');
	const next =
		pagina < pages
			? `<a rel="next" class="volgende" href="/eu/facturen?contract=${encodeURIComponent(active.id)}&amp;pagina=${pagina + 1}">Oudere facturen</a>`
			: '';
	sendHtml(
		ctx.res,
		page(
			'Facturen',
			`<h1>Uw facturen</h1>
<form method="get" action="/eu/facturen"><label for="contract">Contract</label><select id="contract" name="contract" onchange="this.form.submit()">${options}</select></form>
<table class="facturen"><thead><tr><th>Datum</th><th>Nummer</th><th>Soort</th><th>Bedrag</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<nav>${next}</nav>
<p><a href="/eu/contract/opzeggen">Contract opzeggen</a></p>`,
			true,
		),
	);
}

export function getPdf(ctx: RequestContext, id: string): void {
	if (!ctx.state.isSignedIn(ctx.session)) return redirect(ctx.res, '/eu/login');
	const doc = ctx.state.documents.find((d) => d.id === id && d.login === ctx.session.login);
	if (!doc) return sendHtml(ctx.res, page('Niet gevonden', '<h1>Niet gevonden</h1>'), 404);
	sendPdf(ctx, doc, 'factuur');
}

export function logout(ctx: RequestContext): void {
	ctx.state.sessions.delete(ctx.session.id);
	redirect(ctx.res, '/eu/login');
}
