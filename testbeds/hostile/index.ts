import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { renderPdf } from '../demo-portal/pdf';

/**
 * The hostile-portal test bed (issue 35): a portal on 127.0.0.1 that signs in, lists three
 * documents and serves their PDFs like any small portal, unless a scenario ("mode") takes over a
 * request; and a second site on 127.0.0.2 that records every connection, request, header and body
 * it receives. A test asserts what the second site got (nothing, in every redirect scenario) and
 * what the run reported.
 *
 * A mode is a request handler tried before the portal's own routes: it answers the request (and
 * returns true) or leaves it to the portal (false). Modes live in files of their own beside this
 * one, by subject (`*-modes.ts`), and are passed to startHostile or switched with `use`.
 */

export const USERNAME = 'hostile-user';
/** A password no page of the test bed contains unless a mode echoes it. */
export const PASSWORD = 'Pw-hostile-5f1c9a2e';

export interface Recorded {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
}

export interface HostileContext {
	portal: string;
	other: string;
	username: string;
	password: string;
	/** The request's body (read before the mode runs; empty for GET). */
	body: string;
	/** Whether the request carries the session cookie of a signed-in user. */
	signedIn: boolean;
}

export interface HostileMode {
	name: string;
	handle(
		req: IncomingMessage,
		res: ServerResponse,
		ctx: HostileContext,
	): boolean | Promise<boolean>;
}

export interface Hostile {
	/** http://127.0.0.1:PORT */
	url: string;
	loginUrl: string;
	/** http://127.0.0.2:PORT, the recording site. */
	otherUrl: string;
	/** Every request the second site received, in order. */
	other: Recorded[];
	/** TCP connections the second site accepted (a request may never be completed). */
	otherConnections(): number;
	/** The portal's own request log (method and path). */
	portalRequests: { method: string; url: string }[];
	/** A definition for the portal (domains: this portal's host and port only). */
	definition(): Record<string, unknown>;
	/** The scenarios in force from now on (replacing the earlier ones). */
	use(...modes: HostileMode[]): void;
	stop(): Promise<void>;
}

export interface HostileOptions {
	modes?: HostileMode[];
	username?: string;
	password?: string;
	/** Where the second site listens: 127.0.0.2 unless told. */
	otherHost?: string;
}

const DOCS = [
	{ id: 'h1', number: 'RE-2026-0001', date: '2026-06-12', amount: '12.50' },
	{ id: 'h2', number: 'RE-2026-0002', date: '2026-07-12', amount: '13.75' },
	{ id: 'h3', number: 'RE-2026-0003', date: '2026-08-12', amount: '9.99' },
];

export function hostilePdf(id: string): Buffer {
	const doc = DOCS.find((d) => d.id === id);
	return renderPdf([`Hostile portal invoice ${doc?.number ?? id}`, `Amount ${doc?.amount ?? ''}`]);
}

export const hostileDocuments = DOCS;

function page(title: string, body: string): string {
	return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

export function loginPage(error = ''): string {
	return page(
		'Sign in',
		`<h1>Sign in</h1>${error ? `<p class="error">${error}</p>` : ''}
<form id="login" method="post" action="/login">
<label>User <input id="user" name="user" autocomplete="username"></label>
<label>Password <input id="pass" name="pass" type="password" autocomplete="current-password"></label>
<button id="signin" type="submit">Sign in</button></form>`,
	);
}

/** The documents page; `extra` is added at the end of the body. */
export function documentsPage(extra = ''): string {
	const rows = DOCS.map(
		(d) =>
			`<tr class="doc" data-id="${d.id}"><td class="date">${d.date}</td><td class="no">${d.number}</td><td class="amount">${d.amount} EUR</td><td><a class="pdf" href="/files/${d.id}.pdf">Download PDF</a></td></tr>`,
	).join('\n');
	return page(
		'Invoices',
		`<a class="sign-out" href="/logout">Sign out</a><h1>Invoices</h1>
<table id="documents"><thead><tr><th>Date</th><th>Number</th><th>Amount</th><th>File</th></tr></thead><tbody>
${rows}
</tbody></table>${extra}`,
	);
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function listen(server: Server, host: string): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => resolve((server.address() as AddressInfo).port));
	});
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
	for (const socket of sockets) socket.destroy();
	return new Promise((resolve) => server.close(() => resolve()));
}

