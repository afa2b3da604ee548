import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runPortal } from '../../../portals/core/run/portal-run';
import type { AutomaticLearned } from '../../../portals/discovery/automatic-adapter';
import { automaticPortal } from '../../../portals/discovery/automatic-portal';

/**
 * An app that takes its time to sign in, as Directus does on a busy machine: the form stays on
 * screen (its button saying "Signing in…") while the server checks the password, the app then
 * moves to its own page, shows "Loading…" and only later draws its menu. Discovery must wait
 * for the page to decide instead of calling the form it still sees a refusal without a message,
 * and must learn the signed-in page from what it shows (its menu), not from the address it
 * landed on: the app lands wherever the user last was, so the next sign-in ends elsewhere.
 */
const USER = 'clerk@example.test';
const PASSWORD = 'slow-horse-battery';
const CHECK_MS = 2_500;
const DRAW_MS = 1_500;

const APP = `
const app = document.getElementById('app');
function drawLogin(message) {
	app.innerHTML = '<form id="f"><label>E-mail <input type="email" id="email"></label>' +
		'<label>Password <input type="password" id="pw"></label>' +
		'<button type="submit" id="go">Sign in</button></form>' +
		(message ? '<div role="alert">' + message + '</div>' : '');
	document.getElementById('f').addEventListener('submit', async (event) => {
		event.preventDefault();
		const go = document.getElementById('go');
		go.disabled = true;
		go.textContent = 'Signing in…';
		const answer = await fetch('/api/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: document.getElementById('email').value, password: document.getElementById('pw').value }),
		});
		if (!answer.ok) return drawLogin('Wrong e-mail or password.');
		const { landing } = await answer.json();
		history.pushState(null, '', landing);
		app.innerHTML = '<p>Loading your workspace…</p>';
		setTimeout(() => drawSignedIn(landing), ${DRAW_MS});
	});
}
function drawSignedIn(path) {
	app.innerHTML = '<nav class="menu"><a href="/app/home">Home</a> <a href="/app/files">Files</a></nav>' +
		'<main><h1>' + (path === '/app/files' ? 'Files' : 'Home') + '</h1></main>';
}
(async () => {
	if (location.pathname === '/app/login') return drawLogin();
	const me = await fetch('/api/me');
	if (!me.ok) { history.replaceState(null, '', '/app/login'); return drawLogin(); }
	drawSignedIn(location.pathname);
})();
`;

let server: Server;
let origin = '';
let signIns = 0;

beforeAll(async () => {
	server = createServer((req, res) => {
		if (req.method === 'POST' && req.url === '/api/login') {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () =>
				setTimeout(() => {
					const { email, password } = JSON.parse(body) as Record<string, string>;
					if (email !== USER || password !== PASSWORD) {
						res.statusCode = 401;
						res.end('{}');
						return;
					}
					// Like Directus, the app opens where the user last was: home the first time only.
					const landing = signIns++ === 0 ? '/app/home' : '/app/files';
					res.setHeader('set-cookie', 'sid=signed-in; Path=/; HttpOnly');
					res.setHeader('content-type', 'application/json');
					res.end(JSON.stringify({ landing }));
				}, CHECK_MS),
			);
			return;
		}
		if (req.url === '/api/me') {
			res.statusCode = req.headers.cookie?.includes('sid=signed-in') ? 200 : 401;
			return res.end('{}');
		}
		if (req.url?.startsWith('/app/')) {
			res.setHeader('content-type', 'text/html');
			return res.end(
				`<!doctype html><html lang="en"><head><title>Ledger</title></head><body><div id="app">Loading…</div><script>${APP}</script></body></html>`,
			);
		}
		res.statusCode = 404;
		return res.end();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	if (!server) return undefined;
	server.closeAllConnections();
	return new Promise((resolve) => server.close(resolve));
});

const check = (password: string, learned?: unknown) =>
	runPortal({
		portal: automaticPortal({ loginUrl: `${origin}/app/login` }),
		credentials: { username: USER, password },
		mode: 'check',
		learned,
	});

test('a sign-in the server takes its time over is waited for; the signed-in page is known by its menu, so a later sign-in landing elsewhere still counts', async () => {
	const first = await check(PASSWORD);
	expect({ status: first.status, reason: first.reason, message: first.message }).toEqual({
		status: 'connected',
		reason: undefined,
		message: 'Connected.',
	});
	const loggedIn = (first.learned as AutomaticLearned).login!.loggedIn!;
	expect(loggedIn.selector).toBeTruthy();
	expect(loggedIn.urlContains).toBeUndefined();

	// The app now opens its Files page after signing in: the kept definition still knows it.
	const again = await check(PASSWORD, first.learned);
	expect({ status: again.status, reason: again.reason }).toEqual({
		status: 'connected',
		reason: undefined,
	});
	expect(signIns).toBe(2);
	expect(again.discovery?.join('\n') ?? '').not.toMatch(/no longer matches/);
	expect(JSON.stringify([first, again])).not.toContain(PASSWORD);
}, 90_000);

test('a wrong password the server takes its time over is the message the app then shows, not a changed layout', async () => {
	const refused = await check('not-the-password');
	expect({ status: refused.status, reason: refused.reason }).toEqual({
		status: 'login_failed',
		reason: 'WRONG_CREDENTIALS',
	});
	expect(refused.message).toMatch(/Wrong e-mail or password/);
}, 90_000);
