import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { StageCounts } from '../collection/filters';
import { REASONS, type ChallengeMethod, type ReasonCode } from '../outcomes/reasons';
import { succeeded, type RunResult } from '../outcomes/result';
import type { ConnectionStatus } from '../outcomes/statuses';

/** Where statuses are kept; point it at a shared volume when several n8n processes run. */
export const ENV_STATE_DIR = 'INVOICE_PORTALS_STATE_DIR';

/** The last known state of one connection. No secrets: safe to show and to store unencrypted. */
export interface ConnectionRecord {
	portal: string;
	connection: string;
	status: ConnectionStatus;
	reason?: ReasonCode;
	message: string;
	remedy: string;
	method?: ChallengeMethod;
	lastRunAt: string;
	lastSuccessAt?: string;
	lastCounts?: StageCounts;
	/** Which node wrote it: the action node or the trigger. */
	source: string;
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
	if (env[ENV_STATE_DIR]) return env[ENV_STATE_DIR]!;
	// Beside n8n's own data (N8N_USER_FOLDER/.n8n), so it survives restarts with it.
	return join(env.N8N_USER_FOLDER ?? homedir(), '.n8n', 'invoice-portals', 'status');
}

/**
 * Connection statuses in small JSON files, one per connection, written atomically. Shared by
 * every workflow and node of the instance (the trigger's runs show up in Get Status).
 */
export class StatusStore {
	constructor(private readonly dir = defaultStateDir()) {}

	private file(connection: string): string {
		return join(
			this.dir,
			`${createHash('sha256').update(connection).digest('hex').slice(0, 32)}.json`,
		);
	}

	get(connection: string): ConnectionRecord | undefined {
		try {
			return JSON.parse(readFileSync(this.file(connection), 'utf8')) as ConnectionRecord;
		} catch {
			return undefined;
		}
	}

	put(record: ConnectionRecord): void {
		mkdirSync(this.dir, { recursive: true });
		const target = this.file(record.connection);
		const temp = `${target}.${process.pid}.tmp`;
		writeFileSync(temp, JSON.stringify(record, null, 2));
		renameSync(temp, target);
	}

	/** Records a run's outcome, keeping the last success time across failures. */
	record(connection: string, result: RunResult, source: string): ConnectionRecord {
		const previous = this.get(connection);
		const record: ConnectionRecord = {
			portal: result.portal,
			connection,
			status: result.status,
			reason: result.reason,
			message: result.message,
			remedy: result.remedy,
			method: result.challenge?.method,
			lastRunAt: result.finishedAt,
			lastSuccessAt: succeeded(result) ? result.finishedAt : previous?.lastSuccessAt,
			lastCounts: result.counts,
			source,
		};
		this.put(record);
		return record;
	}

	/**
	 * Records that nothing runs for now (downloads switched off, or a rejected login waiting for
	 * new login data), keeping the last run's facts. Written only when it differs from what is there.
	 */
	recordPaused(
		connection: string,
		portal: string,
		reason: ReasonCode,
		message: string,
		source: string,
		now = new Date(),
	): ConnectionRecord {
		const previous = this.get(connection);
		if (previous?.status === 'paused' && previous.reason === reason) return previous;
		const record: ConnectionRecord = {
			portal,
			connection,
			status: 'paused',
			reason,
			message,
			remedy: REASONS[reason].remedy,
			lastRunAt: previous?.lastRunAt ?? now.toISOString(),
			lastSuccessAt: previous?.lastSuccessAt,
			lastCounts: previous?.lastCounts,
			source,
		};
		this.put(record);
		return record;
	}
}
