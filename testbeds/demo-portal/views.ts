import { DateTime } from 'luxon';
import type { OutboxMessage } from './state';
import type { DemoDocType, DemoDocument, SeedAccount, SeedSubAccount } from './seed';
import { widgetHtml } from './recaptcha';

export function esc(value: unknown): string {
	return String(value ?? '').replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
	);
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f9;color:#1d2330}
.topbar{display:flex;justify-content:space-between;align-items:center;background:#5b2a86;color:#fff;padding:12px 24px}
.topbar a{color:#fff;margin-left:16px;text-decoration:none}.brand{font-weight:700;font-size:20px;margin:0!important}
main{max-width:980px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 1px 4px #0002}
label{display:block;margin:12px 0 4px}input,select{padding:8px;font-size:15px;min-width:260px}
button{padding:8px 16px;margin-top:12px;cursor:pointer}.alert{padding:10px 14px;border-radius:6px;margin:12px 0}
.alert-error{background:#fde8e8;color:#8a1c1c}.alert-info{background:#e8f0fd;color:#1c3f8a}
table{width:100%;border-collapse:collapse;margin-top:16px}th,td{text-align:left;padding:8px;border-bottom:1px solid #e3e6ea}
.danger{background:#c62828;color:#fff;border:0}.pager a{margin-right:12px}.muted{color:#667}`;

export function layout(title: string, body: string, user?: { name: string }): string {
	const nav = user
		? `<nav><a href="/dashboard">Overview</a><a href="/invoices">Invoices</a><span class="user">${esc(user.name)}</span><a href="/logout">Log out</a></nav>`
		: `<nav><a href="/login">Log in</a></nav>`;
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Demo Telecom</title><style>${STYLE}</style></head>
<body><header class="topbar"><a class="brand" href="/">Demo Telecom</a>${nav}</header><main>${body}</main>
<footer class="muted" style="text-align:center">Demo Telecom is a demonstration portal of n8n-nodes-invoice-portals. <a href="/outbox">Sent codes</a></footer></body></html>`;
}

const alert = (kind: 'error' | 'info', text?: string) =>
	text ? `<div class="alert alert-${kind}" role="alert">${esc(text)}</div>` : '';

export function loginView(p: {
	csrf: string;
	error?: string;
	notice?: string;
	captcha?: boolean;
	tokenCaptcha?: boolean;
	username?: string;
	sso?: boolean;
}): string {
	const captcha = p.captcha
		? `<div class="captcha"><label for="captcha">Type the characters in the image</label><img id="captcha-image" src="/captcha.svg" alt="Security check" width="180" height="60"><br><input id="captcha" name="captcha" autocomplete="off" required></div>`
		: '';
	return layout(
		'Log in',
		`<h1>Log in to My Demo Telecom</h1>${alert('error', p.error)}${alert('info', p.notice)}
<form method="post" action="/login" id="login-form"><input type="hidden" name="csrf" value="${esc(p.csrf)}">
<label for="username">E-mail address</label><input id="username" name="username" type="email" autocomplete="username" value="${esc(p.username)}" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
${captcha}${p.tokenCaptcha ? widgetHtml() : ''}<button type="submit">Log in</button></form>
${p.sso ? '<p class="sso">Does your company sign you in? <a id="sso" href="/sso/start">Sign in with SSO</a></p>' : ''}`,
	);
}

/** The passwordless login: the e-mail address only; the portal sends a sign-in link. */
export function linkLoginView(p: { csrf: string; error?: string; username?: string }): string {
	return layout(
		'Sign in with a link',
		`<h1>Sign in with a link</h1>${alert('error', p.error)}<p>No password needed: we e-mail you a link that signs you in.</p>
<form method="post" action="/login/link" id="link-form"><input type="hidden" name="csrf" value="${esc(p.csrf)}">
<label for="email">E-mail address</label><input id="email" name="email" type="email" autocomplete="username" value="${esc(p.username)}" required>
<button type="submit">E-mail me a sign-in link</button></form><p><a href="/login">Log in with a password instead</a></p>`,
	);
}

export function linkSentView(to: string): string {
	return layout(
		'Check your inbox',
		`<h1 id="link-sent">Check your inbox</h1><p class="prompt">We sent a sign-in link by e-mail to ${esc(to)}. Open it on this device within 5 minutes.</p><p><a href="/login/link">Send a new link</a></p>`,
	);
}

export function verifyView(p: {
	csrf: string;
	prompt: string;
	error?: string;
	notice?: string;
}): string {
	return layout(
		'Verification',
		`<h1>Two-step verification</h1><p class="prompt">${esc(p.prompt)}</p>${alert('error', p.error)}${alert('info', p.notice)}
<form method="post" action="/login/verify" id="verify-form"><input type="hidden" name="csrf" value="${esc(p.csrf)}">
<label for="code">Verification code</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8" required>
<button type="submit">Verify</button></form><p><a href="/login">Use another account</a></p>`,
	);
}

export const INTERSTITIALS = {
	terms: {
		path: '/terms',
		title: 'Updated terms and conditions',
		text: 'Our terms and conditions have changed. Please read and accept them to continue using My Demo Telecom.',
		button: 'Accept the new terms',
	},
	password: {
		path: '/password-expired',
		title: 'Your password has expired',
		text: 'For your security, choose a new password before you continue.',
		button: 'Save new password',
	},
	payment: {
		path: '/payment-details',
		title: 'Update your payment details',
		text: 'Your payment method has expired. Enter new payment details to continue.',
		button: 'Save payment details',
	},
} as const;

export function interstitialView(
	kind: keyof typeof INTERSTITIALS,
	csrf: string,
	user: { name: string },
): string {
	const i = INTERSTITIALS[kind];
	const fields =
		kind === 'password'
			? '<label for="new-password">New password</label><input id="new-password" name="newPassword" type="password">'
			: kind === 'payment'
				? '<label for="iban">IBAN</label><input id="iban" name="iban">'
				: '';
	return layout(
		i.title,
		`<h1 class="interstitial" data-kind="${kind}">${esc(i.title)}</h1><p>${esc(i.text)}</p>
<form method="post" action="${i.path}"><input type="hidden" name="csrf" value="${esc(csrf)}">${fields}<button type="submit">${esc(i.button)}</button></form>`,
		user,
	);
}

const TYPE_WORDS: Record<DemoDocType, string> = {
	invoice: 'Invoice',
	credit_note: 'Credit note',
	reminder: 'Payment reminder',
	statement: 'Statement',
};
const displayDate = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('d LLL yyyy');
const money = (amount: number, currency: string) =>
	`${currency === 'EUR' ? '€' : currency} ${amount.toFixed(2)}`;

export function dashboardView(account: SeedAccount, csrf: string, open: DemoDocument[]): string {
	const rows = open.map(
		(d) => `<li>${esc(d.number)} — ${money(d.amount, d.currency)} due ${displayDate(d.dueDate)}
<form method="post" action="/invoices/${d.id}/pay" style="display:inline"><input type="hidden" name="csrf" value="${esc(csrf)}"><button class="danger">Pay now</button></form></li>`,
	);
	return layout(
		'Overview',
		`<h1>Welcome, ${esc(account.name)}</h1><h2>Open invoices</h2><ul>${rows.join('') || '<li>Nothing to pay.</li>'}</ul>
<p><a href="/invoices">All invoices and documents</a></p>
<h2>Your contract</h2><form method="post" action="/contract/cancel"><input type="hidden" name="csrf" value="${esc(csrf)}"><button class="danger">Cancel contract</button></form>
<p class="muted"><a href="/contract/cancel">Cancel contract</a> · <a href="/newsletter/unsubscribe">Unsubscribe from the newsletter</a></p>`,
		account,
	);
}

export interface InvoicesPage {
	account: SeedAccount;
	active: SeedSubAccount;
	csrf: string;
	docs: DemoDocument[];
	page: number;
	pages: number;
	from?: string;
	to?: string;
	/** Export buttons without a form: a script posts one when clicked (only a click downloads). */
	scriptedExports?: boolean;
}

// For scripted exports: builds and posts the export form on click, as single-page portals do.
const EXPORT_SCRIPT = `<script>document.addEventListener('click', function (e) {
	var b = e.target.closest('button.export'); if (!b) return;
	var f = document.createElement('form'); f.method = 'post'; f.action = b.dataset.export;
	var i = document.createElement('input'); i.type = 'hidden'; i.name = 'csrf'; i.value = b.dataset.csrf;
	f.appendChild(i); document.body.appendChild(f); f.submit(); f.remove();
});</script>`;

export function invoicesView(p: InvoicesPage): string {
	const options = p.account.subAccounts
		.map(
			(s) =>
				`<option value="${esc(s.id)}"${s.id === p.active.id ? ' selected' : ''}>${esc(s.id)} — ${esc(s.label)}</option>`,
		)
		.join('');
	const hidden = `<input type="hidden" name="csrf" value="${esc(p.csrf)}">`;
	const rows = p.docs.map((d) => {
		// Statements are exported through a POST form (no direct link), as many portals do.
		const exportButton = p.scriptedExports
			? `<button type="button" class="download export" data-export="/invoices/${d.id}/export" data-csrf="${esc(p.csrf)}">Download</button>`
			: `<form method="post" action="/invoices/${d.id}/export" class="export">${hidden}<button class="download">Download</button></form>`;
		const download =
			d.type === 'statement'
				? exportButton
				: `<a class="download" href="/invoices/${d.id}/download">Download PDF</a>`;
		// The GET links beside the buttons (pay, delete) are just as forbidden: a crawler must
		// not follow them (the demo records a visit as a violation).
		const pay = d.paid
			? ''
			: `<form method="post" action="/invoices/${d.id}/pay" style="display:inline">${hidden}<button class="danger">Pay now</button></form>`;
		return `<tr data-id="${esc(d.id)}"><td>${displayDate(d.issueDate)}</td><td>${esc(d.number)}</td><td>${TYPE_WORDS[d.type]}</td><td>${esc(d.title)}</td>
<td>${displayDate(d.dueDate)}</td><td class="amount">${money(d.amount, d.currency)}</td><td>${d.paid ? 'Paid' : 'Open'}</td>
<td>${download} ${pay}<form method="post" action="/invoices/${d.id}/delete" style="display:inline">${hidden}<button class="danger">Delete</button></form>
${d.paid ? '' : `<a class="danger" href="/invoices/${d.id}/pay">Pay</a> `}<a class="danger" href="/invoices/${d.id}/delete">Delete</a></td></tr>`;
	});
	const query = (page: number) =>
		`/invoices?page=${page}${p.from ? `&from=${p.from}` : ''}${p.to ? `&to=${p.to}` : ''}`;
	const pager = `<div class="pager">${p.page > 1 ? `<a rel="prev" href="${query(p.page - 1)}">Previous</a>` : ''}<span>Page ${p.page} of ${Math.max(1, p.pages)}</span>${p.page < p.pages ? ` <a rel="next" href="${query(p.page + 1)}">Next</a>` : ''}</div>`;
	return layout(
		'Invoices',
		`<h1>Invoices and documents</h1>
<form method="post" action="/account/switch" id="account-switch">${hidden}<label for="account">Customer number</label><select id="account" name="account" onchange="this.form.submit()">${options}</select><noscript><button>Show</button></noscript></form>
<form method="get" action="/invoices" id="date-filter"><label>Issued from <input type="date" name="from" value="${esc(p.from)}"></label><label>to <input type="date" name="to" value="${esc(p.to)}"></label><button>Filter</button></form>
<table id="documents"><thead><tr><th>Date</th><th>Number</th><th>Type</th><th>Description</th><th>Due</th><th>Amount</th><th>Status</th><th></th></tr></thead>
<tbody>${rows.join('\n') || '<tr class="empty"><td colspan="8">No documents in this period.</td></tr>'}</tbody></table>${pager}${p.scriptedExports ? EXPORT_SCRIPT : ''}`,
		p.account,
	);
}

export function outboxView(messages: OutboxMessage[]): string {
	const rows = messages
		.slice()
		.reverse()
		.map(
			(m) =>
				`<tr><td>${esc(m.at)}</td><td>${m.channel.toUpperCase()}</td><td>${esc(m.to)}</td><td class="code">${esc(m.code)}</td><td>${esc(m.text)}</td></tr>`,
		);
	return layout(
		'Sent codes',
		`<h1>Sent codes</h1><p class="muted">A real portal sends these by SMS or e-mail. The demo shows them here so that you can try two-step verification.</p>
<table><thead><tr><th>When</th><th>Channel</th><th>To</th><th>Code</th><th>Message</th></tr></thead><tbody>${rows.join('') || '<tr><td colspan="5">Nothing sent yet.</td></tr>'}</tbody></table>`,
	);
}
