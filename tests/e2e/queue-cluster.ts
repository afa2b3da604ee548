import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8nServer, preparedUserFolder } from '../../testbeds/n8n/n8n-server';
import { startPostgres, type PostgresServer } from '../../testbeds/postgres';
import { startRedis, type RedisServer } from '../../testbeds/redis';

/**
 * n8n in queue mode as its documentation sets it up, on loopback: one Redis and one PostgreSQL
 * (Debian's packages, private instances), a main instance and workers, every process with its
 * own user folder (as on separate machines) holding the package installed as users install it,
 * and the same encryption key.
 */
export interface QueueCluster {
	redis: RedisServer;
	postgres: PostgresServer;
	main: N8nServer;
	workers: N8nServer[];
	/** The settings every process of the installation shares. */
	env: Record<string, string>;
	/** Which worker ran (or began) an execution, from the workers' own log lines. */
	workerOf(executionId: string): number | undefined;
	stop(): Promise<void>;
}

export async function startQueueCluster(workers = 2): Promise<QueueCluster> {
	const redis = await startRedis();
	const postgres = await startPostgres();
	const env: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: 'postgres',
		N8N_ENCRYPTION_KEY: 'queue-tier-encryption-key-0123456789',
		// Worker logs name the executions they take (job-processor's "Worker started execution").
		N8N_LOG_LEVEL: 'info',
		// An execution that delivered documents but was never saved (its database went away) holds
		// its workflow's later runs back this long (30 minutes by default): 1 minute for the tests.
		INVOICE_PORTALS_DELIVERY_SETTLE_MINUTES: '1',
	};
	// The package is packed and installed once; each process gets a copy of that user folder.
	const installed = preparedUserFolder();
	const folder = () => {
		const copy = mkdtempSync(join(tmpdir(), 'n8n-queue-'));
		cpSync(installed, copy, { recursive: true });
		return copy;
	};
	const main = new N8nServer(folder());
	const started: N8nServer[] = [];
	try {
		await main.start(env);
		// Workers build the resume URLs of waiting executions (a Wait node's $execution.resumeUrl),
		// and only the main serves them: every process must name the main's address, as n8n's
		// queue-mode documentation says with WEBHOOK_URL.
		env.WEBHOOK_URL = `${main.url}/`;
		env.N8N_EDITOR_BASE_URL = `${main.url}/`;
		for (let i = 0; i < workers; i++) {
			const worker = new N8nServer(folder());
			worker.role = 'worker';
			started.push(worker);
		}
		// The main has set up the database; the workers start side by side.
		await Promise.all(started.map((worker) => worker.start(env)));
	} catch (error) {
		for (const server of [main, ...started]) {
			await server.stop('SIGKILL');
			server.dispose();
		}
		await postgres.stop();
		await redis.stop();
		throw error;
	} finally {
		rmSync(installed, { recursive: true, force: true });
	}
	return {
		redis,
		postgres,
		main,
		workers: started,
		env,
		workerOf(executionId) {
			const line = new RegExp(`Worker started execution ${executionId} \\(`);
			const at = started.findIndex((w) => w.log.some((l) => line.test(l)));
			return at >= 0 ? at : undefined;
		},
		async stop() {
			for (const server of [...started, main]) {
				await server.stop();
				server.dispose();
			}
			await postgres.stop();
			await redis.stop();
		},
	};
}
