import { createServer, type Server } from 'node:net';

export interface CaughtMail {
	from: string;
	to: string[];
	/** The raw message (headers and MIME body) as sent. */
	raw: string;
}

/**
 * A minimal SMTP server on 127.0.0.1 that keeps every message: the e-mail node of the code
 * templates sends its real mail here, and the test reads the link the user would click. No TLS
 * and no authentication are offered, so the client sends plainly.
 */
export async function startSmtpCatcher(): Promise<{
	port: number;
	mails: CaughtMail[];
	close: () => Promise<void>;
}> {
	const mails: CaughtMail[] = [];
	const server: Server = createServer((socket) => {
		let buffer = '';
		let data = false;
		let mail: CaughtMail = { from: '', to: [], raw: '' };
		const reply = (line: string) => socket.write(`${line}\r\n`);
		reply('220 catcher.test ESMTP');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			let index: number;
			while ((index = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 2);
				if (data) {
					if (line === '.') {
						data = false;
						mails.push(mail);
						mail = { from: '', to: [], raw: '' };
						reply('250 OK queued');
					} else mail.raw += `${line.startsWith('..') ? line.slice(1) : line}\n`;
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'MAIL') mail.from = line.slice(10).trim();
				if (verb === 'RCPT') mail.to.push(line.slice(8).trim());
				if (verb === 'DATA') {
					data = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else reply(verb === 'EHLO' || verb === 'HELO' ? '250 catcher.test' : '250 OK');
			}
		});
		socket.on('error', () => undefined);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as { port: number };
	return { port, mails, close: () => new Promise((r) => server.close(() => r())) };
}

/** The text part of a caught mail, quoted-printable decoded. */
export function mailText(mail: CaughtMail): string {
	return mail.raw
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
