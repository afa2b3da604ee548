import type { IncomingMessage, ServerResponse } from 'node:http';

export const SESSION_COOKIE = 'dt_session';

export function cookies(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const part of (req.headers.cookie ?? '').split(';')) {
		const index = part.indexOf('=');
		if (index > 0)
			out[part.slice(0, index).trim()] = decodeURIComponent(part.slice(index + 1).trim());
	}
	return out;
}

export async function readForm(
	req: IncomingMessage,
	limit = 64 * 1024,
): Promise<Record<string, string>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new Error('form too large');
		chunks.push(chunk as Buffer);
	}
	const body = Buffer.concat(chunks).toString('utf8');
	if ((req.headers['content-type'] ?? '').includes('application/json'))
		return body ? JSON.parse(body) : {};
	return Object.fromEntries(new URLSearchParams(body));
}

export function sendHtml(
	res: ServerResponse,
	html: string,
	status = 200,
	headers: Record<string, string> = {},
): void {
	res.writeHead(status, {
		'content-type': 'text/html; charset=utf-8',
		'cache-control': 'no-store',
		...headers,
	});
	res.end(html);
}

export function sendJson(res: ServerResponse, value: unknown, status = 200): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(value, null, 2));
}

export function redirect(
	res: ServerResponse,
	location: string,
	headers: Record<string, string> = {},
	status = 303,
): void {
	res.writeHead(status, { location, 'cache-control': 'no-store', ...headers });
	res.end();
}

export function sessionCookie(id: string): Record<string, string> {
	return { 'set-cookie': `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax` };
}

/**
 * Whether a browser asked for this as a page to show (Sec-Fetch-Mode: navigate), not a script's
 * or a robot's fetch: tells a rendered list page from one read from the server's HTML.
 */
export function isNavigation(req: IncomingMessage): boolean {
	return req.headers['sec-fetch-mode'] === 'navigate';
}

export function isLoopback(req: IncomingMessage): boolean {
	const address = req.socket.remoteAddress ?? '';
	return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
