import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '../mail-server/processes';

/** Debian's redis-server; .ci/run installs it (apt) where it is missing. Tests never skip. */
export const REDIS_SERVER = '/usr/bin/redis-server';

export function ensureRedisInstalled(): void {
	if (!existsSync(REDIS_SERVER))
		throw new Error(
			'The Redis test bed needs Debian\'s redis-server: install it as root with "apt-get install -y --no-install-recommends redis-server" (.ci/run does).',
		);
}

export interface RedisServer {
	port: number;
	/** Ends the server (kill -9: as a crash would) and starts it again on the same port, empty. */
	restart(): Promise<void>;
	stop(): Promise<void>;
}

/**
 * A private redis-server on 127.0.0.1 at a free port, nothing persisted (as a Redis restarted
 * without its data), its folder deleted at stop. n8n's queue mode needs exactly such a Redis.
 */
export async function startRedis(): Promise<RedisServer> {
	ensureRedisInstalled();
	const [port] = await freePorts(1);
	const dir = mkdtempSync(join(tmpdir(), 'redis-testbed-'));
	let child: ChildProcess;
	const start = async () => {
		child = spawn(
			REDIS_SERVER,
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				dir,
			],
			{ stdio: 'ignore' },
		);
		await listening(port);
	};
	const end = async (signal: NodeJS.Signals) => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((done) => child.once('exit', done));
		child.kill(signal);
		await exited;
	};
	await start();
	return {
		port,
		async restart() {
			await end('SIGKILL');
			await start();
		},
		async stop() {
			await end('SIGTERM');
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

async function listening(port: number): Promise<void> {
	const deadline = Date.now() + 10_000;
	for (;;) {
		const up = await new Promise<boolean>((done) => {
			const socket = createConnection({ host: '127.0.0.1', port }, () => {
				socket.end();
				done(true);
			});
			socket.on('error', () => done(false));
		});
		if (up) return;
		if (Date.now() > deadline)
			throw new Error(`redis-server did not listen on ${port} within 10 s`);
		await new Promise((done) => setTimeout(done, 50));
	}
}