function track(server: Server, sockets: Set<Socket>, onConnection?: () => void): void {
	server.on('connection', (socket) => {
		onConnection?.();
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
}

export async function startHostile(options: HostileOptions = {}): Promise<Hostile> {
	const username = options.username ?? USERNAME;
	const password = options.password ?? PASSWORD;
	const session = randomBytes(12).toString('hex');
	let modes = options.modes ?? [];
	const other: Recorded[] = [];
	const portalRequests: { method: string; url: string }[] = [];
	let otherConnections = 0;

	const otherSockets = new Set<Socket>();
	const otherServer = createServer(async (req, res) => {
		const body = await readBody(req);
		other.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
		// What a phishing copy would show: the logged-in marker and a "PDF" link.
		res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
		res.end(documentsPage());
	});
	track(otherServer, otherSockets, () => otherConnections++);
	const otherHost = options.otherHost ?? '127.0.0.2';
	const otherPort = await listen(otherServer, otherHost);
	const otherUrl = `http://${otherHost}:${otherPort}`;

	const sockets = new Set<Socket>();
	const server = createServer(async (req, res) => {
		portalRequests.push({ method: req.method ?? '', url: req.url ?? '' });
		const body = await readBody(req);
		const signedIn = (req.headers.cookie ?? '').includes(`sid=${session}`);
		const ctx: HostileContext = {
			portal: url,
			other: otherUrl,
			username,
			password,
			body,
			signedIn,
		};
		for (const mode of modes) if (await mode.handle(req, res, ctx)) return;
		route(req, res, ctx, session);
	});
	track(server, sockets);
	const port = await listen(server, '127.0.0.1');
	const url = `http://127.0.0.1:${port}`;

	return {
		url,
		loginUrl: `${url}/login`,
		otherUrl,
		other,
		otherConnections: () => otherConnections,
		portalRequests,
		definition: () => hostileDefinition(url, port),
		use: (...next) => {
			modes = next;
		},
		stop: async () => {
			await closeServer(server, sockets);
			await closeServer(otherServer, otherSockets);
		},
	};
}

/** The portal's own routes: sign-in, documents, files. */
function route(
	req: IncomingMessage,
	res: ServerResponse,
	ctx: HostileContext,
	session: string,
): void {
	const path = new URL(req.url ?? '/', ctx.portal).pathname;
	const html = (status: number, text: string, headers: Record<string, string> = {}) => {
		res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
		res.end(text);
	};
	if (path === '/' || (path === '/login' && req.method === 'GET'))
		return ctx.signedIn ? html(303, '', { location: '/documents' }) : html(200, loginPage());
	if (path === '/login' && req.method === 'POST') {
		const form = new URLSearchParams(ctx.body);
		if (form.get('user') === ctx.username && form.get('pass') === ctx.password)
			return html(303, '', {
				location: '/documents',
				'set-cookie': `sid=${session}; Path=/; HttpOnly; SameSite=Lax`,
			});
		return html(200, loginPage('The user name or password is incorrect.'));
	}
	if (!ctx.signedIn) return html(303, '', { location: '/login' });
	if (path === '/documents') return html(200, documentsPage());
	const file = /^\/files\/(h\d)\.pdf$/.exec(path);
	if (file && DOCS.some((d) => d.id === file[1])) {
		res.writeHead(200, { 'content-type': 'application/pdf' });
		return void res.end(hostilePdf(file[1]));
	}
	if (path === '/logout') return html(303, '', { location: '/login' });
	html(404, page('Not found', '<p>Not found</p>'));
}

function hostileDefinition(url: string, port: number): Record<string, unknown> {
	return {
		name: 'Hostile portal (test bed)',
		slug: 'hostile',
		version: 1,
		domains: [`127.0.0.1:${port}`],
		loginUrl: `${url}/login`,
		login: {
			steps: [
				{
					fields: [
						{ selector: '#user', value: 'username' },
						{ selector: '#pass', value: 'password' },
					],
					submit: '#signin',
				},
			],
			loggedIn: { selector: 'a.sign-out' },
			errors: { selector: 'p.error', wrongCredentials: ['incorrect'], locked: ['locked'] },
		},
		documents: {
			url: '/documents',
			rows: 'table#documents tbody tr.doc',
			fields: {
				issueDate: { selector: 'td.date', date: 'yyyy-MM-dd' },
				number: { selector: 'td.no' },
				amount: { selector: 'td.amount', amount: true, locale: 'en' },
			},
			id: { field: { attribute: 'data-id' } },
			download: { link: { selector: 'a.pdf', attribute: 'href' } },
		},
	};
}
