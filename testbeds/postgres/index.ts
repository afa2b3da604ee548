import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../mail-server/processes';

/** Debian's PostgreSQL server binaries (package postgresql); .ci/run installs them where missing. */
export function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const version = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))[0]
		: undefined;
	if (!version)
		throw new Error(
			'The PostgreSQL test bed needs Debian\'s PostgreSQL server: install it as root with "apt-get install -y --no-install-recommends postgresql" (.ci/run does).',
		);
	return join(root, version, 'bin');
}

export interface PostgresServer {
	port: number;
	/** The database n8n uses; user `postgres`, any password (trust on loopback). */
	database: string;
	/** Ends the server at once (kill -9, as a crash or an outage) and keeps its data. */
	kill(): Promise<void>;
	/** Starts it again on the same port with the same data (after kill). */
	start(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * A private PostgreSQL on 127.0.0.1 at a free port, its cluster in a temporary folder (n8n's
 * queue mode needs a database every process shares). Runs as the `postgres` system user when
 * the tests run as root (PostgreSQL refuses root); no system service is started or touched.
 */
export async function startPostgres(database = 'n8n'): Promise<PostgresServer> {
	const bin = postgresBin();
	const [port] = await freePorts(1);
	const dir = mkdtempSync(join(tmpdir(), 'postgres-testbed-'));
	const data = join(dir, 'data');
	// PostgreSQL refuses to run as root: there it runs as the postgres system user.
	const user =
		process.getuid?.() === 0
			? {
					uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
					gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
				}
			: {};
	if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
	chmodSync(dir, 0o700);
	const run = (file: string, args: string[]) =>
		execFileSync(file, args, { ...user, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
	run(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'--auth=trust',
		'--no-sync',
		'--encoding=UTF8',
	]);
	let child: ChildProcess;
	const start = async () => {
		// Just after a kill -9 the old backends may still hold the shared memory for a moment:
		// postgres then refuses to start, and is started again.
		const deadline = Date.now() + 15_000;
		for (;;) {
			spawnPostgres();
			if (await accepting(port, child)) return;
			if (Date.now() > deadline) throw new Error('postgres did not start within 15 s');
			await new Promise((done) => setTimeout(done, 300));
		}
	};
	const spawnPostgres = () => {
		child = spawn(
			join(bin, 'postgres'),
			[
				'-D',
				data,
				'-p',
				String(port),
				'-k',
				dir,
				'-c',
				'listen_addresses=127.0.0.1',
				// A test database: speed over durability, which the outage test does not need.
				'-c',
				'fsync=off',
				'-c',
				'max_connections=100',
			],
			{ ...user, cwd: dir, stdio: 'ignore' },
		);
	};
	await start();
	run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
	const end = async (signal: NodeJS.Signals) => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((done) => child.once('exit', done));
		// After a kill -9 the backends notice their postmaster is gone and end; start() waits.
		child.kill(signal);
		await exited;
	};
	return {
		port,
		database,
		kill: () => end('SIGKILL'),
		start,
		async stop() {
			await end('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** True once the server accepts connections; false when it exited first. */
async function accepting(port: number, child: ChildProcess): Promise<boolean> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) return false;
		const up = await new Promise<boolean>((done) => {
			const socket = createConnection({ host: '127.0.0.1', port }, () => {
				socket.end();
				done(true);
			});
			socket.on('error', () => done(false));
		});
		if (up) return true;
		if (Date.now() > deadline) throw new Error(`postgres did not listen on ${port} within 30 s`);
		await new Promise((done) => setTimeout(done, 100));
	}
}
