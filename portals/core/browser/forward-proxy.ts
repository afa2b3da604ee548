import {
	Agent,
	createServer,
	request as upstreamRequest,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { loopbackLookup } from '../http/loopback-names';

/**
 * A browser context's own forward proxy (Playwright's per-context `proxy`): every request of the
 * context, every redirect hop included, comes here before any connection to a site is opened.
 * Playwright's route handlers never see redirect hops (it follows them by itself), so without
 * this a login form's POST answered with `307 Location: <another site>` would be repeated there,
 * password and all. Here a request to an address outside the run's boundary is answered with a
 * small refusal page and nothing is sent anywhere.
 *
 * It also keeps rendered pages to a size: a page (a document or frame the browser is to show)
 * over `maxPageBytes` never reaches the browser, which would otherwise hold it whole and hand it
 * whole to whoever reads the page. Files the browser downloads stream through (their cap is the
 * download's, see http/download.ts). HTTPS goes through as an opaque tunnel (CONNECT):
 * its host and port are checked, its contents cannot be, so an HTTPS page the browser renders
 * is not held to the page cap here.
 */
export interface ProxyRules {
	/** Whether the run may send anything to this address (the run's originGuard). */
	allows(url: URL): boolean;
	/** A refused request for a page to show (not a picture or script): where it would have gone. */
	refusedPage(url: URL): void;
	maxPageBytes: number;
	/** A page refused for its size: where it came from. */
	oversizedPage(url: URL): void;
	/** A page whose server could not be reached (refused, unknown host): where, and why. */
	unreachablePage(url: URL, error: NodeJS.ErrnoException): void;
}

export interface ForwardProxy {
	/** For Playwright's `proxy.server`: http://127.0.0.1:PORT */
	server: string;
	close(): Promise<void>;
}

// Headers about one connection, not the request (RFC 9110 7.6.1); the proxy makes its own.
const HOP_BY_HOP = new Set([
	'connection',
	'proxy-connection',
	'keep-alive',
	'proxy-authenticate',
	'proxy-authorization',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
	const named = String(headers.connection ?? '')
		.toLowerCase()
		.split(',')
		.map((h) => h.trim());
	return Object.fromEntries(
		Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.includes(name)),
	);
}

/** A request for something the browser shows as a page (not a picture, script or fetch). */
export function wantsPage(headers: IncomingHttpHeaders): boolean {
	const dest = headers['sec-fetch-dest'];
	// Chromium sends Sec-Fetch-Dest to trustworthy origins only; elsewhere a navigation's Accept says it.
	if (typeof dest === 'string') return ['document', 'iframe', 'frame'].includes(dest);
	return /^(text\/html|application\/xhtml\+xml)/.test(String(headers.accept ?? ''));
}

/** A request for the tab's own page (not a frame in it): its failure is the page's failure. */
function wantsTopPage(headers: IncomingHttpHeaders): boolean {
	const dest = headers['sec-fetch-dest'];
	return typeof dest === 'string' ? dest === 'document' : wantsPage(headers);
}

/** An answer the browser renders (markup or text), not a file it downloads. */
export function isPageAnswer(headers: IncomingHttpHeaders): boolean {
	if (/^\s*attachment/i.test(String(headers['content-disposition'] ?? ''))) return false;
	const type = String(headers['content-type'] ?? '').toLowerCase();
	return !type || /^(text\/|application\/(xhtml\+)?xml|image\/svg)/.test(type);
}

const REFUSAL = (what: string) =>
	`<!doctype html><html><head><meta charset="utf-8"><title>Refused</title></head><body><p>${what}</p></body></html>`;

function answer(res: ServerResponse, status: number, what: string): void {
	if (res.headersSent) return void res.destroy();
	res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', connection: 'close' });
	res.end(REFUSAL(what));
}

/** The address an absolute-form proxy request names, if it is one this proxy forwards. */
function target(req: IncomingMessage): URL | undefined {
	try {
		const url = new URL(req.url ?? '');
		return url.protocol === 'http:' ? url : undefined;
	} catch {
		return undefined;
	}
}

/** The host and port of a CONNECT request ("portal.example:443"), as an address the guard reads. */
function tunnelTarget(authority: string | undefined): { host: string; port: number } | undefined {
	try {
		const url = new URL(`http://${authority ?? ''}`);
		const port = Number(url.port || 443);
		return url.hostname ? { host: url.hostname.replace(/^\[|\]$/g, ''), port } : undefined;
	} catch {
		return undefined;
	}
}

export async function startForwardProxy(rules: ProxyRules): Promise<ForwardProxy> {
	// `*.localhost` names are loopback (RFC 6761), as Chromium itself resolves them.
	const agent = new Agent({ keepAlive: true, lookup: loopbackLookup });
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => forward(req, res, rules, agent));
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) =>
		tunnel(req, socket, head, rules),
	);
	server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
		upgrade(req, socket, head, rules),
	);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	return {
		server: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				agent.destroy();
				server.close(() => resolve());
			}),
	};
}

