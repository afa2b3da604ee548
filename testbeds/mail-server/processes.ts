import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * Running the daemons (Postfix's master and the two Dovecots) as the test's children, and
 * making sure none outlives the test.
 *
 * Each daemon is started detached, so it leads its own process group and every process it
 * forks (Postfix's smtpd, qmgr, lmtp ...; Dovecot's imap-login, imap, auth, lmtp ...) is in
 * that group: one signal to the group reaches them all, and the leftover check looks for the
 * group. A watchdog shell, also the test's child, checks every second that the test process
 * is alive and, once it is gone (a Jest worker killed hard), ends the groups and removes the
 * test bed's folder.
 */
export interface Daemon {
	name: string;
	pid: number;
	exited: Promise<void>;
	hasExited(): boolean;
	/** What the daemon wrote to stdout and stderr (its log proper goes to a file). */
	output(): string;
}

/**
 * The name prefix of this test run's mail server folders. The daemons are started with their
 * configuration path in their arguments, so the prefix in `ps` tells this run's daemons apart
 * from another run's (a CI run beside a developer's): the suite's global teardown looks for it.
 * (Dovecot re-executes itself with a cleaned environment, so the run's environment cannot be
 * read from its process, as it is for Chromium.)
 */
export function mailServerDirPrefix(): string {
	const run = process.env.INVOICE_PORTALS_SCAN_DIR ?? 'outside-jest';
	return `invoice-portals-mail-${createHash('sha256').update(run).digest('hex').slice(0, 8)}-`;
}

/** A daemon ended while starting (a port taken meanwhile, or its configuration refused). */
export class DaemonStoppedError extends Error {}

const groups = new Set<number>();
process.on('exit', () => {
	for (const pgid of groups) signalGroup(pgid, 'SIGTERM');
});

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		// already gone
	}
}

