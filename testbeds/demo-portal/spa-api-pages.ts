/**
 * The two HTML pages of the /spa/ layout (spa-api-layout.ts): a sign-in page and the app. Both
 * are scripts only: the sign-in posts JSON, the app keeps its token in sessionStorage and sends it
 * as `Authorization: Bearer …` with its constant client header, shows its contracts as links, and
 * makes each PDF a blob: from the item's base64, or fetched from a signed address. No `<a href>` to a PDF
 * exists anywhere, as in the apps whose files only the API knows.
 *
 * The addresses come from one place (SpaAddresses): on two hosts (login host → app host) the
 * sign-in page hands the app a one-time code in the app's address (#handoff=…), which the app
 * exchanges for the token, because sessionStorage does not cross hosts.
 */
export interface SpaAddresses {
	/** The sign-in page. */
	login: string;
	/** The app's page (the documents). */
	app: string;
	/** The API's root, on the app's host. */
	api: string;
	/** The sign-in's JSON calls' root, on the login host (the API's root on one host). */
	loginApi?: string;
	/** The constant header every API call carries (the API refuses a call without it). */
	client: { name: string; value: string };
}

const STYLE = `<style>body{font-family:sans-serif;max-width:760px;margin:2rem auto}.error{color:#b00}table{width:100%;border-collapse:collapse}td{border-bottom:1px solid #ddd;padding:.3rem}</style>`;

export function loginPage(at: SpaAddresses): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo Billing – Sign in</title>${STYLE}</head>
<body><header><strong>Demo Billing</strong></header><main id="app"></main>
<script>
const LOGIN_API = ${JSON.stringify(at.loginApi ?? at.api)};
const APP = ${JSON.stringify(at.app)};
const app = document.getElementById('app');
let pending = '';
const post = (path, body) => fetch(LOGIN_API + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
function error(text) { if (!text) return ''; return '<p class="error" role="alert">' + text.replace(/[<>&]/g, '') + '</p>'; }
function showLogin(text) {
	app.innerHTML = '<h1>Sign in</h1>' + error(text) + '<label>Email <input id="email" type="email"></label><label>Password <input id="password" type="password"></label><button id="login">Sign in</button>';
	document.getElementById('login').onclick = () => post('/login', { username: document.getElementById('email').value, password: document.getElementById('password').value }).then(route);
}
function showCode(text) {
	app.innerHTML = '<h1>Two-step verification</h1><p class="hint">Enter the code from your authenticator app.</p>' + error(text) + '<input id="totp" inputmode="numeric" autocomplete="one-time-code"><button id="confirm">Confirm</button>';
	document.getElementById('confirm').onclick = () => post('/login/code', { pending, code: document.getElementById('totp').value }).then(route);
}
function route(answer) {
	if (answer.status === 'signedIn') { location.href = APP + '#handoff=' + encodeURIComponent(answer.handoff); return; }
	if (answer.status === 'code') { pending = answer.pending; return showCode(answer.error); }
	showLogin(answer.error);
}
showLogin();
</script></body></html>`;
}

export function appPage(at: SpaAddresses): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Demo Billing – Invoices</title>${STYLE}</head>
<body><header><strong>Demo Billing</strong> <span id="who"></span></header><nav id="contracts"></nav><main id="app">Loading…</main>
<script>
const API = ${JSON.stringify(at.api)};
const LOGIN = ${JSON.stringify(at.login)};
const CLIENT = ${JSON.stringify(at.client)};
const app = document.getElementById('app');
let contracts = [];
const call = (url, init = {}) => fetch(url, { ...init, headers: { ...(init.headers || {}), [CLIENT.name]: CLIENT.value, authorization: 'Bearer ' + sessionStorage.getItem('token') } });
async function start() {
	const handoff = new URLSearchParams(location.hash.slice(1)).get('handoff');
	if (handoff) {
		history.replaceState(null, '', location.pathname);
		const answer = await fetch(API + '/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ handoff }) }).then((r) => r.json());
		if (answer.token) sessionStorage.setItem('token', answer.token);
	}
	if (!sessionStorage.getItem('token')) { location.href = LOGIN; return; }
	const me = await call(API + '/me');
	if (me.status !== 200) { sessionStorage.removeItem('token'); location.href = LOGIN; return; }
	const who = await me.json();
	document.getElementById('who').innerHTML = '<span class="account-name"></span> <button class="sign-out" id="sign-out">Sign out</button>';
	document.querySelector('.account-name').textContent = who.name;
	document.getElementById('sign-out').onclick = () => { sessionStorage.removeItem('token'); location.href = LOGIN; };
	contracts = (await (await call(API + '/accounts')).json()).data;
	const nav = document.getElementById('contracts');
	for (const c of contracts) {
		const a = document.createElement('a');
		a.className = 'contract'; a.href = '#/contracts/' + encodeURIComponent(c.id); a.textContent = c.name + ' (' + c.id + ')';
		nav.appendChild(a); nav.appendChild(document.createTextNode(' '));
	}
	window.onhashchange = () => show(1);
	show(1);
}
/** The contract the address names (#/contracts/<id>), else the first. */
function contract() {
	const prefix = '#/contracts/';
	return location.hash.startsWith(prefix) ? decodeURIComponent(location.hash.slice(prefix.length)) : contracts[0] && contracts[0].id;
}
/** The item's file: inline base64, its address, or a signed address on the file host. */
async function fileOf(d) {
	if (d.document && d.document.content)
		return new Blob([Uint8Array.from(atob(d.document.content), (c) => c.charCodeAt(0))], { type: 'application/pdf' });
	if (d.files) return (await call(d.files.pdf)).blob();
	const { signedUrl } = await (await call(API + '/invoices/' + encodeURIComponent(d.id) + '/download')).json();
	return (await fetch(signedUrl)).blob();
}
function row(d) {
	const tr = document.createElement('tr');
	tr.className = 'invoice'; tr.dataset.id = d.id;
	for (const value of [d.date, d.number, d.kind, d.total.amount.toFixed(2) + ' ' + d.total.currency, d.account.id]) {
		const td = document.createElement('td'); td.textContent = value; tr.appendChild(td);
	}
	const button = document.createElement('button');
	button.textContent = 'Download'; button.className = 'download';
	button.onclick = async () => {
		const a = document.createElement('a');
		a.href = URL.createObjectURL(await fileOf(d)); a.download = d.number + '.pdf'; a.click();
	};
	const td = document.createElement('td'); td.appendChild(button); tr.appendChild(td);
	return tr;
}
async function show(page) {
	const list = await (await call(API + '/invoices?account=' + encodeURIComponent(contract()) + '&page=' + page)).json();
	app.innerHTML = '<h1>Invoices</h1><table><tbody id="rows"></tbody></table><p id="pager"></p>';
	list.data.forEach((d) => document.getElementById('rows').appendChild(row(d)));
	if (list.meta.next) {
		const next = document.createElement('button');
		next.textContent = 'Older invoices'; next.className = 'older';
		next.onclick = () => show(list.meta.next);
		document.getElementById('pager').appendChild(next);
	}
}
start();
</script></body></html>`;
}