/** A plain-HTTP request: checked, then sent on; a page's answer is counted before it is passed back. */
function forward(req: IncomingMessage, res: ServerResponse, rules: ProxyRules, agent: Agent): void {
	const url = target(req);
	if (!url) return answer(res, 400, 'This proxy forwards http:// requests of its browser only.');
	const page = wantsPage(req.headers);
	if (!rules.allows(url)) {
		// Checked before any connection: the form's fields (read or not) go nowhere.
		if (page) rules.refusedPage(url);
		req.resume();
		return answer(res, 403, 'Refused: this address is outside the portal.');
	}
	const out = upstreamRequest({
		agent,
		host: url.hostname.replace(/^\[|\]$/g, ''),
		port: url.port || 80,
		method: req.method,
		path: `${url.pathname}${url.search}`,
		headers: endToEnd(req.headers),
	});
	out.on('response', (back) => {
		if (page && isPageAnswer(back.headers)) return passPage(back, res, url, rules);
		res.writeHead(back.statusCode ?? 502, back.statusMessage, endToEnd(back.headers));
		back.pipe(res);
	});
	out.on('error', (error) => {
		if (wantsTopPage(req.headers)) rules.unreachablePage(url, error);
		// As without a proxy: the browser meets a connection that failed, not a page of ours (an
		// image or a script that could not load stays a broken image or script).
		res.destroy();
	});
	res.on('close', () => {
		if (!res.writableFinished) out.destroy();
	});
	req.pipe(out);
}

/**
 * Passes a page back only once it is known to be within the cap: a declared length over it is
 * refused at once, an undeclared one is held (up to the cap) until it ends. A page over the cap
 * reaches the browser as a short refusal page instead, and the run is told.
 */
function passPage(back: IncomingMessage, res: ServerResponse, url: URL, rules: ProxyRules): void {
	let refused = false;
	const tooLarge = () => {
		if (refused) return;
		refused = true;
		back.destroy();
		rules.oversizedPage(url);
		answer(res, 502, 'Refused: the portal sent a page larger than this run reads.');
	};
	if (Number(back.headers['content-length'] ?? 0) > rules.maxPageBytes) return tooLarge();
	const chunks: Buffer[] = [];
	let size = 0;
	back.on('data', (chunk: Buffer) => {
		size += chunk.length;
		if (size > rules.maxPageBytes) return tooLarge();
		chunks.push(chunk);
	});
	back.on('end', () => {
		if (refused || res.headersSent) return;
		const headers = endToEnd(back.headers);
		headers['content-length'] = String(size);
		res.writeHead(back.statusCode ?? 502, back.statusMessage, headers);
		res.end(Buffer.concat(chunks));
	});
	back.on('error', () => answer(res, 502, 'The portal broke off the page.'));
}

/** An HTTPS (or WebSocket) tunnel: its host and port checked before it is opened. */
function tunnel(req: IncomingMessage, socket: Socket, head: Buffer, rules: ProxyRules): void {
	const to = tunnelTarget(req.url);
	socket.on('error', () => undefined);
	if (!to || !tunnelAllowed(to, rules)) {
		socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
		return;
	}
	const upstream = connect({ port: to.port, host: to.host, lookup: loopbackLookup }, () => {
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head.length) upstream.write(head);
		upstream.pipe(socket);
		socket.pipe(upstream);
	});
	upstream.on('error', () => socket.destroy());
	socket.on('close', () => upstream.destroy());
}

/**
 * A tunnel may only reach a host and port the run may visit: an https origin there, or an http
 * one (Chromium tunnels ws:// through CONNECT too); either way the bytes go to that same server.
 */
function tunnelAllowed(to: { host: string; port: number }, rules: ProxyRules): boolean {
	const host = to.host.includes(':') ? `[${to.host}]` : to.host;
	return ['https', 'http'].some((scheme) =>
		rules.allows(new URL(`${scheme}://${host}:${to.port}/`)),
	);
}

/** A WebSocket upgrade sent to the proxy in absolute form: checked, then joined to the server. */
function upgrade(req: IncomingMessage, socket: Socket, head: Buffer, rules: ProxyRules): void {
	const url = target(req);
	socket.on('error', () => undefined);
	if (!url || !rules.allows(url)) {
		socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
		return;
	}
	const host = url.hostname.replace(/^\[|\]$/g, '');
	const upstream = connect({ port: Number(url.port || 80), host, lookup: loopbackLookup }, () => {
		// The upgrade's own Connection and Upgrade headers stay: they are the request.
		const lines: string[] = [];
		for (let i = 0; i < req.rawHeaders.length; i += 2)
			if (!/^proxy-/i.test(req.rawHeaders[i]))
				lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
		upstream.write(
			`${req.method} ${url.pathname}${url.search} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`,
		);
		if (head.length) upstream.write(head);
		upstream.pipe(socket);
		socket.pipe(upstream);
	});
	upstream.on('error', () => socket.destroy());
	socket.on('close', () => upstream.destroy());
}