export function startDaemon(name: string, command: string, args: string[]): Daemon {
	const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	if (child.pid === undefined) throw new Error(`${name} could not be started (${command})`);
	const pid = child.pid;
	groups.add(pid);
	let output = '';
	const collect = (chunk: Buffer) => {
		if (output.length < 20_000) output += chunk.toString();
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	let done = false;
	const exited = new Promise<void>((resolve) =>
		child.once('exit', () => {
			done = true;
			resolve();
		}),
	);
	return { name, pid, exited, hasExited: () => done, output: () => output };
}

// Run by /bin/sh (dash on Debian), whose kill takes a negative pid (a process group) without
// "--". SIGTERM lets each master end its own workers; SIGKILL 3 seconds later ends what stayed.
const WATCHDOG = `
while kill -0 "$PPID" 2>/dev/null; do sleep 1; done
for g in "$@"; do kill -TERM "-$g" 2>/dev/null; done
sleep 3
for g in "$@"; do kill -KILL "-$g" 2>/dev/null; done
rm -rf "$MAIL_SERVER_DIR"
`;

/** The watchdog for these daemons' groups; returns what stops it (when the test stops them). */
export function startWatchdog(dir: string, daemons: Daemon[]): () => void {
	const child = spawn(
		'/bin/sh',
		['-c', WATCHDOG, 'watchdog', ...daemons.map((d) => String(d.pid))],
		{
			detached: true,
			stdio: 'ignore',
			env: { PATH: process.env.PATH ?? '/usr/bin:/bin', MAIL_SERVER_DIR: dir },
		},
	);
	child.unref();
	const pid = child.pid!;
	groups.add(pid);
	return () => {
		groups.delete(pid);
		// Its group: the shell and the `sleep` it may be waiting in.
		signalGroup(pid, 'SIGKILL');
	};
}

/**
 * The processes still alive in these process groups: pid and command line. Zombies (ended,
 * waiting for init to collect their exit status) do not count: they run nothing.
 */
export function processesInGroups(pgids: number[]): string[] {
	const ps = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
	return ps
		.split('\n')
		.map((line) => line.trim().split(/\s+/))
		.filter(([pid, pgid, stat]) => pid && pgids.includes(Number(pgid)) && !stat.startsWith('Z'))
		.map(([pid, , , ...args]) => `${pid} ${args.join(' ')}`);
}

/**
 * Ends the daemons: SIGTERM to each one (each ends its own children), then waits until their
 * groups are empty; whatever is left after 5 seconds gets SIGKILL, and if even that stays,
 * this throws with the list.
 */
export async function stopDaemons(daemons: Daemon[]): Promise<void> {
	const pgids = daemons.map((d) => d.pid);
	for (const d of daemons) signalGroup(d.pid, 'SIGTERM');
	const gone = async (ms: number) => {
		const deadline = Date.now() + ms;
		while (processesInGroups(pgids).length > 0) {
			if (Date.now() > deadline) return false;
			await new Promise((r) => setTimeout(r, 50));
		}
		return true;
	};
	let clean = await gone(5000);
	if (!clean) {
		for (const g of pgids) signalGroup(g, 'SIGKILL');
		clean = await gone(2000);
	}
	await Promise.all(daemons.map((d) => d.exited));
	for (const g of pgids) groups.delete(g);
	if (!clean)
		throw new Error(
			`Mail server processes left running after stop:\n${processesInGroups(pgids).join('\n')}`,
		);
}

/**
 * `count` distinct free TCP ports on 127.0.0.1: all are held open together while asked for,
 * so no two are the same.
 */
export async function freePorts(count: number): Promise<number[]> {
	const servers: Server[] = [];
	try {
		for (let i = 0; i < count; i++) {
			const server = createServer();
			servers.push(server);
			await new Promise<void>((resolve, reject) => {
				server.once('error', reject);
				server.listen(0, '127.0.0.1', () => resolve());
			});
		}
		return servers.map((s) => (s.address() as { port: number }).port);
	} finally {
		await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
	}
}

/**
 * The first line a server sends on 127.0.0.1:`port` (after the TLS handshake with `tls`), or
 * undefined if it did not answer.
 */
function greeting(port: number, tls: boolean): Promise<string | undefined> {
	return new Promise((resolve) => {
		const socket: Socket = tls
			? connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false })
			: connect({ host: '127.0.0.1', port });
		let text = '';
		const finish = (value: string | undefined) => {
			socket.destroy();
			resolve(value);
		};
		socket.setTimeout(2000, () => finish(undefined));
		socket.on('error', () => finish(undefined));
		socket.on('data', (chunk) => {
			text += chunk.toString('latin1');
			if (text.includes('\n')) finish(text.split('\n')[0].trim());
		});
		socket.on('end', () => finish(text || undefined));
	});
}

/**
 * Waits until the server on `port` greets with `start` (Postfix's "220 ", Dovecot's "* OK") and
 * this start's `token`, which proves that this daemon answers there (not another test bed's
 * server that took the port), and that the child process doing the work runs, not only that
 * the master opened the port. Fails at once if the daemon exited.
 */
export async function waitForGreeting(
	daemon: Daemon,
	{ port, tls = false }: { port: number; tls?: boolean },
	start: string,
	token: string,
	describe: () => string,
	timeoutMs = 15_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let last: string | undefined;
	for (;;) {
		if (daemon.hasExited())
			throw new DaemonStoppedError(`${daemon.name} stopped while starting. ${describe()}`);
		last = await greeting(port, tls);
		if (last?.startsWith(start) && last.includes(token) && !daemon.hasExited()) return;
		if (Date.now() > deadline)
			throw new Error(
				`${daemon.name} did not greet on 127.0.0.1:${port} within ${timeoutMs / 1000} s ` +
					`(last answer: ${last ?? 'none'}). ${describe()}`,
			);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** Waits until `daemon` created `path` (a unix socket it listens on). */
export async function waitForFile(
	daemon: Daemon,
	path: string,
	describe: () => string,
	timeoutMs = 15_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!existsSync(path)) {
		if (daemon.hasExited())
			throw new DaemonStoppedError(`${daemon.name} stopped while starting. ${describe()}`);
		if (Date.now() > deadline)
			throw new Error(
				`${daemon.name} did not create ${path} within ${timeoutMs / 1000} s. ${describe()}`,
			);
		await new Promise((r) => setTimeout(r, 50));
	}
}
