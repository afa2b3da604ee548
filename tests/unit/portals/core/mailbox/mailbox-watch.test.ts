import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import {
	isMailboxError,
	type MailboxError,
} from '../../../../../portals/core/mailbox/mailbox-error';
import { mailboxFailure, waitForMail } from '../../../../../portals/core/mailbox/mailbox-watch';
import type { MailboxSettings } from '../../../../../portals/core/mailbox/mailbox-settings';

/**
 * The watcher's failures without a mail server: a port nobody listens on, a TLS handshake with a
 * server that speaks plain text, and a scripted IMAP peer that refuses the login. Reading mail
 * over real IMAP is the integration test's (tests/integration/mailbox/).
 */
const password = 'wrong-Pass-4711';
const settings = (port: number, over: Partial<MailboxSettings> = {}): MailboxSettings => ({
	host: '127.0.0.1',
	port,
	secure: false,
	user: 'anna@mailbox.example.net',
	password,
	timeoutSeconds: 5,
	...over,
});
const wait = (s: MailboxSettings, signal?: AbortSignal) =>
	waitForMail({
		settings: s,
		rules: { domains: ['portal.example.com'] },
		kind: 'code',
		since: new Date(),
		used: new Set(),
		signal,
	});

async function failure(promise: Promise<unknown>): Promise<MailboxError> {
	try {
		await promise;
	} catch (error) {
		if (isMailboxError(error)) return error;
		throw error;
	}
	throw new Error('expected a MailboxError');
}

async function listen(
	onConnection: (socket: Socket) => void,
): Promise<{ server: Server; port: number }> {
	const server = createServer(onConnection);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, port: (server.address() as AddressInfo).port };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** An IMAP server that greets, answers CAPABILITY and LOGOUT, and refuses every LOGIN. */
function refusingImap(socket: Socket): void {
	socket.write('* OK [CAPABILITY IMAP4rev1] Fake IMAP ready\r\n');
	let buffer = '';
	socket.on('data', (chunk) => {
		buffer += chunk.toString('latin1');
		for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
			const line = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			const [tag, command = ''] = line.split(' ');
			switch (command.toUpperCase()) {
				case 'CAPABILITY':
					socket.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
					break;
				case 'LOGIN':
					socket.write(`${tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`);
					break;
				case 'LOGOUT':
					socket.end(`* BYE\r\n${tag} OK bye\r\n`);
					break;
				default:
					socket.write(`${tag} BAD unknown\r\n`);
			}
		}
	});
	socket.on('error', () => undefined);
}

test('a refused login is login_failed, says what to check, and never holds the password', async () => {
	const { server, port } = await listen(refusingImap);
	try {
		const error = await failure(wait(settings(port)));
		expect(error.code).toBe('login_failed');
		expect(error.message).toMatch(/user name .* password/);
		expect(error.message).toMatch(/app password/);
		expect(error.message).not.toContain(password);
	} finally {
		await close(server);
	}
});

test('a closed port is unreachable, naming the host and port to check', async () => {
	const { server, port } = await listen(() => undefined);
	await close(server);
	const error = await failure(wait(settings(port)));
	expect(error.code).toBe('unreachable');
	expect(error.message).toContain(`127.0.0.1:${port}`);
	expect(error.message).toMatch(/connection refused/);
	expect(error.message).not.toContain(password);
});

test('TLS against a plain-text server is unreachable, and the message points at the TLS setting', async () => {
	const { server, port } = await listen(refusingImap);
	try {
		const error = await failure(wait(settings(port, { secure: true })));
		expect(error.code).toBe('unreachable');
		expect(error.message).toMatch(/TLS setting/);
	} finally {
		await close(server);
	}
});

test('an aborted wait rejects with the signal’s reason, not a mailbox error', async () => {
	// A server that accepts and then says nothing: the connection hangs in its greeting.
	const sockets: Socket[] = [];
	const { server, port } = await listen((socket) => {
		sockets.push(socket);
		socket.on('error', () => undefined);
	});
	try {
		const controller = new AbortController();
		const waiting = wait(settings(port), controller.signal);
		setTimeout(() => controller.abort(new Error('stopped by the run')), 200);
		await expect(waiting).rejects.toThrow('stopped by the run');
	} finally {
		sockets.forEach((socket) => socket.destroy());
		await close(server);
	}
});

test.each([
	[{ code: 'ENOTFOUND' }, 'unreachable', /not found .*host name/],
	[{ code: 'CONNECT_TIMEOUT' }, 'unreachable', /did not answer in time/],
	[{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'unreachable', /unauthorized certificates/],
	[{ authenticationFailed: true, message: 'Login is disabled' }, 'login_failed', /Switch TLS on/],
])('mailboxFailure(%j) → %s', (error, code, message) => {
	const mapped = mailboxFailure(error, settings(993), 'connect');
	expect(mapped.code).toBe(code);
	expect(mapped.message).toMatch(message);
});

test('a connection that breaks while waiting is unreachable, whatever the error says', () => {
	const mapped = mailboxFailure(
		Object.assign(new Error(`server said: ${password}`), { code: 'NoConnection' }),
		settings(993),
		'session',
	);
	expect(mapped.code).toBe('unreachable');
	expect(mapped.message).toMatch(/broke off/);
	expect(mapped.message).not.toContain(password);
});
